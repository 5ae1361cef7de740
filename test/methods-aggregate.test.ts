/**
 * Aggregation methods, row-wise and matrix-level. Expected values are literals computed by hand
 * or with plain python3 (no numpy); the command is written next to each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATORS, aggregateMatrix, aggregatePresent, resolveAggregator, equalWeights, type AggregatorDef, type AggregateMethod } from '../src/core/methods/index.ts';
import { evaluate, cell } from '../src/core/index.ts';
import { fixture, panelOf, worked } from './helpers.ts';

function near(actual: number | null | undefined, expected: number, tol: number, what = ''): void {
  assert.ok(actual !== undefined && actual !== null && Math.abs(actual - expected) <= tol, `${what}: expected ${expected} ± ${tol}, got ${actual}`);
}
function nearAll(actual: number[], expected: number[], tol: number, what = ''): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => near(actual[i], e, tol, `${what}[${i}]`));
}

// the registry typed as the engine sees it (resolveAggregator returns AggregatorDef)
const defs: Record<AggregateMethod, AggregatorDef> = AGGREGATORS;
const { arithmetic, geometric, harmonic, generalised } = defs;
const mpi = defs['mazziotta-pareto'];
const matrix = (name: 'copeland' | 'topsis' | 'grey-relational') => defs[name].matrixFn!;

test('arithmetic and geometric keep their behaviour', () => {
  near(arithmetic.fn([80, 90], [1, 3], {}), 87.5, 1e-12, 'arithmetic'); // (80 + 270)/4
  near(geometric.fn([4, 9], [1, 1], {}), 6, 1e-12, 'geometric'); // √36
  assert.ok(Number.isNaN(geometric.fn([4, 0], [1, 1], {})));
  near(aggregatePresent(arithmetic.fn, [80, NaN, 90], [1, 1, 3]), 87.5, 1e-12, 'missing dropped');
});

test('equal weights make the weighted mean the plain mean', () => {
  near(arithmetic.fn([61, 75, 98, 70], equalWeights(4), {}), 76, 1e-12, 'plain mean'); // 304/4
});

test('harmonic mean', () => {
  near(harmonic.fn([2, 6], [1, 1], {}), 3, 1e-12, 'harmonic'); // 2/(1/2 + 1/6)
  near(harmonic.fn([1, 4], [1, 3], {}), 4 / 1.75, 1e-12, 'weighted harmonic'); // 4/(1/1 + 3/4)
  assert.ok(Number.isNaN(harmonic.fn([2, 0], [1, 1], {})));
});

test('harmonic ≤ geometric ≤ arithmetic, equal only for equal values', () => {
  const cases: [number[], number[]][] = [
    [[60, 100], [1, 1]],
    [[61.5, 87, 99.2, 70], [0.1, 0.4, 0.3, 0.2]],
    [[1, 2, 3, 40], [3, 1, 1, 1]],
  ];
  for (const [x, w] of cases) {
    const a = arithmetic.fn(x, w, {});
    const g = geometric.fn(x, w, {});
    const h = harmonic.fn(x, w, {});
    assert.ok(h < g && g < a, `${h} < ${g} < ${a} for ${x}`);
  }
  const same = [[77, 77, 77], [1, 2, 3]] as const;
  near(geometric.fn([...same[0]], [...same[1]], {}), 77, 1e-12, 'g equal');
  near(harmonic.fn([...same[0]], [...same[1]], {}), 77, 1e-12, 'h equal');
});

test('generalised mean: p = 1 arithmetic, p = 0 geometric, p = −1 harmonic, p = 2 by hand', () => {
  const x = [61.5, 87, 99.2, 70];
  const w = [0.1, 0.4, 0.3, 0.2];
  near(generalised.fn(x, w, { p: 1 }), arithmetic.fn(x, w, {}), 1e-12, 'p=1');
  near(generalised.fn(x, w, { p: 0 }), geometric.fn(x, w, {}), 1e-12, 'p=0');
  near(generalised.fn(x, w, { p: -1 }), harmonic.fn(x, w, {}), 1e-10, 'p=-1');
  near(generalised.fn(x, w, { p: 1e-7 }), geometric.fn(x, w, {}), 1e-4, 'p→0');
  near(generalised.fn([1, 7], [1, 1], { p: 2 }), 5, 1e-12, 'p=2'); // √((1 + 49)/2)
  // power means increase with p
  assert.ok(generalised.fn(x, w, { p: -2 }) < generalised.fn(x, w, { p: -1 }));
  assert.ok(generalised.fn(x, w, { p: 2 }) > generalised.fn(x, w, { p: 1 }));
  assert.ok(Number.isNaN(generalised.fn([-1, 4], [1, 1], { p: 0.5 })));
  assert.deepEqual(resolveAggregator('generalised').params, { p: 1 });
});

test('Mazziotta–Pareto index on 100 ± 10·z scores, by hand', () => {
  // x = (90, 100, 110, 120): M = 105, S² = (225 + 25 + 25 + 225)/4 = 125, cv = S/M,
  // MPI⁻ = M − S²/M = 105 − 125/105 = 103.80952380952381; MPI⁺ = 106.19047619047619
  near(mpi.fn([90, 100, 110, 120], [1, 1, 1, 1], { penalty: -1 }), 105 - 125 / 105, 1e-12, 'MPI-');
  near(mpi.fn([90, 100, 110, 120], [1, 1, 1, 1], { penalty: 1 }), 105 + 125 / 105, 1e-12, 'MPI+');
  // a balanced unit is not penalised
  near(mpi.fn([104, 104, 104], [1, 1, 1], { penalty: -1 }), 104, 1e-12, 'balanced');
  // (90, 110): M = 100, S = 10, cv = 0.1 → 99
  near(mpi.fn([90, 110], [1, 1], resolveAggregator('mazziotta-pareto').params), 99, 1e-12, 'default penalty −1');
  assert.throws(() => resolveAggregator('mazziotta-pareto', { penalty: 0 }), /penalty must be -1 .* or 1/);
});

// Hwang & Yoon (1981) fighter-aircraft problem (Multiple Attribute Decision Making, Springer):
// 4 aircraft × 6 attributes (max speed, ferry range, max payload, purchase cost [cost],
// reliability, manoeuvrability); weights (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
const AIRCRAFT = [
  [2.0, 1500, 20000, 5.5, 5, 9],
  [2.5, 2700, 18000, 6.5, 3, 5],
  [1.8, 2000, 21000, 4.5, 7, 7],
  [2.2, 1800, 20000, 5.0, 5, 5],
];
const AIRCRAFT_W = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];

test('TOPSIS: Hwang & Yoon fighter-aircraft textbook example', () => {
  // The textbook vector-normalises r_ij = x_ij/√Σ_i x_ij² and takes the min as ideal for the cost
  // attribute. Our inputs are already normalised and direction-adjusted, so we pass r with the cost
  // column negated (distances are unchanged). Expected closeness from the textbook steps:
  // python3 -c "
  // import math
  // X=[[2.0,1500,20000,5.5,5,9],[2.5,2700,18000,6.5,3,5],[1.8,2000,21000,4.5,7,7],[2.2,1800,20000,5.0,5,5]]
  // w=[0.2,0.1,0.1,0.1,0.2,0.3];n=6
  // V=[[w[j]*X[i][j]/math.sqrt(sum(X[k][j]**2 for k in range(4))) for j in range(n)] for i in range(4)]
  // b=[(min if j==3 else max)(V[i][j] for i in range(4)) for j in range(n)]
  // a=[(max if j==3 else min)(V[i][j] for i in range(4)) for j in range(n)]
  // d=lambda r,z:math.sqrt(sum((r[j]-z[j])**2 for j in range(n)))
  // print([d(V[i],a)/(d(V[i],b)+d(V[i],a)) for i in range(4)])"
  // => [0.6432770005532701, 0.26838356771941185, 0.6135422900072309, 0.31229106558175435]
  // (ranking A1 ≻ A3 ≻ A4 ≻ A2, as in the textbook)
  const norms = AIRCRAFT_W.map((_, j) => Math.sqrt(AIRCRAFT.reduce((s, r) => s + r[j]! ** 2, 0)));
  const R = AIRCRAFT.map((r) => r.map((x, j) => (j === 3 ? -1 : 1) * (x / norms[j]!)));
  const c = matrix('topsis')(R, AIRCRAFT_W, {});
  nearAll(c, [0.6432770005532701, 0.26838356771941185, 0.6135422900072309, 0.31229106558175435], 1e-12, 'closeness');
  // weights on any scale give the same closeness
  nearAll(matrix('topsis')(R, AIRCRAFT_W.map((x) => x * 10), {}), c, 1e-12, 'weight scale');
});

test('TOPSIS: small case by hand; a unit with a missing child is not scored', () => {
  // ideal (1, 1), anti-ideal (0, 0), w = (½, ½): (1,0) → d⁺ = d⁻ = ½ → 0.5; (1,1) → 1
  nearAll(matrix('topsis')([[1, 0], [0, 1], [1, 1]], [1, 1], {}), [0.5, 0.5, 1], 1e-12, 'topsis');
  const r = matrix('topsis')([[1, 0], [0, 1], [1, NaN], [1, 1]], [1, 1], {});
  assert.ok(Number.isNaN(r[2]!));
  nearAll([r[0]!, r[1]!, r[3]!], [0.5, 0.5, 1], 1e-12, 'others unchanged');
});

test('Copeland: fighter-aircraft pairwise majorities, by hand', () => {
  // direction-adjusted (cost negated). Weighted wins − losses per pair (w = .2,.1,.1,.1,.2,.3):
  // A1–A2: A1 better on payload .1, cost .1, reliability .2, manoeuvrability .3 = .7 vs .3 → A1
  // A1–A3: A1 better on speed .2, manoeuvrability .3 = .5 vs .5 → tie
  // A1–A4: A1 better on manoeuvrability .3; A4 on speed .2, range .1, cost .1 = .4 → A4
  // A2–A3: A2 speed .2, range .1 = .3 vs .7 → A3
  // A2–A4: A2 speed .2, range .1 = .3; A4 payload .1, cost .1, reliability .2 = .4 → A4
  // A3–A4: A3 .8 vs A4 .2 → A3
  // scores (beaten − lost to): A1 1 − 1 = 0, A2 0 − 3 = −3, A3 2 − 0 = 2, A4 2 − 1 = 1
  const X = AIRCRAFT.map((r) => r.map((x, j) => (j === 3 ? -x : x)));
  assert.deepEqual(matrix('copeland')(X, AIRCRAFT_W, {}), [0, -3, 2, 1]);
});

test('Copeland: small case, missing children compared only where both units have them', () => {
  // by hand: u1 beats u2 (2 vs 1) and u3 (2 vs 1); u2 beats u3 (2 vs 1) → (2, 0, −2)
  assert.deepEqual(matrix('copeland')([[3, 1], [2, 2], [1, 3]], [2, 1], {}), [2, 0, -2]);
  // u2 lacks child 1: u1–u2 compared on child 2 only (1 < 2 → u2 wins); u2–u3 on child 2 (2 < 3 → u3)
  // u1–u3: 2 vs 1 → u1. Scores: u1 1 − 1 = 0, u2 1 − 1 = 0, u3 1 − 1 = 0; an empty unit gets NaN
  const r = matrix('copeland')([[3, 1], [NaN, 2], [1, 3], [NaN, NaN]], [2, 1], {});
  assert.deepEqual(r.slice(0, 3), [0, 0, 0]);
  assert.ok(Number.isNaN(r[3]!));
});

test('grey relational grade, ρ = 0.5, by hand', () => {
  // reference = column max (1.0, 1.0); Δ = (.2,.4), (.6,0), (0,.8); Δmin = 0, Δmax = .8, ρΔmax = .4
  // ξ = .4/(Δ + .4): u1 (2/3, 1/2), u2 (.4, 1), u3 (1, 1/3)
  // w = (3, 1)/4: u1 .75·2/3 + .25·.5 = .625; u2 .75·.4 + .25 = .55; u3 .75 + .25/3 = .8333…
  const X = [[0.8, 0.6], [0.4, 1.0], [1.0, 0.2]];
  nearAll(matrix('grey-relational')(X, [3, 1], { rho: 0.5 }), [0.625, 0.55, 0.75 + 0.25 / 3], 1e-12, 'grade');
  // equal weights: (2/3 + 1/2)/2, (.4 + 1)/2, (1 + 1/3)/2
  nearAll(matrix('grey-relational')(X, [1, 1], { rho: 0.5 }), [7 / 12, 0.7, 2 / 3], 1e-12, 'equal w');
  assert.throws(() => resolveAggregator('grey-relational', { rho: 0 }), /rho .* must be in \(0, 1\]/);
});

test('matrix-level methods refuse to score one unit alone; aggregateMatrix dispatches', () => {
  for (const name of ['copeland', 'topsis', 'grey-relational'] as const) {
    assert.throws(() => defs[name].fn([1, 2], [1, 1], {}), (e: Error) => e.name === 'MethodError' && e.message.startsWith(`${name} compares units with each other`));
    assert.throws(() => aggregatePresent(AGGREGATORS[name].fn, [1, 2], [1, 1]), /compares units with each other, so it cannot score one unit's children alone/);
  }
  nearAll(aggregateMatrix(arithmetic, [[80, 90], [70, NaN]], [1, 3]), [87.5, 70], 1e-12, 'row-wise fallback');
  assert.deepEqual(aggregateMatrix(AGGREGATORS.copeland, [[3, 1], [2, 2], [1, 3]], [2, 1]), [2, 0, -2]);
  assert.throws(() => resolveAggregator('borda'), /Unknown aggregation method "borda" \(valid: arithmetic, geometric, harmonic, generalised, mazziotta-pareto, copeland, topsis, grey-relational\)/);
  assert.throws(() => resolveAggregator('topsis', { rho: 1 }), /topsis has no parameter "rho"/);
});

test('engine: matrix-level aggregators run per edition (worked example)', () => {
  const recipe = {
    ...JSON.parse(fixture('worked/recipe-efficacy.json')),
    aggregation: { method: 'arithmetic', byNode: { A: { method: 'copeland' }, B: { method: 'topsis' } } },
  };
  const res = evaluate(worked(), panelOf(fixture('worked/data.csv')), recipe, { edition: 2025 });
  const s = (node: string, ed: number, u: string) => cell(res, node, ed, u).score;
  // A = Copeland over X1, X2 (efficacy, pooled; see worked-example.test.ts):
  // 2025: U1 (68, 84), U2 (84, 100), U3 (100, 68) → U2 beats U1; U1–U3 and U2–U3 tie → (−1, 1, 0)
  // 2024: U1 (60, 76), U2 (76, 92), U3 (92, 60) → same pattern
  for (const ed of [2024, 2025]) assert.deepEqual(['U1', 'U2', 'U3'].map((u) => s('A', ed, u)), [-1, 1, 0]);
  // B = TOPSIS over X3, X4, X5 (equal weights), 2025: U1 (70, 100, 100), U2 (80, 60, 60);
  // U3 has no X5 → not scored (warning). Ideal (80, 100, 100), anti-ideal (70, 60, 60), w = 1/3:
  // U1 d⁺ = 10/3, d⁻ = 40√2/3 → 40√2/(10 + 40√2); U2 the mirror → 10/(10 + 40√2)
  near(s('B', 2025, 'U1'), (40 * Math.SQRT2) / (10 + 40 * Math.SQRT2), 1e-12, 'B U1');
  near(s('B', 2025, 'U2'), 10 / (10 + 40 * Math.SQRT2), 1e-12, 'B U2');
  assert.equal(s('B', 2025, 'U3'), null);
  assert.ok(res.warnings.some((w) => w.code === 'aggregate-undefined' && w.path === 'B' && /topsis aggregate undefined for 2 unit-editions \(a unit with a missing child/.test(w.message)));
});

test('engine: vector normalisation + TOPSIS reproduces the Hwang & Yoon closeness end to end', async () => {
  const { parseFramework } = await import('../src/core/index.ts');
  const names = ['speed', 'range', 'payload', 'cost', 'reliability', 'manoeuvrability'];
  const yaml = ['id: aircraft', 'name: Fighter aircraft', 'nodes:', '  - {code: ROOT, name: Index}',
    ...names.map((n, j) => `  - {code: C${j + 1}, parent: ROOT, name: ${n}, weight: ${AIRCRAFT_W[j]}, direction: "${j === 3 ? '-' : '+'}"}`)].join('\n');
  const fw = parseFramework(yaml, 'aircraft.yaml');
  const csv = 'unit,year,variable,value\n' + AIRCRAFT.flatMap((r, i) => r.map((x, j) => `A${i + 1},2024,C${j + 1},${x}`)).join('\n');
  const res = evaluate(fw, panelOf(csv), { id: 't', firstEdition: 2025, normalisation: { method: 'vector', scope: 'per-year' }, aggregation: { method: 'topsis' } }, { edition: 2025 });
  // textbook closeness (python3 command in the test above)
  const expected = [0.6432770005532701, 0.26838356771941185, 0.6135422900072309, 0.31229106558175435];
  expected.forEach((c, i) => near(cell(res, 'ROOT', 2025, `A${i + 1}`).score, c, 1e-12, `A${i + 1}`));
  assert.deepEqual(['A1', 'A2', 'A3', 'A4'].map((u) => cell(res, 'ROOT', 2025, u).rank), [1, 4, 2, 3]);
});
