/**
 * Chart models (src/core/charts): the ECharts options every chart kind builds, checked against
 * numbers worked out by hand or printed in the 2025 report (test/fixtures/published-2025.json),
 * never against the chart code's own output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  choroplethChart,
  editionSeriesChart,
  editionSeriesFromResult,
  editionSeriesTitle,
  groupMeansChart,
  groupMeansFromStats,
  groupStats,
  heatmapChart,
  heatmapFromResult,
  matchMapRegions,
  radarChart,
  radarFromResult,
  rankingChart,
  targetsChart,
  tileGridChart,
  unitValuesFromResult,
  formatValue,
  type EvaluationResult,
  type Framework,
  type ChartSpec,
} from '../src/core/index.ts';
import { labelDecimals, niceRange, textWidth } from '../src/core/charts/common.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';
import { fixture } from './helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read into plain option objects
type Opt = Record<string, any>;
const opt = (s: ChartSpec): Opt => s.option as Opt;

/**
 * A run by hand: units A, B, C over editions 2024 and 2025, root X with children P and Q.
 * X = mean of P and Q. Scores:
 *          2024: P   Q   X      2025: P   Q   X
 *   A           80  60  70          84  66  75
 *   B           70  70  70          72  74  73
 *   C           90  NaN 90 (Q missing) 91  NaN 91
 */
function handRun(): EvaluationResult {
  const f = (...xs: number[]) => Float64Array.from(xs);
  return {
    recipe: { reporting: { threshold: 80, decimals: 2 } } as unknown as EvaluationResult['recipe'],
    firstEdition: 2024,
    baseEdition: 2024,
    framework: { id: 'hand', version: '1' },
    editions: [2024, 2025],
    dataYears: [2023, 2024],
    units: ['A', 'B', 'C'],
    nodes: ['X', 'P', 'Q'],
    values: { P: f(8, 7, 9, 8.4, 7.2, 9.1) },
    scores: { X: f(70, 70, 90, 75, 73, 91), P: f(80, 70, 90, 84, 72, 91), Q: f(60, 70, NaN, 66, 74, NaN) },
    // ranks as the engine gives them: ties share the best rank
    ranks: { X: f(2, 2, 1, 2, 3, 1), P: f(2, 3, 1, 2, 3, 1), Q: f(2, 1, NaN, 2, 1, NaN) },
    flags: {},
    bounds: {},
    weights: { P: 0.5, Q: 0.5 },
    warnings: [],
  };
}
const handFramework = {
  id: 'hand',
  version: '1',
  name: { zh: '手算', en: 'Hand' },
  root: 'X',
  variables: [],
  nodes: [
    { code: 'X', name: { zh: '总' }, parent: null, weight: 1, direction: 1, kind: 'aggregate', level: 0, children: ['P', 'Q'] },
    { code: 'P', name: { zh: '甲指标' }, parent: 'X', weight: 1, direction: 1, kind: 'raw', level: 1, children: [] },
    { code: 'Q', name: { zh: '乙指标' }, parent: 'X', weight: 1, direction: 1, kind: 'raw', level: 1, children: [] },
  ],
} as unknown as Framework;

test('national index over editions (fig. 19): the sample run prints the published 131.8 for 2025 and 131.8 − 6.3 = 125.5 for 2024', () => {
  const pub = JSON.parse(fixture('published-2025.json')) as { national: { total: { score: number; change: number }; subindices: Record<string, { score: number; change: number }> } };
  const run = evaluateFiles({ framework: 'cnipa-national', data: ['data/sample/national.csv'], edition: 2025 });
  const labels = (node: string): string[] => (opt(editionSeriesChart(editionSeriesFromResult(run.result, { node }), { lang: 'zh', baseLine: 100 })).series[0].data as Opt[]).map((d) => d.label.formatter);
  const total = labels(run.framework.root);
  assert.equal(total.length, 5);
  assert.equal(total[0], '100.0', 'the base edition 2021 = 100');
  assert.equal(total[4], pub.national.total.score.toFixed(1));
  assert.equal(total[3], (pub.national.total.score - pub.national.total.change).toFixed(1));
  // figures 20–25: each sub-index's 2025 value as printed, and its 2024 value as printed value − printed change
  const subs = run.framework.nodes.filter((n) => n.parent === run.framework.root);
  assert.equal(subs.length, 6);
  for (const [name, printed] of Object.entries(pub.national.subindices)) {
    const node = subs.filter((n) => n.name.zh.includes(name));
    assert.equal(node.length, 1, name);
    const l = labels(node[0]!.code);
    assert.equal(l[4], printed.score.toFixed(1), `${name} 2025`);
    assert.equal(l[3], (printed.score - printed.change).toFixed(1), `${name} 2024`);
  }
  const o = opt(editionSeriesChart(editionSeriesFromResult(run.result), { lang: 'en', baseLine: 100 }));
  assert.deepEqual(o.xAxis.data, ['2021', '2022', '2023', '2024', '2025']);
  assert.equal(o.series[0].markLine.data[0].yAxis, 100);
  assert.deepEqual(opt(editionSeriesChart([{ edition: 2022, value: 1 }, { edition: 2021, value: null }], { lang: 'zh' })).xAxis.data, ['2021年', '2022年'], 'editions sorted');
});

test('figure titles as the report prints them, in both languages', () => {
  assert.equal(editionSeriesTitle({ figure: 19, name: '知识产权强国建设指数', first: 2021, last: 2025 }), '图 19 2021—2025年知识产权强国建设指数（分）');
  assert.equal(editionSeriesTitle({ figure: 20, name: 'IP system', first: 2021, last: 2025, lang: 'en' }), 'Figure 20 IP system, 2021–2025 (points)');
  assert.equal(editionSeriesTitle({ name: '知识产权制度', first: 2021, last: 2025 }), '2021—2025年知识产权制度（分）');
});

test('group means with increments (fig. 26–27): labels are the mean over the increment; the adapter averages the members', () => {
  // the report's printed 东部/中部 totals: 87.30 (+0.75), 82.45 (+0.87)
  const o = opt(groupMeansChart({ groups: ['东部', '中部'], series: [{ name: '总指数', means: [87.3, 82.45], changes: [0.75, 0.87] }] }, { lang: 'zh' }));
  assert.deepEqual(o.xAxis.data, ['东部', '中部']);
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.value), [87.3, 82.45]);
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.label.formatter), ['{m|87.30}\n{c|+0.75}', '{m|82.45}\n{c|+0.87}']);
  assert.equal(o.series.length, 1, 'no line unless asked');
  const withLine = opt(groupMeansChart({ groups: ['东部'], series: [{ name: 'X', means: [1], changes: [-0.004] }] }, { changeLine: true, lang: 'en' }));
  assert.equal(withLine.series[1].yAxisIndex, 1);
  assert.equal(withLine.series[1].data[0].label.formatter, '0.00', 'a change that rounds to zero is 0.00, not −0.00');
  assert.throws(() => groupMeansChart({ groups: ['a', 'b'], series: [{ name: 'S', means: [1], changes: [1] }] }), /series S has 1 means and 1 changes, expected 2/);

  // G1 = {A, B}, G2 = {C}: X in 2025 = (75 + 73)/2 = 74, change on 2024 (70 + 70)/2 = 70 → +4; G2 = 91, +1
  const res = handRun();
  const grouping = { id: 'two', name: { zh: '两组' }, groups: [{ code: 'G1', name: { zh: '一组' }, members: ['A', 'B'] }, { code: 'G2', name: { zh: '二组' }, members: ['C'] }] };
  const input = groupMeansFromStats(groupStats(res, [grouping], { threshold: 80 }), { grouping: 'two', edition: 2025, nodes: ['X', 'Q'], groupName: (c) => grouping.groups.find((g) => g.code === c)!.name.zh });
  assert.deepEqual(input.groups, ['一组', '二组']);
  assert.deepEqual(input.series[0], { name: 'X', means: [74, 91], changes: [4, 1] });
  // Q: G1 = (66 + 74)/2 = 70, change 70 − 65 = 5; G2 has no Q score → null, not NaN
  assert.deepEqual(input.series[1], { name: 'Q', means: [70, null], changes: [5, null] });
  assert.throws(() => groupMeansFromStats([], { grouping: 'two', edition: 2025, nodes: ['X'] }), /grouping two has no statistics for edition 2025/);
});

test('unit values: score, change on last year, rank and rank change from the run', () => {
  const v = unitValuesFromResult(handRun(), { node: 'X', edition: 2025, unitName: (c) => `单位${c}` });
  assert.deepEqual(v, [
    { code: 'A', name: '单位A', value: 75, change: 5, rank: 2, rankChange: 0 },
    { code: 'B', name: '单位B', value: 73, change: 3, rank: 3, rankChange: -1 },
    { code: 'C', name: '单位C', value: 91, change: 1, rank: 1, rankChange: 0 },
  ]);
  assert.equal(unitValuesFromResult(handRun(), { node: 'X', edition: 2024 })[0]!.change, null, 'no change in the first edition');
  assert.deepEqual(unitValuesFromResult(handRun(), { node: 'P', edition: 2025, measure: 'value' }).map((x) => x.value), [8.4, 7.2, 9.1]);
  assert.throws(() => unitValuesFromResult(handRun(), { node: 'Z', edition: 2025 }), /node Z has no scores in the results/);
  assert.throws(() => unitValuesFromResult(handRun(), { node: 'X', edition: 2030 }), /edition 2030 is not in the results/);
});

test('base-map regions: matched by id first, then by short, full or English name; others reported', () => {
  const units = [
    { code: '440000', name: { zh: '广东', en: 'Guangdong' }, aliases: ['广东省'] },
    { code: '450000', name: { zh: '广西', en: 'Guangxi' }, aliases: ['广西壮族自治区'] },
    { code: '110000', name: { zh: '北京', en: 'Beijing' }, aliases: ['北京市'] },
    { code: '540000', name: { zh: '西藏', en: 'Xizang' }, aliases: ['西藏自治区'] },
  ];
  const m = matchMapRegions([{ name: 'Region 44', id: '440000' }, { name: '广西壮族自治区' }, { name: '北京' }, { name: '台湾', id: '710000' }], units);
  assert.deepEqual(m.regions, { '440000': 'Region 44', '450000': '广西壮族自治区', '110000': '北京' });
  assert.deepEqual(m.unmatched, ['540000']);
  assert.deepEqual(matchMapRegions([{ name: '西藏' }], units).regions, { '540000': '西藏' }, 'a map with short names and a unit known by its full name');
});

test('choropleth: display names through nameMap, the 南海诸岛 inset styled, the scale from the data, units off the map listed', () => {
  const data = [
    { code: '440000', name: 'Guangdong', value: 93.02 },
    { code: '460000', name: 'Hainan', value: 71.4 },
    { code: '999999', name: 'Nowhere', value: 50 },
  ];
  const s = choroplethChart(data, { regions: { '440000': '广东', '460000': '海南' }, lang: 'en', sample: true, title: 'T' });
  const o = opt(s);
  assert.equal(s.map, 'china');
  assert.deepEqual(s.unplaced, ['999999']);
  assert.deepEqual(o.series[0].nameMap, { 广东: 'Guangdong', 海南: 'Hainan' });
  const items = o.series[0].data as Opt[];
  assert.equal(items[0]!.name, '南海诸岛');
  assert.equal(items[0]!.itemStyle.areaColor, '#9a9a9a');
  assert.deepEqual(items.slice(1).map((d) => [d.name, d.value, d.label.formatter]), [['Guangdong', 93.02, 'Guangdong\n93.02'], ['Hainan', 71.4, 'Hainan\n71.40']]);
  // 71.4 → 70 and 93.02 → 95 (multiples of 5); the unplaced 50 does not widen the scale
  assert.deepEqual([o.visualMap.min, o.visualMap.max], [70, 95]);
  // 93.02 lies 92 % up the 70–95 scale (a dark fill): white text; 71.4 at 6 %: dark text
  assert.deepEqual([items[1]!.label.color, items[2]!.label.color], ['#ffffff', '#111111']);
  assert.ok(o.graphic.some((g: Opt) => g.style.text === 'SAMPLE DATA'));
  assert.ok(o.graphic.some((g: Opt) => g.style.text === 'score'));
  assert.equal(opt(choroplethChart(data, { regions: {}, map: 'mine', min: 0, max: 100 })).visualMap.max, 100);
});

test('tile grid: one equal square per tile at its row and column, grey tiles without data, data without a tile listed', () => {
  const layout = { tiles: [{ code: 'A', row: 0, col: 0 }, { code: 'B', row: 0, col: 2 }, { code: 'C', row: 1, col: 1 }] };
  const s = tileGridChart([{ code: 'A', name: '甲', value: 81.25 }, { code: 'C', name: '丙', value: null }, { code: 'D', name: '丁', value: 1 }], { layout, lang: 'zh' });
  const o = opt(s);
  assert.deepEqual(s.unplaced, ['D']);
  assert.equal(o.grid.width / 3, o.grid.height / 2, 'squares: 3 columns × 2 rows');
  // one value 81.25: scale 80–85 (step 5), a light fill → dark text with a white halo
  assert.deepEqual(o.series[0].data, [{ name: '甲', value: [0, 0, 81.25], label: { formatter: '甲\n81.25', color: '#111111', textBorderColor: '#ffffff', textBorderWidth: 2 } }]);
  assert.deepEqual(o.series[1].data.map((d: Opt) => [d.value.slice(0, 2), d.label.formatter]), [[[2, 0], 'B\n无数据'], [[1, 1], '丙\n无数据']]);
  assert.equal(o.yAxis.inverse, true, 'row 0 at the top');
});

test('ranking bars: rank 1 on top, rises ▲ red and falls ▼ green with the score, ties in input order, missing last', () => {
  const o = opt(rankingChart([
    { name: '乙', value: 80.5, change: -0.25, rank: 2, rankChange: -1 },
    { name: '无', value: null },
    { name: '甲', value: 90.123, change: 1.5, rank: 1, rankChange: 1 },
    { name: '丙', value: 80.5, change: 0, rank: 2 },
  ], { lang: 'zh' }));
  assert.deepEqual(o.yAxis.data, ['1 甲', '2 乙', '2 丙', '4 无']);
  assert.equal(o.yAxis.inverse, true);
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.label.formatter), ['{v|90.12}  {up|▲1.50}  {up|↑1}', '{v|80.50}  {down|▼0.25}  {down|↓1}', '{v|80.50}  {same|—0}', '{v|—}']);
  assert.equal(o.series[0].label.rich.up.color, '#c9302c');
  assert.deepEqual(opt(rankingChart([{ name: 'a', value: 1 }, { name: 'b', value: 2 }, { name: 'c', value: 3 }], { top: 2 })).yAxis.data, ['1 c', '2 b'], 'the first two: c (3), b (2)');
});

test('radar: the unit against the mean of all units; the adapter takes means over units with a score', () => {
  const input = radarFromResult(handRun(), { unit: 'A', edition: 2025, nodes: ['P', 'Q'], lang: 'zh' });
  // P mean = (84 + 72 + 91)/3 = 82.333…; Q mean over A, B only = (66 + 74)/2 = 70
  assert.deepEqual(input.axes, ['P', 'Q']);
  assert.deepEqual(input.series[0], { name: 'A', values: [84, 66] });
  assert.equal(input.series[1]!.name, '全国平均');
  assert.ok(Math.abs(input.series[1]!.values[0]! - 247 / 3) < 1e-12);
  assert.equal(input.series[1]!.values[1], 70);
  const o = opt(radarChart(input, { lang: 'en' }));
  // lowest value 66 → floor((66 − 10)/10)·10 = 50; top 100
  assert.deepEqual(o.radar.indicator, [{ name: 'P', min: 50, max: 100 }, { name: 'Q', min: 50, max: 100 }]);
  assert.deepEqual(o.series[0].data[1].value, [82.333333, 70]);
  assert.throws(() => radarChart({ axes: ['a', 'b'], series: [{ name: 's', values: [1] }] }), /radar series s has 1 values, expected 2/);
  assert.throws(() => radarFromResult(handRun(), { unit: 'Z', edition: 2025, nodes: ['P'] }), /unit Z is not in the results/);
});

test('heat map: units in rank order × the indicators under a node; missing cells grey', () => {
  const input = heatmapFromResult(handRun(), handFramework, { edition: 2025 });
  // ranks of X in 2025: C 1, A 2, B 3
  assert.deepEqual(input.rows, ['C', 'A', 'B']);
  assert.deepEqual(input.columns, ['P', 'Q']);
  assert.deepEqual(input.columnNames, ['甲指标', '乙指标']);
  assert.deepEqual(input.values, [[91, null], [84, 66], [72, 74]]);
  const o = opt(heatmapChart(input, { lang: 'zh' }));
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.value), [[0, 0, 91], [0, 1, 84], [1, 1, 66], [0, 2, 72], [1, 2, 74]]);
  assert.deepEqual(o.series[1].data.map((d: Opt) => d.value), [[1, 0, 0]]);
  // 66 … 91: range 25, step 10/2 = 5 → 65 … 95
  assert.deepEqual([o.visualMap[0].min, o.visualMap[0].max], [65, 95]);
  assert.throws(() => heatmapChart({ rows: ['a'], columns: ['x', 'y'], values: [[1]] }), /row 1 \(a\) has 1 values, expected 2/);
});

test('plan targets: value as a share of the target (100 = the target), green when met, labels with value, target and status', () => {
  const o = opt(targetsChart([
    { label: '专利密集型产业增加值占GDP比重', value: 13.04, target: 13, met: true, unit: '%' },
    { label: '知识产权使用费年进出口总额', value: 3987.1, target: 3500, met: true, unit: '亿元' },
    { label: '审查周期', value: 16, target: 15, met: false, unit: '月', atMost: true },
  ], { lang: 'zh' }));
  // 13.04/13 = 100.31 %, 3987.1/3500 = 113.92 %, at most: 15/16 = 93.75 %
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.value), [100.31, 113.92, 93.75]);
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.label.formatter), ['13.04%（目标 13%）已达到', '3987.1 亿元（目标 3500 亿元）已达到', '16 月（目标 15 月）未达到']);
  assert.deepEqual(o.series[0].data.map((d: Opt) => d.itemStyle.color), ['#3a9b5d', '#3a9b5d', '#e07b39']);
  assert.equal(o.series[0].markLine.data[0].xAxis, 100);
  const en = opt(targetsChart([{ label: 'Share', value: 12.5, target: 13, met: false, unit: '%' }], { lang: 'en' }));
  assert.equal(en.series[0].data[0].label.formatter, '12.5% (target 13%) not met');
});

test('every kind: the sample mark when sample is set and not otherwise; plain JSON (no functions); names cannot inject label markup', () => {
  const res = handRun();
  const make = (sample: boolean, lang: 'zh' | 'en'): ChartSpec[] => [
    editionSeriesChart([{ edition: 2024, value: 1 }], { sample, lang }),
    groupMeansChart({ groups: ['g'], series: [{ name: 's', means: [1], changes: [0.5] }] }, { sample, lang }),
    choroplethChart([{ code: '440000', name: '广东', value: 1 }], { regions: { '440000': '广东' }, sample, lang }),
    tileGridChart([{ code: 'A', name: 'a', value: 1 }], { layout: { tiles: [{ code: 'A', row: 0, col: 0 }] }, sample, lang }),
    rankingChart([{ name: 'a', value: 1 }], { sample, lang }),
    radarChart(radarFromResult(res, { unit: 'A', edition: 2025, nodes: ['P', 'Q'] }), { sample, lang }),
    heatmapChart(heatmapFromResult(res, handFramework, { edition: 2025 }), { sample, lang }),
    targetsChart([{ label: 't', value: 1, target: 1, met: true }], { sample, lang }),
  ];
  for (const lang of ['zh', 'en'] as const) {
    const mark = lang === 'zh' ? '样本数据' : 'SAMPLE DATA';
    for (const s of make(true, lang)) {
      assert.ok(JSON.stringify(s.option).includes(`"text":"${mark}"`), `sample mark in ${JSON.stringify(s.option).slice(0, 80)}`);
      assert.deepEqual(JSON.parse(JSON.stringify(s.option)), s.option, 'the option is plain JSON');
      assert.ok(s.width > 0 && s.height > 0);
    }
    for (const s of make(false, lang)) assert.ok(!JSON.stringify(s.option).includes(mark));
  }
  const o = opt(rankingChart([{ name: '{up|x}', value: 1 }]));
  assert.equal(o.yAxis.data[0], '1  up x ', 'template characters of a name are taken out');
});

test('number formatting and label widths', () => {
  assert.equal(formatValue(0.7349, 2, true), '+0.73');
  assert.equal(formatValue(-0.001, 2, true), '0.00');
  assert.equal(formatValue(-1.005, 1), '-1.0');
  assert.equal(formatValue(NaN), '—');
  assert.equal(textWidth('Inner Mongolia', 12), 100.8);
  assert.equal(textWidth('内蒙古', 12), 36);
  // range 28.27 → step 10/2 = 5; range 81 954 → step 10 000/2 = 5 000
  assert.deepEqual(niceRange([62.67, 90.94]), [60, 95]);
  assert.deepEqual(niceRange([255, 82209]), [0, 85000]);
  assert.deepEqual(niceRange([0.12, 0.48]), [0.1, 0.5]);
  assert.deepEqual(niceRange([7, 7]), [7, 8], 'one value: from it to one step (1) above');
  assert.deepEqual(niceRange([62.67, 90.94], { min: 0 }), [0, 95]);
  assert.equal(labelDecimals([255, 82209], undefined), 0, 'counts print without decimals');
  assert.equal(labelDecimals([2.5, 3], undefined), 2);
  assert.equal(labelDecimals([2, 3], 1), 1);
});
