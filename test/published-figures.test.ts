/**
 * Consistency with the figures published in the 2025 report (../shared/spec/published-2025.json,
 * copied to test/fixtures/published-2025.json): the built-in frameworks and recipes must reproduce
 * them. The printed figures are rounded, so agreement is to the rounding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RECIPES, childWeights, resolveRecipe, evaluate, groupStats, buildGroupings, Panel, parseTidyCsv, mean } from '../src/core/index.ts';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { fixture, frameworkFile } from './helpers.ts';
import { loadRegistry } from '../src/io/index.ts';

interface Published {
  national: { total: { score: number }; subindices: Record<string, { indicators: number; score: number }> };
  regional: { total: { mean: number }; 保护: { mean: number }; 市场运行: { mean: number }; 发展环境: { mean: number }; groups: Record<string, { members: number; total: [number, number | null]; 保护: [number, number | null]; 市场运行: [number, number | null]; 发展环境: [number, number | null] }> };
}
const pub = JSON.parse(fixture('published-2025.json')) as Published;

test('national: the framework weights give 131.8 from the six printed sub-indices (equal weights would not)', () => {
  const fw = frameworkFile('cnipa-national-2025');
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  const w = childWeights(fw, root, resolveRecipe(BUILTIN_RECIPES['cnipa-national']!, fw));
  const printed = Object.values(pub.national.subindices);
  assert.deepEqual(w, printed.map((s) => s.indicators), 'weights are the indicator counts 8,18,26,9,7,17');
  const total = printed.reduce((s, x, i) => s + w[i]! * x.score, 0) / w.reduce((a, b) => a + b, 0);
  assert.equal(Math.round(total * 10) / 10, pub.national.total.score); // 131.7647… → 131.8
  const unweighted = mean(printed.map((s) => s.score));
  assert.notEqual(Math.round(unweighted * 10) / 10, pub.national.total.score); // 131.4
});

test('regional: 0.25/0.50/0.25 reproduces all ten printed group aggregates within ±0.006 (1/3 each does not)', () => {
  const fw = frameworkFile('cnipa-regional-2025');
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  const w = childWeights(fw, root, resolveRecipe(BUILTIN_RECIPES['cnipa-regional']!, fw));
  const W = w.reduce((a, b) => a + b, 0);
  const wn = w.map((x) => x / W);
  assert.deepEqual(wn, [0.25, 0.5, 0.25]);
  const r = pub.regional;
  const rows: [string, number, number, number, number][] = [
    ['全国', r.total.mean, r.保护.mean, r.市场运行.mean, r.发展环境.mean],
    ...Object.entries(r.groups).map(([g, v]) => [g, v.total[0], v.保护[0], v.市场运行[0], v.发展环境[0]] as [string, number, number, number, number]),
  ];
  assert.equal(rows.length, 10);
  let equalFits = 0;
  for (const [g, total, p1, p2, p3] of rows) {
    const agg = wn[0]! * p1 + wn[1]! * p2 + wn[2]! * p3;
    assert.ok(Math.abs(agg - total) <= 0.006, `${g}: ${agg.toFixed(4)} vs printed ${total}`);
    if (Math.abs((p1 + p2 + p3) / 3 - total) <= 0.006) equalFits++;
  }
  assert.ok(equalFits < 10, 'equal pillar weights must not fit every group');
});

test('regional: the four regions’ province-count-weighted mean equals the national mean, in every run', () => {
  const registry = loadRegistry();
  const groupings = buildGroupings(parse(readFileSync(new URL('../frameworks/groupings/cn-regions.yaml', import.meta.url), 'utf8')), registry);
  const region4 = groupings.find((g) => g.id === 'region4')!;
  assert.deepEqual(region4.groups.map((g) => g.members.length), [10, 6, 12, 3]);
  assert.deepEqual(groupings.find((g) => g.id === 'strategic5')!.groups.map((g) => g.members.length), [3, 11, 1, 4, 9]);
  // with the printed group means: (10·87.30 + 6·82.45 + 12·77.06 + 3·80.39)/31 = 81.73 (rounded inputs)
  const printed = ['东部', '中部', '西部', '东北'].map((g) => pub.regional.groups[g]!);
  const m = printed.reduce((s, g) => s + g.members * g.total[0], 0) / 31;
  assert.ok(Math.abs(m - pub.regional.total.mean) < 0.006, String(m));
  // and exactly for a computed run on the bundled sample data
  const panel = new Panel(parseTidyCsv(readFileSync(new URL('../data/sample/regional.csv', import.meta.url), 'utf8'), { registry }));
  const res = evaluate(frameworkFile('cnipa-regional-2025'), panel, BUILTIN_RECIPES['cnipa-regional']!, { edition: 2025 });
  const stats = groupStats(res, [region4]);
  for (const edition of res.editions) {
    for (const node of ['RIDX', 'P1', 'P2', 'P3']) {
      const all = stats.find((s) => s.edition === edition && s.grouping === 'all' && s.node === node)!;
      const regions = stats.filter((s) => s.edition === edition && s.grouping === 'region4' && s.node === node);
      const weighted = regions.reduce((s, g) => s + g.members * g.mean, 0) / regions.reduce((s, g) => s + g.members, 0);
      assert.ok(Math.abs(weighted - all.mean) < 1e-9, `${edition} ${node}`);
    }
  }
});
