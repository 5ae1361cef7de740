/**
 * Statistical coherence: every statistic against values computed independently with numpy/scipy
 * (test/fixtures/coherence/expected.py → expected.json) on a hand-made data set with missing
 * values and ties, and on sub-pillar G11 of the sample regional run; flags; removal effects
 * checked against a framework built without the node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, compile, parseFramework, type Cube, type Framework, type Recipe } from '../src/core/index.ts';
import { averageRanks, coherence, cronbachAlpha, firstComponent, pearson, removalEffects, spearman, zeroWeightRemoves, type Coherence } from '../src/core/analysis/coherence/index.ts';
import { close, fixture, frameworkFile, panelOf } from './helpers.ts';

interface Corr {
  pearson: number;
  spearman: number;
  n: number;
}
interface Pca {
  eigenvalues: number[];
  share: number;
  loadings: number[];
  correlations: number[];
}
const expected = JSON.parse(fixture('coherence/expected.json')) as {
  hand: { data: Record<string, (number | null)[]>; withParent: Record<string, Corr>; pairs: Record<string, Corr>; alpha: number; pca: Pca; alphaCompleteClassical: number };
  sample: { indicators: string[]; correlations: Record<string, Corr>; siblings: Record<string, Corr>; alpha: number; pca: Pca; importance: Record<string, number> };
};
const sampleInput = JSON.parse(fixture('coherence/sample-input.json')) as { units: string[]; columns: Record<string, number[]> };
const col = (xs: (number | null)[]): number[] => xs.map((x) => (x === null ? NaN : x));
const TOL = 1e-12;

function closeAll(actual: ArrayLike<number>, want: number[], tol: number, what: string): void {
  assert.equal(actual.length, want.length, `${what}: length`);
  want.forEach((w, i) => close(actual[i], w, tol, `${what}[${i}]`));
}

test('hand-made data with missing values and ties: Pearson, Spearman, alpha and PCA match numpy/scipy', () => {
  const H = Object.fromEntries(Object.entries(expected.hand.data).map(([k, v]) => [k, col(v)]));
  for (const c of ['A', 'B', 'C', 'D']) {
    const want = expected.hand.withParent[c]!;
    const p = pearson(H[c]!, H.P!);
    close(p.r, want.pearson, TOL, `pearson ${c}-P`);
    assert.equal(p.n, want.n, `${c}-P pairs`);
    close(spearman(H[c]!, H.P!).r, want.spearman, TOL, `spearman ${c}-P`);
  }
  for (const [k, want] of Object.entries(expected.hand.pairs)) {
    const [a, b] = k.split('-') as [string, string];
    close(pearson(H[a]!, H[b]!).r, want.pearson, TOL, `pearson ${k}`);
    close(spearman(H[a]!, H[b]!).r, want.spearman, TOL, `spearman ${k}`);
    assert.equal(pearson(H[a]!, H[b]!).n, want.n, `${k} pairs`);
  }
  close(cronbachAlpha(['A', 'B', 'C', 'D'].map((c) => H[c]!)), expected.hand.alpha, TOL, 'alpha (pairwise covariances)');
  close(cronbachAlpha(['A', 'C', 'P'].map((c) => H[c]!)), expected.hand.alphaCompleteClassical, TOL, 'alpha = classical formula on complete data');
  const pc = firstComponent(['A', 'B', 'C', 'D'].map((c) => H[c]!))!;
  assert.deepEqual(pc.used, [0, 1, 2, 3]);
  closeAll(pc.eigenvalues, expected.hand.pca.eigenvalues, 1e-12, 'eigenvalues');
  close(pc.share, expected.hand.pca.share, TOL, 'PCA share');
  closeAll(pc.loadings, expected.hand.pca.loadings, 1e-10, 'loadings');
  closeAll(pc.correlations, expected.hand.pca.correlations, 1e-10, 'component correlations');
  // average ranks of ties, as scipy.stats.rankdata
  assert.deepEqual(averageRanks([2, 2, 4, 3, 6, 5, 7]), [1.5, 1.5, 4, 3, 6, 5, 7]);
  // under 3 pairs, or a constant column: undefined; a constant column is left out of the PCA
  assert.ok(Number.isNaN(pearson([1, 2, NaN], [3, NaN, 1]).r));
  assert.ok(Number.isNaN(pearson([1, 1, 1, 1], [1, 2, 3, 4]).r));
  assert.deepEqual(firstComponent([[1, 2, 3, 4], [5, 5, 5, 5], [2, 4, 5, 9]])!.used, [0, 2]);
});

let cube: Cube | undefined;
/** The sample regional data's cube, read once for the file. */
const regionalCube = (): Cube => (cube ??= panelOf(readFileSync(new URL('../data/sample/regional.csv', import.meta.url), 'utf8')).cube());
let regional: Framework | undefined;
const regionalFramework = (): Framework => (regional ??= frameworkFile('cnipa-regional-2025'));
const samplePlan = () => compile(regionalFramework(), BUILTIN_RECIPES['cnipa-regional']!, regionalCube(), { edition: 2025 });

test('sample regional run, sub-pillar G11 (2025): correlations, alpha, PCA and importance match numpy/scipy', () => {
  const plan = samplePlan();
  const res = plan.run();
  // the inputs expected.py was given are this run's scores
  const e = res.editions.indexOf(2025);
  const U = res.units.length;
  assert.deepEqual(res.units, sampleInput.units);
  for (const [code, xs] of Object.entries(sampleInput.columns)) closeAll(res.scores[code]!.subarray(e * U, (e + 1) * U), xs, 1e-12, `input ${code}`);
  const c = coherence(plan, res, { edition: 2025, removal: false });
  const find = (a: string, b: string) => c.correlations.find((r) => r.a === a && r.b === b)!;
  for (const [k, want] of Object.entries({ ...expected.sample.correlations, ...expected.sample.siblings })) {
    const [a, b] = k.split('-') as [string, string];
    const r = find(a, b);
    close(r.pearson, want.pearson, 1e-12, `pearson ${k}`);
    close(r.spearman, want.spearman, 1e-12, `spearman ${k}`);
    assert.equal(r.n, 31);
  }
  assert.deepEqual([find('R01', 'G11').level, find('R01', 'G11').relation], ['indicator/sub-pillar', 'parent']);
  assert.deepEqual([find('R01', 'P1').level, find('R01', 'RIDX').relation], ['indicator/pillar', 'ancestor']);
  assert.deepEqual([find('G11', 'RIDX').level, find('R01', 'R02').level, find('R01', 'R02').relation], ['sub-pillar/index', 'indicator/indicator', 'sibling']);
  const g = c.groups.find((x) => x.node === 'G11')!;
  close(g.alpha, expected.sample.alpha, 1e-12, 'alpha G11');
  close(g.pca!.share, expected.sample.pca.share, 1e-12, 'PCA share G11');
  closeAll(g.pca!.eigenvalues, expected.sample.pca.eigenvalues, 1e-12, 'eigenvalues G11');
  closeAll(g.pca!.loadings, expected.sample.pca.loadings, 1e-10, 'loadings G11');
  assert.equal(g.complete, 31);
  for (const code of expected.sample.indicators) {
    const imp = c.importance.find((x) => x.node === code && x.scope === 'parent')!;
    close(imp.importance, expected.sample.importance[code]!, 1e-12, `importance ${code}`);
    close(imp.nominal, 1 / 5, 1e-15, `nominal ${code}: 5 equal indicators`);
    close(imp.ratio, expected.sample.importance[code]! * 5, 1e-11, `ratio ${code}`);
  }
  // the index scope: over all 86 indicators, nominal = the product of the effective weights
  const idx = c.importance.filter((x) => x.scope === 'index');
  assert.equal(idx.length, 86);
  close(idx.reduce((s, x) => s + x.importance, 0), 1, 1e-12, 'importance sums to 1');
  close(idx.find((x) => x.node === 'R01')!.nominal, 0.25 * (1 / 3) * (1 / 5), 1e-15, 'R01 nominal in the index');
  // near-duplicates: exactly the sibling pairs with |r| > 0.92
  const flagged = (x: Coherence, group?: string) => new Set(x.flags.filter((f) => f.flag === 'near-duplicate' && (!group || f.group === group)).map((f) => `${f.node}-${f.other}`));
  const want = Object.entries(expected.sample.siblings).filter(([, v]) => Math.abs(v.pearson) > 0.92).map(([k]) => k);
  assert.deepEqual([...flagged(c, 'G11')].sort(), want.sort());
  const strict = coherence(plan, res, { removal: false, duplicateThreshold: 0.99 });
  assert.ok(flagged(strict).size < flagged(c).size);
  for (const f of strict.flags.filter((x) => x.flag === 'near-duplicate')) assert.ok(Math.abs(f.value) > 0.99);
});

// one group of four indicators, scores = values (min-max with fixed bounds [0, 100])
const HAND_FW = `
id: coh-hand
version: "1"
name: {zh: 一致性示例}
nodes:
  - {code: G, name: {zh: 总指数}}
${['A', 'B', 'C', 'D'].map((c) => `  - {code: ${c}, parent: G, name: {zh: 指标${c}}, unit: 分}`).join('\n')}
`;
const handRecipe: Recipe = {
  id: 'coh-hand',
  firstEdition: 2021,
  normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'fixed', bounds: Object.fromEntries(['A', 'B', 'C', 'D'].map((c) => [c, [0, 100]])) },
  missing: { carryForward: false },
  weights: { scheme: 'equal' },
  units: { minCoverage: 0 },
};

test('flags: an indicator that correlates negatively with its group, near-duplicates; the national time series is refused', () => {
  const H = expected.hand.data;
  const csv = 'unit,year,variable,value\n' + H.A!.map((_, u) => ['A', 'B', 'C', 'D'].map((c) => `U${u + 1},2020,${c},${H[c]![u] ?? 'NA'}`).join('\n')).join('\n') + '\n';
  const plan = compile(parseFramework(HAND_FW, 'hand.yaml'), handRecipe, panelOf(csv).cube(), { edition: 2021, firstEdition: 2021 });
  const c = coherence(plan);
  const neg = c.flags.filter((f) => f.flag === 'negative-correlation');
  assert.deepEqual(neg.map((f) => [f.node, f.other]), [['C', 'G']]);
  assert.ok(neg[0]!.value < 0);
  // near-duplicates: the pairs of A–D with |r| > 0.92 in expected.py's pairwise correlations (C is their mirror image)
  const dup = c.flags.filter((f) => f.flag === 'near-duplicate').map((f) => `${f.node}-${f.other}`);
  assert.deepEqual(dup, Object.entries(expected.hand.pairs).filter(([, v]) => Math.abs(v.pearson) > 0.92).map(([k]) => k));
  assert.ok(dup.includes('A-C') && dup.includes('A-D'));
  // every removal re-runs the plan with a zero weight (equal weights, missing children dropped)
  assert.deepEqual(c.removal.map((r) => [r.node, r.method]), ['A', 'B', 'C', 'D'].map((x) => [x, 'zero-weight']));

  const national = compile(frameworkFile('cnipa-national-2025'), BUILTIN_RECIPES['cnipa-national']!, panelOf(readFileSync(new URL('../data/sample/national.csv', import.meta.url), 'utf8')).cube(), { edition: 2025 });
  assert.throws(() => coherence(national), /coherence compares units with each other: edition 2025 has 1 unit with an index score \(CN\); it needs at least 3/);
});

/** The regional framework file without some nodes (and the nodes below them): the YAML blocks deleted. */
function regionalWithout(codes: string[]): string {
  const text = readFileSync(new URL('../frameworks/cnipa-regional-2025.yaml', import.meta.url), 'utf8');
  const drop = new Set(codes);
  const blocks = text.split('\n\n');
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of blocks) {
      const m = /^ {2}- code: (\S+)\n {4}parent: (\S+)/.exec(b);
      if (m && drop.has(m[2]!) && !drop.has(m[1]!)) {
        drop.add(m[1]!);
        grew = true;
      }
    }
  }
  return blocks.filter((b) => !drop.has(/^ {2}- code: (\S+)/.exec(b)?.[1] ?? '')).join('\n\n');
}

function rankShift(nominal: ArrayLike<number>, other: ArrayLike<number>): [number, number] {
  let s = 0;
  let m = 0;
  for (let u = 0; u < nominal.length; u++) {
    s += Math.abs(other[u]! - nominal[u]!);
    m = Math.max(m, Math.abs(other[u]! - nominal[u]!));
  }
  return [s / nominal.length, m];
}

test('removing a node: a zero weight on the compiled plan gives exactly the evaluation of the framework without it', () => {
  const plan = samplePlan();
  const res = plan.run();
  const cube = regionalCube();
  const e = res.editions.indexOf(2025);
  const U = res.units.length;
  const nominal = res.ranks.RIDX!.subarray(e * U, (e + 1) * U);
  const effects = removalEffects(plan, res, { edition: 2025, nodes: ['R05', 'G12'] });
  for (const [code, fx] of [['R05', effects[0]!], ['G12', effects[1]!]] as const) {
    const fw = parseFramework(regionalWithout([code]), `without-${code}.yaml`);
    assert.ok(!fw.nodes.some((n) => n.code === code));
    const fresh = compile(fw, BUILTIN_RECIPES['cnipa-regional']!, cube, { edition: 2025 }).run();
    assert.deepEqual(fresh.units, res.units);
    const zero = plan.rerun({ weights: { [code]: 0 }, editions: [2025] });
    closeAll(zero.scores.RIDX!, Array.from(fresh.scores.RIDX!.subarray(e * U, (e + 1) * U)), 1e-12, `${code}: index scores`);
    assert.deepEqual(Array.from(zero.ranks.RIDX!), Array.from(fresh.ranks.RIDX!.subarray(e * U, (e + 1) * U)));
    const [mean, max] = rankShift(nominal, fresh.ranks.RIDX!.subarray(e * U, (e + 1) * U));
    assert.equal(fx.method, 'zero-weight');
    close(fx.meanAbsRankShift, mean, 1e-15, `${code} mean shift`);
    assert.equal(fx.maxRankShift, max);
    assert.equal(fx.n, 31);
  }
  // every node at once, well under a second (a re-run each)
  const t0 = performance.now();
  const all = removalEffects(plan, res);
  assert.equal(all.length, 98);
  assert.ok(all.every((x) => x.method === 'zero-weight'));
  assert.ok(performance.now() - t0 < 5000);
});

test('where a zero weight is not the removal (leaf-count weights), a plan is compiled without the node', () => {
  const recipe: Recipe = { ...BUILTIN_RECIPES['cnipa-regional']!, weights: { scheme: 'leaf-count' } };
  const cube = regionalCube();
  const plan = compile(regionalFramework(), recipe, cube, { edition: 2025 });
  const res = plan.run();
  // removing R05 lowers G11's indicator count, so G11's weight in P1 changes: a zero weight keeps it
  assert.equal(zeroWeightRemoves(plan, plan.compiled.tree.index.get('R05')!), false);
  const fresh = compile(parseFramework(regionalWithout(['R05']), 'without-R05.yaml'), recipe, cube, { edition: 2025 }).run();
  const e = res.editions.indexOf(2025);
  const U = res.units.length;
  const zero = plan.rerun({ weights: { R05: 0 }, editions: [2025] });
  assert.ok(Array.from(zero.scores.RIDX!).some((x, u) => Math.abs(x - fresh.scores.RIDX![e * U + u]!) > 1e-6), 'the zero weight differs from the removal here');
  const [fx] = removalEffects(plan, res, { nodes: ['R05'] });
  assert.equal(fx!.method, 'recompiled');
  const [mean, max] = rankShift(res.ranks.RIDX!.subarray(e * U, (e + 1) * U), fresh.ranks.RIDX!.subarray(e * U, (e + 1) * U));
  close(fx!.meanAbsRankShift, mean, 1e-15, 'mean shift');
  assert.equal(fx!.maxRankShift, max);
});

test('removal under data-driven and AHP weights: recompiled, and a removal the recipe cannot express says why', () => {
  const base = BUILTIN_RECIPES['cnipa-regional']!;
  const ones = Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]);
  const plan = compile(regionalFramework(), { ...base, weights: { ...base.weights, byNode: { G11: 'entropy', G12: 'ahp' }, ahp: { G12: ones } } }, regionalCube(), { edition: 2025 });
  const res = plan.run();
  const at = (code: string) => plan.compiled.tree.index.get(code)!;
  // entropy weights depend on every sibling; an AHP matrix names every child
  assert.deepEqual([zeroWeightRemoves(plan, at('R01')), zeroWeightRemoves(plan, at('R06')), zeroWeightRemoves(plan, at('R11'))], [false, false, true]);
  const [r01, r06, r11] = removalEffects(plan, res, { nodes: ['R01', 'R06', 'R11'] });
  assert.deepEqual([r01!.method, r06!.method, r11!.method], ['recompiled', 'recompiled', 'zero-weight']);
  assert.ok(Number.isFinite(r01!.meanAbsRankShift) && r01!.n === 31 && r01!.note === undefined);
  assert.ok(Number.isNaN(r06!.meanAbsRankShift));
  assert.match(r06!.note!, /^the framework without R06 cannot be evaluated with this recipe: Recipe cnipa-regional has \d problems?\n.*weights\.ahp\.G12: needs a 4×4 matrix/);
});
