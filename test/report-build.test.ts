/**
 * The report document (issue 9): headings numbered as the report numbers them, figures 19–27 with
 * the report's captions, cover meta, and the tables — national sub-indices by edition (checked
 * against the figures the report prints), scores and ranks at every level, group statistics and
 * plan targets (checked against values computed here from scores.csv and the groupings file).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildReport } from '../src/core/report-model/build.ts';
import type { ReportDocument, TableBlock, TableCell } from '../src/core/report-model/document.ts';
import { ROOT, evaluateRun, removeVariants, unitName, variant } from './report-narrative-lib.ts';

after(removeVariants);

const FEES = ['CN,2020,IPFEES,3194,,test,', 'CN,2021,IPFEES,3600,,test,', 'CN,2022,IPFEES,3700,,test,', 'CN,2023,IPFEES,3765,,test,', 'CN,2024,IPFEES,3987.1,,seed:567,'];
const nat = evaluateRun('cnipa-national', variant(join(ROOT, 'data/sample/national.csv'), (r) => r.value, FEES));
const reg = evaluateRun('cnipa-regional', join(ROOT, 'data/sample/regional.csv'));
const inputs = [{ label: 'national.csv', sha256: 'a'.repeat(64) }];
const zh = buildReport([{ ...nat.run, inputs }, reg.run], { lang: 'zh', unitName, generated: '2026-12-02' });
const en = buildReport([nat.run, reg.run], { lang: 'en', unitName });

/** scores.csv as edition|unit|node → score. */
function scores(csv: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of csv.replace(/^\ufeff/, '').split('\n').slice(1)) {
    const c = l.split(',');
    if (c[3]) m.set(`${c[0]}|${c[1]}|${c[2]}`, Number(c[3]));
  }
  return m;
}
const S = new Map([...scores(nat.scoresCsv), ...scores(reg.scoresCsv)]);
const ranks = new Map<string, number>();
for (const l of reg.scoresCsv.replace(/^\ufeff/, '').split('\n').slice(1)) {
  const c = l.split(',');
  if (c[4]) ranks.set(`${c[0]}|${c[1]}|${c[2]}`, Number(c[4]));
}
const table = (doc: ReportDocument, id: string): TableBlock => {
  const t = doc.blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === id);
  assert.ok(t, `no table ${id}`);
  return t;
};
const val = (c: TableCell | undefined): number | null => (c && 'value' in c ? c.value : null);
const txt = (c: TableCell | undefined): string => (c && 'text' in c ? c.text : '');

test('headings are numbered as the report numbers them: 第一章 / 一、 / （一）, Chapter 1 / 1. / (1)', () => {
  const heads = zh.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? `${b.level}${b.number}` : ''));
  assert.deepEqual(heads, ['1', '1第一章', '2一、', '2二、', '2三、', '2四、', '2五、', '1第三章', '2一、', '3（一）', '3（二）', '3（三）', '3（四）', '3（五）', '3（六）', '2二、', '3（一）', '3（二）', '3（三）', '1', '1']);
  const texts = zh.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b.kind === 'heading' ? b.text : ''));
  assert.deepEqual(texts, ['摘要', '知识产权强国建设发展目标总体进展', '知识产权强国建设发展状况评价', '附图', '附表']);
  const enHeads = en.blocks.filter((b) => b.kind === 'heading' && b.level < 3).map((b) => (b.kind === 'heading' ? b.number : ''));
  assert.deepEqual(enHeads, ['', 'Chapter 1', '1.', '2.', '3.', '4.', '5.', 'Chapter 3', '1.', '2.', '', '']);
  // the order of the runs given does not matter
  assert.deepEqual(buildReport([reg.run, { ...nat.run, inputs }], { lang: 'zh', unitName, generated: '2026-12-02' }).blocks, zh.blocks);
});

test('figures 19–27 carry the report\'s captions; chapter 1 numbers its own from 1', () => {
  const caps = zh.blocks.filter((b) => b.kind === 'figure').map((b) => (b.kind === 'figure' ? b.caption : ''));
  assert.deepEqual(caps.slice(6, 15), [
    '图 19 2021—2025年知识产权强国建设指数（分）',
    '图 20 2021—2025年知识产权制度指数（分）',
    '图 21 2021—2025年知识产权保护指数（分）',
    '图 22 2021—2025年知识产权市场运行指数（分）',
    '图 23 2021—2025年知识产权公共服务指数（分）',
    '图 24 2021—2025年知识产权人文社会环境指数（分）',
    '图 25 2021—2025年参与全球知识产权治理指数（分）',
    '图 26 四大区域地区知识产权发展指数平均得分及增幅（分）',
    '图 27 五大区域重大战略地区知识产权发展指数平均得分及增幅（分）',
  ]);
  // chapter 1: the attainment chart, then one series per target with data (the report's 图 3: 2021—2024年知识产权使用费年进出口总额（亿元）)
  assert.deepEqual(caps.slice(0, 6).map((c) => c.split(' ').slice(0, 2).join(' ')), ['图 1', '图 2', '图 3', '图 4', '图 5', '图 6']);
  assert.equal(caps[0], '图 1 预期目标完成情况');
  assert.equal(caps[5], '图 6 2020—2024年知识产权使用费年进出口总额（亿元）');
  // each figure sits right after its section's paragraph, is an ECharts option with a size, and is marked as sample data
  for (const b of zh.blocks) if (b.kind === 'figure') {
    assert.ok(b.width > 0 && b.height > 0 && typeof b.option === 'object');
    assert.match(JSON.stringify(b.option), /样本数据/);
  }
  assert.equal(en.blocks.filter((b) => b.kind === 'figure' && b.caption === 'Figure 19 IP Power Construction Index, 2021–2025 (points)').length, 1);
  // no figures when asked; the map only with a base map's regions (or a tile grid)
  assert.equal(buildReport([nat.run, reg.run], { lang: 'zh', unitName, figures: false }).blocks.filter((b) => b.kind === 'figure').length, 0);
  assert.ok(!zh.blocks.some((b) => b.kind === 'figure' && b.map));
});

test('cover meta: index names, inputs, sample notice (also the first block), date', () => {
  assert.equal(zh.meta.title, '知识产权强国建设发展状况评价报告（2025年）');
  assert.deepEqual(zh.meta.indices, [{ id: 'cnipa-national', name: '知识产权强国建设指数' }, { id: 'cnipa-regional', name: '地区知识产权发展指数' }]);
  assert.deepEqual(zh.meta.inputs, inputs);
  assert.equal(zh.meta.edition, 2025);
  assert.equal(zh.meta.generated, '2026-12-02');
  assert.match(zh.meta.sampleNotice!, /样本数据/);
  assert.deepEqual(zh.blocks[0], { kind: 'paragraph', text: zh.meta.sampleNotice, style: 'note', facts: [] });
  assert.equal(zh.manifests.length, 2);
  // real data: no notice
  const real = buildReport([{ ...reg.run, sampleData: false }], { lang: 'zh', unitName });
  assert.equal(real.meta.sampleNotice, undefined);
  assert.notEqual(real.blocks[0]!.kind === 'paragraph' && real.blocks[0]!.style, 'note');
});

test('one run: the regional index alone has no chapter 1 and numbers its figures from 19', () => {
  const doc = buildReport([reg.run], { lang: 'zh', unitName });
  const l1 = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b.kind === 'heading' ? b.number + b.text : ''));
  assert.deepEqual(l1, ['摘要', '第三章地区知识产权发展状况评价', '附图', '附表']);
  assert.deepEqual(doc.blocks.filter((b) => b.kind === 'figure').map((b) => (b.kind === 'figure' ? b.caption.split(' ').slice(0, 2).join(' ') : '')).slice(0, 2), ['图 19', '图 20']);
  assert.throws(() => buildReport([]), /no run/);
  assert.throws(() => buildReport([reg.run], { edition: 2031 }), /edition 2031 is in none of the runs/);
});

test('national table: the sub-indices by edition as the report prints them (seed lines 240–248)', () => {
  const t = table(zh, 'cnipa-national-by-edition');
  assert.equal(t.caption, '表 1 2021—2025年知识产权强国建设指数及分指数（分）');
  assert.deepEqual(t.columns.map((c) => c.header), ['指数', '2021年', '2022年', '2023年', '2024年', '2025年', '较上年']);
  // the 2025 column to one decimal and the changes: 131.8 (+6.3); 122.5, 135.3, 134.1, 133.3, 137.8, 125.5 (+2.1, 4.8, 11.7, 5.9, 6.5, 1.9)
  const shown = (c: TableCell | undefined): string => (val(c) === null ? '' : val(c)!.toFixed(1));
  assert.deepEqual(t.rows.map((r) => [txt(r[0]), shown(r[5]), shown(r[6])]), [
    ['知识产权强国建设指数', '131.8', '6.3'],
    ['知识产权制度', '122.5', '2.1'],
    ['知识产权保护', '135.3', '4.8'],
    ['知识产权市场运行', '134.1', '11.7'],
    ['知识产权公共服务', '133.3', '5.9'],
    ['知识产权人文社会环境', '137.8', '6.5'],
    ['参与全球知识产权治理', '125.5', '1.9'],
  ]);
  // every cell is scores.csv's value at full precision, with 1 decimal to show; the change is signed
  for (const [i, code] of ['NIDX', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6'].entries()) {
    for (const [k, ed] of [2021, 2022, 2023, 2024, 2025].entries()) assert.equal(val(t.rows[i]![k + 1]), S.get(`${ed}|CN|${code}`));
    assert.equal(val(t.rows[i]![6]), S.get(`2025|CN|${code}`)! - S.get(`2024|CN|${code}`)!);
    assert.deepEqual(t.rows[i]![6], { value: val(t.rows[i]![6]), decimals: 1, format: 'signed' });
  }
});

test('level tables: every province by rank with score, change and rank of each node at that level', () => {
  const t0 = table(zh, 'cnipa-regional-level-0');
  assert.equal(t0.rows.length, 31);
  assert.deepEqual(t0.columns.map((c) => c.header), ['地区', '地区知识产权发展指数 得分', '地区知识产权发展指数 较上年', '地区知识产权发展指数 排名']);
  const units = [...new Set([...ranks.keys()].map((k) => k.split('|')[1]!))];
  const byRank = [...units].sort((a, b) => ranks.get(`2025|${a}|RIDX`)! - ranks.get(`2025|${b}|RIDX`)! || units.indexOf(a) - units.indexOf(b));
  assert.deepEqual(t0.rows.map((r) => txt(r[0])), byRank.map((u) => unitName(u, 'zh')));
  for (const [i, u] of byRank.entries()) {
    assert.equal(val(t0.rows[i]![1]), S.get(`2025|${u}|RIDX`));
    assert.ok(Math.abs(val(t0.rows[i]![2])! - (S.get(`2025|${u}|RIDX`)! - S.get(`2024|${u}|RIDX`)!)) < 1e-12);
    assert.equal(val(t0.rows[i]![3]), ranks.get(`2025|${u}|RIDX`));
  }
  const t1 = table(zh, 'cnipa-regional-level-1');
  assert.equal(t1.columns.length, 1 + 3 * 3);
  const t2 = table(zh, 'cnipa-regional-level-2');
  assert.equal(t2.columns.length, 1 + 9 * 3);
  const gd = t2.rows.find((r) => txt(r[0]) === '广东')!;
  assert.equal(val(gd[1]), S.get('2025|440000|G11'));
  // sheet names: unique, at most 31 characters, none of []:*?/\
  for (const doc of [zh, en]) {
    const names = doc.blocks.filter((b): b is TableBlock => b.kind === 'table').map((b) => b.sheetName);
    assert.equal(new Set(names).size, names.length, names.join(', '));
    for (const n of names) assert.ok(n.length <= 31 && !/[[\]:*?/\\]/.test(n), n);
  }
});

test('group table: means, medians, changes and counts of every group, as computed here from scores.csv and the groupings file', () => {
  const t = table(zh, 'cnipa-regional-groups');
  const g = parseYaml(readFileSync(join(ROOT, 'frameworks/groupings/cn-regions.yaml'), 'utf8')) as { groupings: { id: string; name: { zh: string }; groups: { code: string; name: { zh: string }; members: string[] }[] }[] };
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  let checked = 0;
  for (const grouping of g.groupings) {
    for (const gr of grouping.groups) {
      for (const [node, label] of [['RIDX', '地区知识产权发展指数'], ['P1', '知识产权保护']] as const) {
        const row = t.rows.find((r) => txt(r[0]) === grouping.name.zh && txt(r[1]) === gr.name.zh && txt(r[2]) === label);
        assert.ok(row, `${gr.name.zh} ${label}`);
        const now = gr.members.map((u) => S.get(`2025|${u}|${node}`)!);
        const before = gr.members.map((u) => S.get(`2024|${u}|${node}`)!);
        assert.equal(val(row[3]), gr.members.length);
        assert.ok(Math.abs(val(row[4])! - mean(now)) < 1e-9);
        assert.ok(Math.abs(val(row[5])! - (mean(now) - mean(before))) < 1e-9);
        assert.ok(Math.abs(val(row[6])! - median(now)) < 1e-9);
        assert.equal(val(row[8]), now.filter((x) => x > mean(now) + 1e-9).length);
        assert.equal(val(row[9]), now.filter((x) => x >= 80 - 1e-9).length);
        checked++;
      }
    }
  }
  assert.equal(checked, 18);
  // the single-member group 粤港澳大湾区: its mean and median are 广东's score
  const gba = t.rows.find((r) => txt(r[1]) === '粤港澳大湾区' && txt(r[2]) === '地区知识产权发展指数')!;
  assert.deepEqual([val(gba[3]), val(gba[4]), val(gba[6])], [1, S.get('2025|440000|RIDX'), S.get('2025|440000|RIDX')]);
});

test('plan-target table: indicator, unit, latest value and year, target, target year, status, first met', () => {
  const t = table(zh, 'plan-targets');
  assert.deepEqual(t.columns.map((c) => c.header), ['指标', '单位', '最新值', '数据年份', '预期目标', '目标年份', '完成情况', '首次达到年份']);
  const rows = t.rows.map((r) => [txt(r[0]), txt(r[1]), val(r[2]), val(r[3]), val(r[4]), val(r[5]), txt(r[6]), val(r[7]) ?? txt(r[7])]);
  // values from national.csv (the seed's figures: 93.36, 82.36, 14, 13.04 (2023), 3987.1); statuses as chapter 1 reads them
  assert.deepEqual(rows, [
    ['知识产权民事一审案件服判息诉率', '%', 93.36, 2024, 85, 2025, '提前达到（连续5年）', 2020],
    ['知识产权保护社会满意度', '分', 82.36, 2024, 82, 2025, '提前达到（连续2年）', 2023],
    ['每万人口高价值发明专利拥有量', '件', 14, 2024, 12, 2025, '提前达到', 2024],
    ['专利密集型产业增加值占GDP比重', '%', 13.04, 2023, 13, 2025, '提前达到', 2023],
    ['知识产权使用费年进出口总额', '亿元', 3987.1, 2024, 3500, 2025, '提前达到（连续4年）', 2021],
  ]);
  const enT = table(en, 'plan-targets');
  assert.equal(txt(enT.rows[1]![6]), 'met early (2 years running)');

  // year by year: 知识产权保护社会满意度 80.05, 80.61, 81.25 (below 82), 82.04, 82.36 (national.csv 2020–2024)
  const y = table(zh, 'plan-targets-by-year');
  const sat = y.rows.filter((r) => txt(r[0]) === '知识产权保护社会满意度').map((r) => [val(r[1]), val(r[2]) ?? txt(r[2]), val(r[3]), txt(r[5]), val(r[6])]);
  assert.deepEqual(sat, [
    [2020, 2021, 80.05, '未达到', 0],
    [2021, 2022, 80.61, '未达到', 0],
    [2022, 2023, 81.25, '未达到', 0],
    [2023, 2024, 82.04, '提前达到', 1],
    [2024, 2025, 82.36, '提前达到', 2],
  ]);
  assert.equal(y.rows.filter((r) => txt(r[0]) === '知识产权使用费年进出口总额').length, 5);
});

test('English captions name units in English (分 → points, 亿元 → CNY 100 million), others as written', async () => {
  const { unitInEnglish } = await import('../src/core/report-model/figures.ts');
  assert.equal(unitInEnglish('分'), 'points');
  assert.equal(unitInEnglish('亿元'), 'CNY 100 million');
  assert.equal(unitInEnglish('%'), '%');
  assert.equal(unitInEnglish('件/万人'), '件/万人');
});
