/**
 * Change attribution: the contributions of children and indicators sum to each node's change
 * (sample runs, regional and national), and match values computed by hand (arithmetic chain with a
 * missing value that renormalises weights), by an independent decimal computation (geometric mean,
 * test/fixtures/attribution/geometric.py) and by hand-computed Shapley values (Mazziotta–Pareto,
 * Copeland).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, compile, parseFramework, type Recipe } from '../src/core/index.ts';
import { attribute, topDrivers, type Attribution, type AttributionRow } from '../src/core/analysis/attribution.ts';
import { attributionLines } from '../src/core/analysis/attribution-summary.ts';
import { secant, shapleyValues } from '../src/core/analysis/attribution-split.ts';
import { close, frameworkFile, panelOf } from './helpers.ts';

const sample = (name: 'regional' | 'national'): string => readFileSync(new URL(`../data/sample/${name}.csv`, import.meta.url), 'utf8');

/** Every node's child rows and indicator rows sum to its change. */
function assertSums(a: Attribution, tol = 1e-9): number {
  const by = new Map<string, { child: number; indicator: number }>();
  for (const r of a.rows) {
    const k = `${r.edition}|${r.unit}|${r.node}`;
    const s = by.get(k) ?? { child: 0, indicator: 0 };
    s[r.kind] += r.contribution;
    by.set(k, s);
  }
  let n = 0;
  for (const ch of a.changes) {
    assert.ok(ch.change !== null, `${ch.edition} ${ch.unit} ${ch.node}: change undefined`);
    const s = by.get(`${ch.edition}|${ch.unit}|${ch.node}`)!;
    close(s.child, ch.change!, tol, `${ch.edition} ${ch.unit} ${ch.node} children`);
    close(s.indicator, ch.change!, tol, `${ch.edition} ${ch.unit} ${ch.node} indicators`);
    n++;
  }
  return n;
}

test('sample regional run, edition 2025: contributions sum to every change; indicator contribution = product of effective weights × Δ score', () => {
  const fw = frameworkFile('cnipa-regional-2025');
  const plan = compile(fw, BUILTIN_RECIPES['cnipa-regional']!, panelOf(sample('regional')).cube(), { edition: 2025 });
  const res = plan.run();
  const a = attribute(plan, res);
  assert.deepEqual(a.pairs, [[2021, 2022], [2022, 2023], [2023, 2024], [2024, 2025]]);
  // every unit × aggregate × pair: 31 × 13 × 4
  assert.equal(assertSums(a), 31 * 13 * 4);
  assert.equal(a.notes.length, 0);
  // weights: indicators equal within their group, groups equal within their pillar, pillars 0.25/0.50/0.25
  // (the CNIPA regional recipe), so W = pillar weight × 1/3 × 1/(indicators in the group)
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const pillarW: Record<string, number> = { P1: 0.25, P2: 0.5, P3: 0.25 };
  const U = res.units.length;
  let checked = 0;
  for (const r of a.rows) {
    if (r.kind !== 'indicator' || r.node !== 'RIDX') continue;
    const g = byCode.get(byCode.get(r.child)!.parent!)!;
    const W = pillarW[g.parent!]! * (1 / 3) * (1 / g.children.length);
    const e1 = res.editions.indexOf(r.edition);
    const ds = res.scores[r.child]![e1 * U + res.units.indexOf(r.unit)]! - res.scores[r.child]![(e1 - 1) * U + res.units.indexOf(r.unit)]!;
    close(r.contribution, W * ds, 1e-12, `${r.edition} ${r.unit} ${r.child}`);
    close(r.weight, W, 1e-15, `${r.child} W`);
    assert.equal(r.weightsChanged, false);
    close(r.weightEffect, 0, 1e-12, 'no weight effect without missing values');
    checked++;
  }
  assert.equal(checked, 31 * 86 * 4);
});

test('sample national run (2021 = 100): sub-indices and indicators sum to the index change; every indicator weighs 1/85', () => {
  const fw = frameworkFile('cnipa-national-2025');
  const plan = compile(fw, BUILTIN_RECIPES['cnipa-national']!, panelOf(sample('national')).cube(), { edition: 2025 });
  const res = plan.run();
  const a = attribute(plan, res);
  assert.equal(assertSums(a), 1 * 7 * 4);
  const subs = a.rows.filter((r) => r.edition === 2025 && r.node === 'NIDX' && r.kind === 'child');
  assert.deepEqual(subs.map((r) => r.child), ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
  // sub-index weights 8/85, 18/85, …: the leaf-count scheme of the national recipe
  close(subs[0]!.weight, 8 / 85, 1e-15, 'S1 weight');
  const e = res.editions.indexOf(2025);
  for (const r of a.rows.filter((x) => x.edition === 2025 && x.node === 'NIDX' && x.kind === 'indicator')) {
    const ds = res.scores[r.child]![e]! - res.scores[r.child]![e - 1]!;
    close(r.contribution, ds / 85, 1e-12, r.child);
  }
  const lines = attributionLines(a, fw, { lang: 'zh', unitName: () => '全国' });
  assert.match(lines[0]!, /^2025年与2024年相比：总指数变化分解为各指标的贡献/);
  assert.match(lines[1]!, /^全国 总指数 [+-]\d+\.\d\d：主要(来自|拖累) /);
  assert.match(lines[2]!, /^ {2}按分指数：知识产权制度 [+-]?\d+\.\d\d、/);
});

// ---------------------------------------------------------------------------------------------
// A hand-computed case: I = (2/3)·A + (1/3)·B, A = ¼·x1 + ¾·x2, B = ½·x3 + ½·x4; scores = values
// (min-max with fixed bounds [0, 100]); no imputation, so a missing value renormalises the weights.
const HAND_FW = `
id: attr-hand
version: "1"
name: {zh: 分解示例}
nodes:
  - {code: I, name: {zh: 总指数}}
  - {code: A, parent: I, name: {zh: 分项A}, weight: 2}
  - {code: B, parent: I, name: {zh: 分项B}, weight: 1}
  - {code: x1, parent: A, name: {zh: 指标1}, unit: 分, weight: 1}
  - {code: x2, parent: A, name: {zh: 指标2}, unit: 分, weight: 3}
  - {code: x3, parent: B, name: {zh: 指标3}, unit: 分, weight: 1}
  - {code: x4, parent: B, name: {zh: 指标4}, unit: 分, weight: 1}
`;
const fixedRecipe = (codes: string[], aggregation: Recipe['aggregation'] = { method: 'arithmetic' }): Recipe => ({
  id: 'attr-test',
  firstEdition: 2021,
  normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'fixed', bounds: Object.fromEntries(codes.map((c) => [c, [0, 100]])) },
  missing: { carryForward: false },
  weights: { scheme: 'framework' },
  aggregation,
  units: { minCoverage: 0 },
});
const tidy = (rows: [string, number, Record<string, number | null>][]): string =>
  'unit,year,variable,value\n' + rows.flatMap(([u, y, vals]) => Object.entries(vals).map(([k, v]) => `${u},${y},${k},${v === null ? 'NA' : v}`)).join('\n') + '\n';

const HAND_DATA = tidy([
  ['U1', 2020, { x1: 40, x2: 60, x3: 50, x4: 70 }],
  ['U1', 2021, { x1: 50, x2: null, x3: 55, x4: 65 }],
  ['U2', 2020, { x1: 30, x2: 50, x3: 80, x4: null }],
  ['U2', 2021, { x1: 30, x2: 56, x3: 70, x4: 90 }],
  ['U3', 2020, { x1: 70, x2: 80, x3: 20, x4: 40 }],
  ['U3', 2021, { x1: 76, x2: 84, x3: 30, x4: 40 }],
]);

const pick = (a: Attribution, unit: string, node: string, kind: AttributionRow['kind']): Record<string, AttributionRow> =>
  Object.fromEntries(a.rows.filter((r) => r.unit === unit && r.node === node && r.kind === kind).map((r) => [r.child, r]));

test('hand-computed arithmetic case: a missing value renormalises the weights; the split says so and still sums', () => {
  const plan = compile(parseFramework(HAND_FW, 'hand.yaml'), fixedRecipe(['x1', 'x2', 'x3', 'x4']), panelOf(HAND_DATA).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan);
  assert.deepEqual(a.pairs, [[2021, 2022]]);
  assertSums(a, 1e-12);
  const change = (u: string, n: string) => a.changes.find((c) => c.unit === u && c.node === n)!;

  // U1, x2 missing in 2022. 2021: A = ¼·40 + ¾·60 = 55, B = (50 + 70)/2 = 60, I = ⅔·55 + ⅓·60 = 170/3
  // 2022: A = x1 = 50 (x1's weight renormalised to 1), B = (55 + 65)/2 = 60, I = ⅔·50 + ⅓·60 = 160/3
  close(change('U1', 'I').change, 160 / 3 - 170 / 3, 1e-12, 'U1 ΔI = −10/3');
  let r = pick(a, 'U1', 'A', 'child');
  close(r.x1!.contribution, 40, 1e-12, 'x1 → A: 1·50 − ¼·40 = 40');
  close(r.x1!.scoreEffect, 6.25, 1e-12, 'x1 score effect: w̄Δs = (¼ + 1)/2 · 10');
  close(r.x1!.weightEffect, 33.75, 1e-12, 'x1 weight effect: Δw·s̄ = ¾ · 45');
  close(r.x2!.contribution, -45, 1e-12, 'x2 → A: 0 − ¾·60');
  close(r.x2!.scoreEffect, 0, 1e-12, 'x2 left: no score effect');
  close(r.x2!.weightEffect, -45, 1e-12, 'x2 weight effect −45');
  assert.equal(r.x1!.weightsChanged, true);
  assert.deepEqual([r.x2!.weightPrev, r.x2!.weight, r.x2!.scorePrev, r.x2!.score], [0.75, 0, 60, null]);
  assert.equal(change('U1', 'A').weightsChanged, true);
  assert.equal(change('U1', 'I').weightsChanged, false);
  r = pick(a, 'U1', 'I', 'child');
  close(r.A!.contribution, -10 / 3, 1e-12, 'A → I: ⅔·(50 − 55)');
  close(r.B!.contribution, 0, 1e-12, 'B → I: ⅓·(60 − 60)');
  // indicators → I: Δ(W·s), W the product of the effective weights on the path
  r = pick(a, 'U1', 'I', 'indicator');
  close(r.x1!.contribution, (2 / 3) * 50 - (1 / 6) * 40, 1e-12, 'x1: W 1/6 → 2/3: 80/3');
  close(r.x1!.scoreEffect, ((1 / 6 + 2 / 3) / 2) * 10, 1e-12, 'x1: W̄·Δs = 5/12 · 10');
  close(r.x1!.weightEffect, (2 / 3 - 1 / 6) * 45, 1e-12, 'x1: ΔW·s̄ = ½ · 45');
  close(r.x2!.contribution, 0 - 0.5 * 60, 1e-12, 'x2: W ½ → 0: −30');
  close(r.x3!.contribution, (1 / 6) * (55 - 50), 1e-12, 'x3: 5/6');
  close(r.x4!.contribution, (1 / 6) * (65 - 70), 1e-12, 'x4: −5/6');
  close(r.x1!.weightPrev, 1 / 6, 1e-15, 'W x1 2021');
  close(r.x1!.weight, 2 / 3, 1e-15, 'W x1 2022');

  // U2, x4 enters in 2022. 2021: A = 7.5 + 37.5 = 45, B = x3 = 80, I = 30 + 80/3 = 170/3
  // 2022: A = 7.5 + 42 = 49.5, B = (70 + 90)/2 = 80, I = 33 + 80/3 = 179/3
  close(change('U2', 'I').change, 3, 1e-12, 'U2 ΔI = 3');
  r = pick(a, 'U2', 'B', 'child');
  close(r.x3!.contribution, 0.5 * 70 - 1 * 80, 1e-12, 'x3 → B: −45');
  close(r.x3!.scoreEffect, 0.75 * -10, 1e-12, 'x3 score effect −7.5');
  close(r.x3!.weightEffect, -0.5 * 75, 1e-12, 'x3 weight effect −37.5');
  close(r.x4!.contribution, 45, 1e-12, 'x4 → B: ½·90 − 0');
  close(r.x4!.weightEffect, 45, 1e-12, 'x4 entered: all weight effect');
  r = pick(a, 'U2', 'I', 'indicator');
  close(r.x3!.contribution, 70 / 6 - 80 / 3, 1e-12, 'x3: W ⅓ → ⅙: −15');
  close(r.x4!.contribution, 90 / 6, 1e-12, 'x4: W 0 → ⅙: 15');
  close(r.x2!.contribution, 0.5 * 6, 1e-12, 'x2: ½·(56 − 50) = 3');
  close(r.x1!.contribution, 0, 1e-12, 'x1 unchanged');

  // U3 complete: 2021 A = 17.5 + 60 = 77.5, B = 30, I = 185/3; 2022 A = 19 + 63 = 82, B = 35, I = 199/3
  close(change('U3', 'I').change, 14 / 3, 1e-12, 'U3 ΔI = 14/3');
  r = pick(a, 'U3', 'I', 'child');
  close(r.A!.contribution, (2 / 3) * 4.5, 1e-12, 'A: 3');
  close(r.B!.contribution, (1 / 3) * 5, 1e-12, 'B: 5/3');
  r = pick(a, 'U3', 'I', 'indicator');
  assert.deepEqual(Object.keys(r), ['x1', 'x2', 'x3', 'x4']);
  close(r.x1!.contribution, 1, 1e-12, 'x1: ⅙·6');
  close(r.x2!.contribution, 2, 1e-12, 'x2: ½·4');
  close(r.x3!.contribution, 10 / 6, 1e-12, 'x3: ⅙·10');
  close(r.x4!.contribution, 0, 1e-12, 'x4: 0');
  assert.ok(Object.values(r).every((x) => !x.weightsChanged));

  // top drivers of the index: U1 down through x2 (−30), up through x1 (+80/3)
  const d = topDrivers(a, { units: ['U1'] })[0]!;
  assert.deepEqual(d.up.map((x) => x.child), ['x1', 'x3']);
  assert.deepEqual(d.down.map((x) => x.child), ['x2', 'x4']);
  close(d.change, -10 / 3, 1e-12, 'driver change');
  const lines = attributionLines(a, plan.compiled.framework, { lang: 'en', unitName: (u) => `unit ${u}` });
  assert.equal(lines[1], 'unit U3 总指数 +4.67: mainly from 指标2 +2.00, 指标3 +1.67, 指标1 +1.00');
  assert.equal(lines[2], '  by child: 分项A +3.00, 分项B +1.67');
  assert.equal(lines[5], 'unit U1 总指数 -3.33: mainly pulled down by 指标2 -30.00, 指标4 -0.83; offset by 指标1 +26.67, 指标3 +0.83');
});

test('a re-run with other weights is attributed with its own weights', () => {
  const plan = compile(parseFramework(HAND_FW, 'hand.yaml'), fixedRecipe(['x1', 'x2', 'x3', 'x4']), panelOf(HAND_DATA).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan, plan.rerun({ weights: { A: 1, B: 1 } }), { nodes: ['I'] });
  assertSums(a, 1e-12);
  // U3: ½·ΔA + ½·ΔB = ½·4.5 + ½·5
  close(pick(a, 'U3', 'I', 'child').A!.contribution, 2.25, 1e-12, 'A at weight ½');
  close(pick(a, 'U3', 'I', 'indicator').x2!.contribution, 0.5 * 0.75 * 4, 1e-12, 'x2: ½·¾·4');
  assert.throws(() => attribute(plan, undefined, { editions: [2021] }), /cannot attribute edition 2021: the result has no edition 2020 to compare it with \(it is the first edition of the result\)/);
  assert.throws(() => attribute(plan, undefined, { nodes: ['x1'] }), /x1 is an indicator; give an aggregate \(its change is split among its children\), e\.g\. A/);
});

// ---------------------------------------------------------------------------------------------
const FLAT_FW = (children: [string, number][]) => `
id: attr-flat
version: "1"
name: {zh: 单层示例}
nodes:
  - {code: G, name: {zh: 总指数}}
${children.map(([c, w]) => `  - {code: ${c}, parent: G, name: {zh: 指标${c}}, unit: 分, weight: ${w}}`).join('\n')}
`;

test('geometric mean: the log-change split Δy·Δ(w ln s)/Δln y, with the Δln y → 0 limit (values from geometric.py)', () => {
  const data = tidy([
    ['V1', 2020, { x1: 25, x2: 64, x3: 50 }],
    ['V1', 2021, { x1: 36, x2: 64, x3: 40 }],
    ['V2', 2020, { x1: 4, x2: 9, x3: 6 }],
    ['V2', 2021, { x1: 9, x2: 4, x3: 6 }],
    ['V3', 2020, { x1: 10, x2: 20, x3: 40 }],
    ['V3', 2021, { x1: 12, x2: null, x3: 40 }],
    ['V4', 2020, { x1: 4, x2: 9, x3: 6 }],
    ['V4', 2021, { x1: 9, x2: 4, x3: 6.000001 }],
  ]);
  const plan = compile(parseFramework(FLAT_FW([['x1', 1], ['x2', 1], ['x3', 2]]), 'flat.yaml'), fixedRecipe(['x1', 'x2', 'x3'], { method: 'geometric' }), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan);
  assert.equal(a.methods.G!.family, 'log');
  assertSums(a, 1e-12);
  // python3 test/fixtures/attribution/geometric.py (decimal, 60 digits)
  const expected: Record<string, [number, number, number][]> = {
    V1: [[4.035509459858109, 4.035509459858109, 0], [0, 0, 0], [-4.939064409440614, -4.939064409440614, 0]],
    V2: [[1.2163953243244932, 1.2163953243244932, 0], [-1.2163953243244932, -1.2163953243244932, 0], [0, 0, 0]],
    V3: [[6.3798582917881275, 1.342784539867813, 5.037073751920315], [-18.911436568825028, 0, -18.911436568825028], [15.52475398026926, 0, 15.52475398026926]],
    V4: [[1.2163953750076288, 1.2163953750076288, 0], [-1.2163953750076288, -1.2163953750076288, 0], [4.999999791666684e-7, 4.999999791666684e-7, 0]],
  };
  for (const [unit, rows] of Object.entries(expected)) {
    const got = pick(a, unit, 'G', 'child');
    rows.forEach(([c, s, w], i) => {
      const r = got[`x${i + 1}`]!;
      close(r.contribution, c, 1e-9, `${unit} x${i + 1} contribution`);
      close(r.scoreEffect, s, 1e-9, `${unit} x${i + 1} score effect`);
      close(r.weightEffect, w, 1e-9, `${unit} x${i + 1} weight effect`);
    });
  }
  // V2's index does not move (√(4·9)^½·6^½ = 6 both years), yet x1 and x2 moved: y·w̃·Δln s = 6·¼·ln(9/4)
  close(a.changes.find((c) => c.unit === 'V2')!.change, 0, 0, 'V2 Δy = 0');
  close(pick(a, 'V2', 'G', 'child').x1!.contribution, 6 * 0.25 * Math.log(9 / 4), 1e-12, 'limit');
  assert.equal(a.changes.find((c) => c.unit === 'V3')!.weightsChanged, true);
});

test('secant slopes stay accurate as the two points meet (the limit of the power and log splits)', () => {
  close(secant(0, 1, Math.E), 1 / (Math.E - 1), 1e-15, 'ln: (1 − 0)/(e − 1)');
  close(secant(0, 5, 5), 0.2, 0, 'ln at a point: 1/x');
  close(secant(-1, 2, 4), (0.25 - 0.5) / 2, 1e-16, '1/x: (¼ − ½)/2');
  close(secant(2, 3, 3 + 1e-12), 6, 1e-9, 'x²: 2x');
  close(secant(0.5, 4, 4 * (1 + 1e-13)), 0.25, 1e-12, '√x: 1/(2√x)');
});

test('harmonic mean (power family, p = −1) and a generalised mean with p = 2: splits sum exactly', () => {
  const data = tidy([
    ['V1', 2020, { x1: 25, x2: 64, x3: 50 }],
    ['V1', 2021, { x1: 36, x2: 60, x3: 40 }],
    ['V2', 2020, { x1: 10, x2: 20, x3: 40 }],
    ['V2', 2021, { x1: 12, x2: null, x3: 40 }],
  ]);
  const fw = parseFramework(FLAT_FW([['x1', 1], ['x2', 1], ['x3', 2]]), 'flat.yaml');
  const plan = compile(fw, fixedRecipe(['x1', 'x2', 'x3'], { method: 'harmonic' }), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan);
  assert.equal(a.methods.G!.family, 'power');
  assertSums(a, 1e-12);
  // V1 harmonic: 1/y = Σ w̃/x; c_i = L·Δ(w̃_i/x_i), L = Δy/Δ(1/y) = −y₀y₁
  const y0 = 1 / (0.25 / 25 + 0.25 / 64 + 0.5 / 50);
  const y1 = 1 / (0.25 / 36 + 0.25 / 60 + 0.5 / 40);
  close(pick(a, 'V1', 'G', 'child').x1!.contribution, -y0 * y1 * (0.25 / 36 - 0.25 / 25), 1e-12, 'harmonic x1');
  const g = attribute(compile(fw, fixedRecipe(['x1', 'x2', 'x3'], { method: 'generalised', params: { p: 2 } }), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 }));
  assertSums(g, 1e-12);
  // quadratic mean: y² = Σ w̃x²; c_i = Δ(w̃_i x_i²)·Δy/Δ(y²) = Δ(w̃_i x_i²)/(y₀ + y₁)
  const q0 = Math.sqrt(0.25 * 625 + 0.25 * 4096 + 0.5 * 2500);
  const q1 = Math.sqrt(0.25 * 1296 + 0.25 * 3600 + 0.5 * 1600);
  close(pick(g, 'V1', 'G', 'child').x3!.contribution, (0.5 * 1600 - 0.5 * 2500) / (q0 + q1), 1e-12, 'quadratic x3');
});

test('Mazziotta–Pareto (no additive split): Shapley values over the children, hand-computed', () => {
  const data = tidy([
    ['V1', 2020, { x1: 90, x2: 110 }],
    ['V1', 2021, { x1: 100, x2: 130 }],
    ['V2', 2020, { x1: 50, x2: 50 }],
    ['V2', 2021, { x1: 60, x2: 50 }],
  ]);
  const plan = compile(parseFramework(FLAT_FW([['x1', 1], ['x2', 1]]), 'flat.yaml'), fixedRecipe(['x1', 'x2'], { method: 'mazziotta-pareto' }), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan);
  assert.equal(a.methods.G!.family, 'shapley');
  assertSums(a, 1e-12);
  // MPI of two equally weighted children = M − S²/M, M = (x + y)/2, S² = (x − y)²/4
  // v(∅) = MPI(90, 110) = 100 − 100/100 = 99;  v({1}) = MPI(100, 110) = 105 − 25/105 = 2200/21
  // v({2}) = MPI(90, 130) = 110 − 400/110 = 1170/11;  v({1,2}) = MPI(100, 130) = 115 − 225/115 = 2600/23
  const [v0, v1, v2, v12] = [99, 2200 / 21, 1170 / 11, 2600 / 23];
  const r = pick(a, 'V1', 'G', 'child');
  close(r.x1!.contribution, ((v1 - v0) + (v12 - v2)) / 2, 1e-12, 'φ1 = ½[(v1 − v∅) + (v12 − v2)] ≈ 6.2209');
  close(r.x2!.contribution, ((v2 - v0) + (v12 - v1)) / 2, 1e-12, 'φ2 ≈ 7.8226');
  // V2: only x1 changed, so it takes the whole change: MPI(60, 50) − MPI(50, 50) = (55 − 25/55) − 50
  const r2 = pick(a, 'V2', 'G', 'child');
  close(r2.x1!.contribution, 55 - 25 / 55 - 50, 1e-12, 'one player');
  close(r2.x2!.contribution, 0, 0, 'null player');
  close(shapleyValues([0, 1, 2, 6], 2)[0]!, ((1 - 0) + (6 - 2)) / 2, 0, 'shapleyValues');
});

test('Copeland (compares units): Shapley values with each child switched for every unit, hand-computed', () => {
  // scores = values; weights x1: 2, x2: 1. Copeland: a beats b when Σ w over children where a is higher exceeds the reverse
  const data = tidy([
    ['U1', 2020, { x1: 3, x2: 1 }],
    ['U2', 2020, { x1: 2, x2: 2 }],
    ['U3', 2020, { x1: 1, x2: 3 }],
    ['U1', 2021, { x1: 1, x2: 2 }],
    ['U2', 2021, { x1: 2, x2: 3 }],
    ['U3', 2021, { x1: 3, x2: 1 }],
  ]);
  const plan = compile(parseFramework(FLAT_FW([['x1', 2], ['x2', 1]]), 'flat.yaml'), fixedRecipe(['x1', 'x2'], { method: 'copeland' }), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 });
  const res = plan.run();
  // v(∅) = [2, 0, −2]; v({x1}) (rows (1,1), (2,2), (3,3)) = [−2, 0, 2]; v({x2}) (rows (3,2), (2,3), (1,1)) = [2, 0, −2];
  // v({x1,x2}) = [−2, 0, 2]  ⇒  U1: φ1 = ½[(−2 − 2) + (−2 − 2)] = −4, φ2 = ½[(2 − 2) + (−2 + 2)] = 0; U3: φ1 = 4, φ2 = 0
  assert.deepEqual(Array.from(res.scores.G!), [2, 0, -2, -2, 0, 2]);
  const a = attribute(plan, res);
  assertSums(a, 1e-12);
  assert.deepEqual([pick(a, 'U1', 'G', 'child').x1!.contribution, pick(a, 'U1', 'G', 'child').x2!.contribution], [-4, 0]);
  assert.deepEqual([pick(a, 'U3', 'G', 'child').x1!.contribution, pick(a, 'U3', 'G', 'child').x2!.contribution], [4, 0]);
  assert.deepEqual([pick(a, 'U2', 'G', 'child').x1!.contribution, pick(a, 'U2', 'G', 'child').x2!.contribution], [0, 0]);
});

test('TOPSIS below an arithmetic index: indicator contributions pass through the Shapley split and still sum', () => {
  const fw = `
id: attr-mixed
version: "1"
name: {zh: 混合示例}
nodes:
  - {code: I, name: {zh: 总指数}}
  - {code: A, parent: I, name: {zh: 分项A}, weight: 1}
  - {code: B, parent: I, name: {zh: 分项B}, weight: 1}
  - {code: x1, parent: A, name: {zh: 指标1}, unit: 分}
  - {code: x2, parent: A, name: {zh: 指标2}, unit: 分}
  - {code: x3, parent: B, name: {zh: 指标3}, unit: 分}
  - {code: x4, parent: B, name: {zh: 指标4}, unit: 分}
`;
  const rows: [string, number, Record<string, number>][] = [];
  const vals = [[20, 35, 50, 65], [40, 30, 45, 80], [60, 70, 30, 20], [35, 55, 75, 40]];
  vals.forEach((v, u) => {
    rows.push([`U${u + 1}`, 2020, { x1: v[0]!, x2: v[1]!, x3: v[2]!, x4: v[3]! }]);
    rows.push([`U${u + 1}`, 2021, { x1: v[0]! + 3 * u, x2: v[1]! - 2, x3: v[2]! + u, x4: v[3]! + 5 }]);
  });
  const plan = compile(parseFramework(fw, 'mixed.yaml'), fixedRecipe(['x1', 'x2', 'x3', 'x4'], { method: 'arithmetic', byNode: { A: { method: 'topsis' } } }), panelOf(tidy(rows)).cube(), { edition: 2022, firstEdition: 2021 });
  const a = attribute(plan);
  assert.equal(a.methods.A!.family, 'shapley');
  assertSums(a, 1e-12);
});

test('a Shapley split over more than 12 changed children is refused with what to do', () => {
  const kids = Array.from({ length: 13 }, (_, i) => [`x${i + 1}`, 1] as [string, number]);
  const rows: [string, number, Record<string, number>][] = [
    ['V1', 2020, Object.fromEntries(kids.map(([c], i) => [c, 50 + i]))],
    ['V1', 2021, Object.fromEntries(kids.map(([c], i) => [c, 52 + i]))],
  ];
  const plan = compile(parseFramework(FLAT_FW(kids), 'flat.yaml'), fixedRecipe(kids.map(([c]) => c), { method: 'mazziotta-pareto' }), panelOf(tidy(rows)).cube(), { edition: 2022, firstEdition: 2021 });
  assert.throws(() => attribute(plan), /G is aggregated with mazziotta-pareto, which has no additive split; .*13 of its children changed \(2\^13 evaluations; the limit is 12\)\. Aggregate G with arithmetic, geometric/);
  // a higher limit when asked
  assertSums(attribute(plan, undefined, { maxShapleyChildren: 13 }), 1e-9);
});

test('a group entering, indicators leaving, row-mean filling: every family still sums; the entering group is all weight effect', () => {
  const data = tidy([
    ['U1', 2020, { x1: 40, x2: 60, x3: null, x4: null }],
    ['U1', 2021, { x1: 50, x2: null, x3: 55, x4: 65 }],
    ['U2', 2020, { x1: 30, x2: 50, x3: 80, x4: null }],
    ['U2', 2021, { x1: null, x2: null, x3: 70, x4: 90 }],
    ['U3', 2020, { x1: 70, x2: 80, x3: 20, x4: 40 }],
    ['U3', 2021, { x1: 76, x2: 84, x3: 30, x4: 40 }],
  ]);
  const fw = parseFramework(HAND_FW, 'hand.yaml');
  const codes = ['x1', 'x2', 'x3', 'x4'];
  const variants: [string, Recipe][] = [
    ['arithmetic', fixedRecipe(codes)],
    ['geometric', fixedRecipe(codes, { method: 'geometric' })],
    ['harmonic', fixedRecipe(codes, { method: 'harmonic' })],
    ['mazziotta-pareto', fixedRecipe(codes, { method: 'mazziotta-pareto' })],
    ['topsis below', fixedRecipe(codes, { method: 'arithmetic', byNode: { B: { method: 'topsis' } } })],
    ['row-mean', { ...fixedRecipe(codes), missing: { carryForward: false, aggregate: 'row-mean' } }],
    ['row-mean geometric', { ...fixedRecipe(codes, { method: 'geometric' }), missing: { carryForward: false, aggregate: 'row-mean' } }],
  ];
  for (const [name, recipe] of variants) {
    const a = attribute(compile(fw, recipe, panelOf(data).cube(), { edition: 2022, firstEdition: 2021 }));
    // B of U1 and A of U2 are missing in one edition: no change of their own, but they enter (leave) the index
    const defined = a.changes.filter((c) => c.change !== null);
    assert.ok(defined.length >= 6, name);
    const by = new Map<string, number[]>();
    for (const r of a.rows) {
      const s = by.get(`${r.unit}|${r.node}`) ?? [0, 0];
      s[r.kind === 'child' ? 0 : 1]! += r.contribution;
      by.set(`${r.unit}|${r.node}`, s);
    }
    for (const c of defined) {
      close(by.get(`${c.unit}|${c.node}`)![0], c.change!, 1e-9, `${name} ${c.unit} ${c.node} children`);
      close(by.get(`${c.unit}|${c.node}`)![1], c.change!, 1e-9, `${name} ${c.unit} ${c.node} indicators`);
    }
    assert.equal(a.notes.length, 0, name);
  }
  // arithmetic: U1 2021 I = A = ¼·40 + ¾·60 = 55 (B missing, A's weight renormalised to 1);
  // 2022 I = ⅔·50 + ⅓·60 = 160/3. B enters: c_B = ⅓·60 − 0 = 20, all weight effect; c_A = ⅔·50 − 1·55
  const a = attribute(compile(fw, fixedRecipe(codes), panelOf(data).cube(), { edition: 2022, firstEdition: 2021 }));
  const r = pick(a, 'U1', 'I', 'child');
  close(r.B!.contribution, 20, 1e-12, 'B enters');
  close(r.B!.weightEffect, 20, 1e-12, 'B: weight effect');
  close(r.A!.contribution, (2 / 3) * 50 - 55, 1e-12, 'A');
  // its indicators share B's entry by their own weights: x3 ⅙·55, x4 ⅙·65
  const ind = pick(a, 'U1', 'I', 'indicator');
  close(ind.x3!.contribution, 55 / 6, 1e-12, 'x3');
  close(ind.x4!.contribution, 65 / 6, 1e-12, 'x4');
  assert.equal(a.changes.find((c) => c.unit === 'U1' && c.node === 'B')!.change, null);
});
