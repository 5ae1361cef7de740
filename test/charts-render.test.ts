/**
 * Rendering chart models on the server (src/io/render-chart.ts): SVG snapshots of every chart
 * kind in Chinese and English (unstable parts normalised; refresh with
 * `UPDATE_CHART_SNAPSHOTS=1 node --import tsx --test test/charts-render.test.ts`), the 南海诸岛
 * inset, the base map and tile grid files, Chinese glyphs in PNG (not blank, not boxes), and a
 * PNG of every kind from the sample runs in tmp-scratch/charts/ to look at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import {
  choroplethChart,
  editionSeriesChart,
  editionSeriesFromResult,
  editionSeriesTitle,
  groupMeansChart,
  groupMeansFromStats,
  heatmapChart,
  heatmapFromResult,
  matchMapRegions,
  radarChart,
  radarFromResult,
  rankingChart,
  targetsChart,
  tileGridChart,
  unitValuesFromResult,
  type ChartSpec,
} from '../src/core/index.ts';
import { CHART_FONT } from '../src/core/charts/common.ts';
import { DEFAULT_BASE_MAP, loadBaseMap, loadTileGrid } from '../src/io/base-map.ts';
import { renderChart, renderSvg, svgToPixels, type PngOptions } from '../src/io/render-chart.ts';
import { loadRegistry } from '../src/io/index.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const SNAP = new URL('./fixtures/charts/', import.meta.url);
const UPDATE = process.env.UPDATE_CHART_SNAPSHOTS === '1';
const registry = loadRegistry();
const baseMap = loadBaseMap();
const regions = matchMapRegions(baseMap.features, registry.units).regions;
const tiles = loadTileGrid();

/**
 * ECharts numbers its renderer instances (zr0, zr1 …) per process: the unstable part. Long path
 * data (the base map's outlines) is replaced by its hash, so a snapshot stays readable and small
 * and still changes when a path does.
 */
function normaliseSvg(svg: string): string {
  return svg
    .replace(/zr\d+-/g, 'zr-')
    .replace(/ d="([^"]{300,})"/g, (_, d: string) => ` d="sha256:${createHash('sha256').update(d).digest('hex').slice(0, 16)}"`)
    .replace(/\r\n/g, '\n')
    .trimEnd() + '\n';
}

/** Fixed literal inputs (not a run), so a snapshot changes only when the chart code does. */
function literalCharts(lang: 'zh' | 'en'): Record<string, ChartSpec> {
  const zh = lang === 'zh';
  const provinces = registry.units.filter((u) => u.code !== 'CN');
  // a value per province that needs no engine: 60 + its position × 1.1
  const values = provinces.map((u, i) => ({ code: u.code, name: registry.name(u.code, lang), value: i === 7 ? null : 60 + i * 1.1, change: i % 3 === 0 ? -0.4 : 0.1 * i, rank: null, rankChange: null }));
  return {
    series: editionSeriesChart([100, 116.253, 120, 125.459, 131.762].map((value, i) => ({ edition: 2021 + i, value })), { lang, sample: true, baseLine: 100, title: editionSeriesTitle({ figure: 19, name: zh ? '知识产权强国建设指数' : 'IP Power Construction Index', first: 2021, last: 2025, lang }) }),
    groups: groupMeansChart({ groups: zh ? ['东部', '中部', '西部', '东北'] : ['East', 'Central', 'West', 'Northeast'], series: [{ name: zh ? '总指数' : 'Index', means: [87.3, 82.45, 77.06, 80.39], changes: [0.75, 0.87, 0.71, 0.41] }, { name: zh ? '保护' : 'Protection', means: [90.62, 88.37, 82.12, 84.39], changes: [1.73, 1.31, 0.56, 0.49] }] }, { lang, sample: true, title: zh ? '图 26 2025年四大区域平均值及增量（分）' : 'Figure 26 Four regions: means and changes (points)' }),
    map: choroplethChart(values, { regions, lang, sample: true, title: zh ? '2025年地区知识产权发展指数' : 'Regional IP Development Index, 2025' }),
    tiles: tileGridChart(values, { layout: tiles, lang, sample: true, title: zh ? '2025年地区知识产权发展指数' : 'Regional IP Development Index, 2025' }),
    ranking: rankingChart(values.slice(0, 10).map((v, i) => ({ ...v, rank: 10 - i, rankChange: i - 4 })), { lang, sample: true, title: zh ? '排名' : 'Ranking' }),
    radar: radarChart({ axes: zh ? ['保护', '市场运行', '发展环境', '司法保护', '行政保护'] : ['Protection', 'Market', 'Environment', 'Judicial', 'Administrative'], series: [{ name: zh ? '海南' : 'Hainan', values: [70.1, 65.2, 80.3, 75.4, null] }, { name: zh ? '全国平均' : 'Mean', values: [75, 70, 78, 76, 74] }] }, { lang, sample: true, title: zh ? '海南' : 'Hainan' }),
    heatmap: heatmapChart({ rows: zh ? ['广东', '江苏', '海南'] : ['Guangdong', 'Jiangsu', 'Hainan'], columns: ['R01', 'R02', 'R03', 'R04'], values: [[95, 90, 85, null], [88, 92, 70, 60], [55, 61, 72, 80]] }, { lang, sample: true, title: zh ? '热力图' : 'Heat map' }),
    targets: targetsChart([
      { label: zh ? '专利密集型产业增加值占GDP比重' : 'Patent-intensive industries, % of GDP', value: 13.04, target: 13, met: true, unit: '%' },
      { label: zh ? '知识产权使用费年进出口总额' : 'IP royalties traded', value: 3987.1, target: 3500, met: true, unit: zh ? '亿元' : 'bn yuan' },
      { label: zh ? '知识产权保护社会满意度' : 'Satisfaction with IP protection', value: 81.2, target: 82, met: false, unit: zh ? '分' : 'points' },
    ], { lang, sample: true, title: zh ? '规划目标完成情况' : 'Plan targets' }),
  };
}

for (const lang of ['zh', 'en'] as const) {
  test(`SVG snapshots, ${lang}: every chart kind renders as it did (test/fixtures/charts/*-${lang}.svg)`, () => {
    if (UPDATE) mkdirSync(SNAP, { recursive: true });
    const stale: string[] = [];
    for (const [kind, spec] of Object.entries(literalCharts(lang))) {
      const svg = normaliseSvg(renderChart(spec));
      assert.match(svg, new RegExp(`^<svg width="${spec.width}" height="${spec.height}"`), kind);
      assert.ok(svg.includes(lang === 'zh' ? '样本数据' : 'SAMPLE DATA'), `${kind}: sample mark`);
      const file = new URL(`${kind}-${lang}.svg`, SNAP);
      if (UPDATE) writeFileSync(file, svg);
      else if (!existsSync(file) || readFileSync(file, 'utf8') !== svg) stale.push(`${kind}-${lang}.svg`);
    }
    assert.deepEqual(stale, [], 'rendered SVG differs from the snapshot: look at the PNGs, then refresh with UPDATE_CHART_SNAPSHOTS=1');
  });
}

test('the 南海诸岛 inset: ECharts 6 adds it to the map registered as china, and the chart draws it dark', () => {
  const data = [{ code: '460000', name: '海南', value: 70 }];
  const withInset = renderChart(choroplethChart(data, { regions }));
  const without = renderChart(choroplethChart(data, { regions, map: 'china-no-inset' }), { mapFile: DEFAULT_BASE_MAP });
  // the inset's islands and frame are filled #9a9a9a; no other region is
  const fills = (svg: string): number => (svg.match(/fill="#9a9a9a"/g) ?? []).length;
  assert.ok(fills(withInset) >= 1, 'inset drawn');
  assert.equal(fills(without), 0, 'a map registered under another name has no inset box');
  assert.ok((withInset.match(/<path /g) ?? []).length > (without.match(/<path /g) ?? []).length);
});

test('the vendored base map: 34 regions with 6-digit ids, every one of the 31 provinces on it', () => {
  assert.equal(baseMap.features.length, 34);
  const provinces = registry.units.filter((u) => u.code !== 'CN');
  assert.equal(provinces.length, 31);
  const m = matchMapRegions(baseMap.features, provinces);
  assert.deepEqual(m.unmatched, []);
  assert.equal(m.regions['150000'], '内蒙古');
  assert.equal(m.regions['450000'], '广西');
  const provenance = readFileSync(new URL('../data/maps/PROVENANCE.md', import.meta.url), 'utf8');
  assert.match(provenance, /echarts@4\.9\.0/);
  assert.match(provenance, /Apache-2\.0/);
  assert.match(provenance, /审图号/);
});

test('base map and tile grid files: bad files are errors naming the file and the culprit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-maps-'));
  try {
    const f = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
    assert.throws(() => loadBaseMap(f('a.json', '{')), /base map file .*a\.json is not valid JSON/);
    assert.throws(() => loadBaseMap(f('b.json', '{"type":"Feature"}')), /b\.json is not a GeoJSON FeatureCollection/);
    assert.throws(() => loadBaseMap(f('c.json', '{"type":"FeatureCollection","features":[{"properties":{}}]}')), /c\.json: feature 1 has no properties\.name/);
    assert.deepEqual(loadBaseMap(f('d.json', '{"type":"FeatureCollection","features":[{"properties":{"name":"广东省","adcode":440000}}]}')).features, [{ name: '广东省', id: '440000' }]);
    assert.throws(() => loadTileGrid(f('t1.json', '{"tiles":[{"code":"A","row":0,"col":0},{"code":"B","row":0,"col":0}]}')), /t1\.json: tile 2 \(B\) is on the same square \(row 0, col 0\) as A/);
    assert.throws(() => loadTileGrid(f('t2.json', '{"tiles":[{"code":"A","row":-1,"col":0}]}')), /tile 1 \(A\) "row" must be a whole number 0–200, got -1/);
    assert.throws(() => loadTileGrid(f('t3.json', '{"tiles":[{"code":"A","row":0,"col":0},{"code":"A","row":1,"col":0}]}')), /repeats code A/);
    assert.throws(() => loadTileGrid(f('t4.json', '[]')), /has no "tiles" list/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // the bundled layout: 31 provinces, one square each
  assert.equal(tiles.tiles.length, 31);
  assert.equal(new Set(tiles.tiles.map((t) => `${t.row},${t.col}`)).size, 31);
  assert.deepEqual(tiles.tiles.map((t) => t.code).sort(), registry.units.filter((u) => u.code !== 'CN').map((u) => u.code).sort());
});

/**
 * Chinese text in PNG is real glyphs: a text drawn with it has ink (not blank), and two different
 * strings of the same length draw different pixels (missing glyphs all draw the same box, or
 * nothing). Returns the two ink counts and how many pixels differ.
 */
function glyphCheck(fonts?: PngOptions['fonts']): { inkA: number; inkB: number; differing: number } {
  const svgOf = (text: string): string => renderSvg({ backgroundColor: '#ffffff', graphic: [{ type: 'text', left: 10, top: 10, style: { text, fontSize: 40, fill: '#000000', fontFamily: CHART_FONT } }] }, { width: 220, height: 70 });
  const a = svgToPixels(svgOf('知识产权'), { scale: 1, ...(fonts ? { fonts } : {}) });
  const b = svgToPixels(svgOf('强国建设'), { scale: 1, ...(fonts ? { fonts } : {}) });
  const dark = (px: Buffer, i: number): boolean => px[i]! < 128 && px[i + 1]! < 128 && px[i + 2]! < 128;
  let inkA = 0;
  let inkB = 0;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i += 4) {
    const x = dark(a.pixels, i);
    const y = dark(b.pixels, i);
    if (x) inkA++;
    if (y) inkB++;
    if (x !== y) differing++;
  }
  return { inkA, inkB, differing };
}

test('PNG: Chinese renders as glyphs, not blank and not boxes (and the check fails without a CJK font)', () => {
  const ok = glyphCheck();
  // four 40 px CJK glyphs: hundreds of dark pixels each string, and the two strings differ in many
  assert.ok(ok.inkA > 400 && ok.inkB > 400, `Chinese has ink: ${ok.inkA}, ${ok.inkB} (install fonts-noto-cjk)`);
  assert.ok(ok.differing > 0.3 * Math.min(ok.inkA, ok.inkB), `different characters draw different glyphs: ${ok.differing} pixels differ`);
  // the same check with a Latin-only font (DejaVu Sans, no CJK) and no system fonts: blank or identical boxes
  const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  const noCjk = glyphCheck({ loadSystemFonts: false, fontFiles: existsSync(dejavu) ? [dejavu] : [], defaultFontFamily: 'DejaVu Sans' });
  const passes = noCjk.inkA > 400 && noCjk.inkB > 400 && noCjk.differing > 0.3 * Math.min(noCjk.inkA, noCjk.inkB);
  assert.equal(passes, false, `without a CJK font the check must fail (ink ${noCjk.inkA}, ${noCjk.inkB}, differing ${noCjk.differing})`);
});

test('PNG of every chart kind from the sample runs, in Chinese and English (tmp-scratch/charts/, to look at)', () => {
  const out = new URL('../tmp-scratch/charts/', import.meta.url);
  mkdirSync(out, { recursive: true });
  const nat = evaluateFiles({ framework: 'cnipa-national', data: ['data/sample/national.csv'], edition: 2025 });
  const reg = evaluateFiles({ framework: 'cnipa-regional', data: ['data/sample/regional.csv'], edition: 2025 });
  for (const lang of ['zh', 'en'] as const) {
    const zh = lang === 'zh';
    const nodeName = (fw: typeof reg.framework) => (c: string): string => { const n = fw.nodes.find((x) => x.code === c)!; return zh ? n.name.zh : (n.name.en ?? n.name.zh); };
    const rn = nodeName(reg.framework);
    const unitName = (c: string): string => registry.name(c, lang);
    const groupName = (c: string): string => { for (const g of reg.groupings) for (const gr of g.groups) if (gr.code === c) return zh ? gr.name.zh : (gr.name.en ?? gr.name.zh); return c; };
    const values = unitValuesFromResult(reg.result, { node: reg.framework.root, edition: 2025, unitName });
    const pillarsAndGroups = reg.framework.nodes.filter((n) => n.kind === 'aggregate' && n.level >= 1 && n.level <= 2).map((n) => n.code);
    const specs: Record<string, ChartSpec> = {
      series: editionSeriesChart(editionSeriesFromResult(nat.result), { lang, sample: true, baseLine: 100, title: editionSeriesTitle({ figure: 19, name: nodeName(nat.framework)(nat.framework.root), first: 2021, last: 2025, lang }) }),
      'series-S3': editionSeriesChart(editionSeriesFromResult(nat.result, { node: 'S3' }), { lang, sample: true, baseLine: 100, title: editionSeriesTitle({ figure: 22, name: nodeName(nat.framework)('S3'), first: 2021, last: 2025, lang }) }),
      groups: groupMeansChart(groupMeansFromStats(reg.stats, { grouping: 'region4', edition: 2025, nodes: [reg.framework.root], groupName, nodeName: rn }), { lang, sample: true, title: zh ? '图 26 2025年四大区域地区知识产权发展指数平均值及增量（分）' : 'Figure 26 Regional IP Development Index: four regions, means and changes, 2025' }),
      'groups-strategic': groupMeansChart(groupMeansFromStats(reg.stats, { grouping: 'strategic5', edition: 2025, nodes: [reg.framework.root, ...reg.framework.nodes.filter((n) => n.level === 1).map((n) => n.code)], groupName, nodeName: rn }), { lang, sample: true, title: zh ? '图 27 2025年五大区域重大战略平均值及增量（分）' : 'Figure 27 Five regional strategies: means and changes, 2025' }),
      map: choroplethChart(values, { regions, lang, sample: true, title: zh ? '2025年地区知识产权发展指数' : 'Regional IP Development Index, 2025' }),
      'map-indicator': choroplethChart(unitValuesFromResult(reg.result, { node: 'R01', edition: 2025, measure: 'value', unitName }), { regions, lang, sample: true, title: rn('R01'), legendTitle: reg.framework.nodes.find((n) => n.code === 'R01')!.unit ?? '' }),
      tiles: tileGridChart(values, { layout: tiles, lang, sample: true, title: zh ? '2025年地区知识产权发展指数' : 'Regional IP Development Index, 2025' }),
      ranking: rankingChart(values, { lang, sample: true, title: zh ? '2025年地区知识产权发展指数排名' : 'Regional IP Development Index: ranking, 2025' }),
      radar: radarChart(radarFromResult(reg.result, { unit: '460000', edition: 2025, nodes: pillarsAndGroups, unitName, nodeName: rn, lang }), { lang, sample: true, title: zh ? '2025年海南各级指标得分' : 'Hainan by pillar and group, 2025' }),
      heatmap: heatmapChart(heatmapFromResult(reg.result, reg.framework, { edition: 2025, unitName, nodeName: rn }), { lang, sample: true, title: zh ? '2025年各地区三级指标标准化得分' : 'Normalised indicator scores, 2025' }),
      targets: targetsChart([
        { label: zh ? '专利密集型产业增加值占GDP比重' : 'Patent-intensive industries, % of GDP', value: 13.04, target: 13, met: true, unit: '%' },
        { label: zh ? '知识产权使用费年进出口总额' : 'IP royalties traded', value: 3987.1, target: 3500, met: true, unit: zh ? '亿元' : 'bn yuan' },
        { label: zh ? '每万人口高价值发明专利拥有量' : 'High-value invention patents per 10 000 people', value: 14, target: 12, met: true, unit: zh ? '件' : '' },
        { label: zh ? '知识产权保护社会满意度' : 'Satisfaction with IP protection', value: 81.5, target: 82, met: false, unit: zh ? '分' : 'points' },
      ], { lang, sample: true, title: zh ? '“十四五”规划目标完成情况' : '14th Five-Year Plan targets' }),
    };
    for (const [kind, spec] of Object.entries(specs)) {
      const png = renderChart(spec, { format: 'png' });
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${kind}: a PNG`);
      // scale 2: the PNG is twice the chart's size (IHDR width and height)
      assert.equal(png.readUInt32BE(16), spec.width * 2, `${kind}: width`);
      assert.equal(png.readUInt32BE(20), spec.height * 2, `${kind}: height`);
      writeFileSync(new URL(`${kind}-${lang}.png`, out), png);
    }
  }
});
