import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RECIPES, Panel, compile, evaluate, mulberry32, parseFramework, type Framework } from '../src/core/index.ts';
import {
  DEFAULT_SPEC,
  Replicator,
  SpecError,
  inlineRunner,
  patchRecipe,
  quantileSorted,
  replicationSetup,
  resolveSpec,
  saltelliDesign,
  sensitivityAnalysis,
  sobolIndices,
  sobolPoints,
  uncertaintyAnalysis,
} from '../src/core/analysis/uncertainty/index.ts';
import { quantileOfCounts } from '../src/core/analysis/uncertainty/quantile.ts';
import { WeightKernel } from '../src/core/analysis/uncertainty/weight-kernel.ts';
import { poolRunner } from '../src/cli/analyse/pool.ts';
import { loadFramework, loadRegistry, readDataFiles } from '../src/io/index.ts';

test('Sobol sequence: the unscrambled points equal SciPy’s Sobol(64, scramble=False)', () => {
  // python: qmc.Sobol(64, scramble=False).random(2**11)[i][[0, 1, 5, 17, 33, 63]]
  const expected: Record<number, number[]> = {
    0: [0, 0, 0, 0, 0, 0],
    1: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    2: [0.75, 0.25, 0.75, 0.25, 0.75, 0.75],
    3: [0.25, 0.75, 0.25, 0.75, 0.25, 0.25],
    100: [0.4140625, 0.2578125, 0.7421875, 0.7421875, 0.2578125, 0.6484375],
    2047: [0.00048828125, 0.62744140625, 0.65771484375, 0.82373046875, 0.08154296875, 0.98876953125],
  };
  const p = sobolPoints(2048, 64);
  for (const [i, row] of Object.entries(expected)) assert.deepEqual([0, 1, 5, 17, 33, 63].map((d) => p[Number(i) * 64 + d]), row, `point ${i}`);
  // skipping points and a digital shift: point i of a shifted sequence is point i XOR the shift
  const shift = Uint32Array.from({ length: 64 }, (_, d) => (d * 2654435761) % 2 ** 30);
  const q = sobolPoints(10, 64, 100, shift);
  for (let d = 0; d < 64; d++) assert.equal(q[d], ((Math.round(p[100 * 64 + d]! * 2 ** 30) ^ shift[d]!) >>> 0) / 2 ** 30);
  assert.throws(() => sobolPoints(4, 65), RangeError);
});

test('quantiles: R type 7 / numpy linear, from values and from counts', () => {
  // numpy.quantile([3,1,4,1,5,9,2,6], [0.05, 0.5, 0.95]) = [1, 3.5, 7.95]
  const s = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]).sort();
  assert.equal(quantileSorted(s, 0.05), 1);
  assert.equal(quantileSorted(s, 0.5), 3.5);
  assert.ok(Math.abs(quantileSorted(s, 0.95) - 7.95) < 1e-12);
  // numpy.quantile([7,7,8,10,12], [0.05, 0.25, 0.95]) = [7, 7, 11.6]
  const counts = new Int32Array(13);
  for (const x of [7, 7, 8, 10, 12]) counts[x]!++;
  assert.equal(quantileOfCounts(counts, 5, 0.05), 7);
  assert.equal(quantileOfCounts(counts, 5, 0.25), 7);
  assert.ok(Math.abs(quantileOfCounts(counts, 5, 0.95) - 11.6) < 1e-12);
  assert.ok(Number.isNaN(quantileOfCounts(new Int32Array(3), 0, 0.5)));
});

test('Sobol indices of the Ishigami function fall inside their intervals and near the analytic values', () => {
  // Ishigami (a = 7, b = 0.1), inputs uniform on [−π, π]; analytic variances (Saltelli et al. 2008, §4.9)
  const a = 7;
  const b = 0.1;
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const V = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
  const V1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const V2 = (a * a) / 8;
  const V13 = (8 * b * b * pi8) / 225;
  const S = [V1 / V, V2 / V, 0]; // 0.3139, 0.4424, 0
  const ST = [(V1 + V13) / V, V2 / V, V13 / V]; // 0.5576, 0.4424, 0.2437
  const N = 8192;
  const d = 3;
  const design = saltelliDesign(N, d, 7);
  const y = new Float64Array(N * (d + 2));
  for (let r = 0; r < y.length; r++) {
    const [x1, x2, x3] = [0, 1, 2].map((i) => -Math.PI + 2 * Math.PI * design[r * d + i]!);
    y[r] = Math.sin(x1!) + a * Math.sin(x2!) ** 2 + b * x3! ** 4 * Math.sin(x1!);
  }
  const idx = sobolIndices(y.subarray(0, N), y.subarray(N, 2 * N), [0, 1, 2].map((i) => y.subarray((2 + i) * N, (3 + i) * N)), { bootstrap: 500, seed: 3 });
  idx.forEach((x, i) => {
    assert.ok(x.firstLow <= S[i]! && S[i]! <= x.firstHigh, `S${i + 1} = ${S[i]} in [${x.firstLow}, ${x.firstHigh}]`);
    assert.ok(x.totalLow <= ST[i]! && ST[i]! <= x.totalHigh, `ST${i + 1} = ${ST[i]} in [${x.totalLow}, ${x.totalHigh}]`);
    assert.ok(Math.abs(x.first - S[i]!) < 0.02 && Math.abs(x.total - ST[i]!) < 0.02, `input ${i + 1}: ${x.first}, ${x.total}`);
  });
});

test('Sobol indices of a linear model with independent inputs: S_i = ST_i = a_i² / Σ a², on a random design too', () => {
  const coef = [1, 2, 3, 0];
  const sum2 = coef.reduce((s, c) => s + c * c, 0); // 14
  for (const sampling of ['sobol', 'random'] as const) {
    const N = 4096;
    const d = coef.length;
    const design = saltelliDesign(N, d, 11, sampling);
    const y = new Float64Array(N * (d + 2));
    for (let r = 0; r < y.length; r++) for (let i = 0; i < d; i++) y[r] = y[r]! + coef[i]! * design[r * d + i]!;
    const idx = sobolIndices(y.subarray(0, N), y.subarray(N, 2 * N), coef.map((_, i) => y.subarray((2 + i) * N, (3 + i) * N)), { bootstrap: 300, seed: 5 });
    idx.forEach((x, i) => {
      const expected = (coef[i]! * coef[i]!) / sum2; // 1/14, 4/14, 9/14, 0
      assert.ok(x.firstLow <= expected + 1e-12 && expected - 1e-12 <= x.firstHigh, `${sampling} S${i + 1}: ${expected} in [${x.firstLow}, ${x.firstHigh}]`);
      assert.ok(x.totalLow <= expected + 1e-12 && expected - 1e-12 <= x.totalHigh, `${sampling} ST${i + 1}: ${expected} in [${x.totalLow}, ${x.totalHigh}]`);
    });
  }
  // an output that never varies has no indices
  const c = new Float64Array(10).fill(3);
  const [z] = sobolIndices(c, c, [c], { bootstrap: 10 });
  assert.ok(Number.isNaN(z!.first) && Number.isNaN(z!.total));
});

/** A small framework: 4 units, index = A (X1, X2) and B (X3), written for these tests. */
function smallCase(): { fw: Framework; panel: Panel } {
  const fw = parseFramework(
    'id: small\nname: {zh: 小指数}\nnodes:\n  - {code: I, name: {zh: 指数}}\n  - {code: A, parent: I, name: {zh: A}}\n  - {code: B, parent: I, name: {zh: B}}\n' +
      '  - {code: X1, parent: A, name: {zh: X1}, unit: 件}\n  - {code: X2, parent: A, name: {zh: X2}, unit: 件}\n  - {code: X3, parent: B, name: {zh: X3}, unit: 件}\n',
    'small.yaml',
  );
  // values chosen so that the ranks swap between weight sets (worked below)
  const data: [string, number, number, number][] = [
    ['u1', 10, 0, 5],
    ['u2', 0, 10, 0],
    ['u3', 5, 5, 10],
    ['u4', 2, 2, 2],
  ];
  const obs = data.flatMap(([unit, x1, x2, x3]) => [2020, 2021].flatMap((year) => [
    { unit, year, variable: 'X1', value: x1 },
    { unit, year, variable: 'X2', value: x2 },
    { unit, year, variable: 'X3', value: x3 },
  ]));
  return { fw, panel: new Panel(obs) };
}

const smallRecipe = { id: 'r', dataLag: 0, firstEdition: 2020, normalisation: { method: 'minmax' as const } };

test('uncertainty: rank distribution of explicit weight sets matches the hand-computed ranks', async () => {
  const { fw, panel } = smallCase();
  const opts = { edition: 2021 };
  const plan = compile(fw, smallRecipe, panel.cube(), opts);
  const res = plan.run();
  // min-max 0–100 per indicator over both years (values equal in both): X1 = 100, 0, 50, 20; X2 = 0, 100, 50, 20; X3 = 50, 0, 100, 20
  // set 1 {X1: 1, X2: 0}: A = X1; I = (A + B)/2 → u1 75, u2 0, u3 75, u4 20 → ranks 1, 4, 1, 3
  // set 2 {X1: 0, X2: 1}: A = X2 → u1 25, u2 50, u3 75, u4 20 → ranks 3, 2, 1, 4
  const spec = resolveSpec({ inputs: [{ kind: 'weights', alternatives: [{ X1: 1, X2: 0 }, { X1: 0, X2: 1 }], nominal: false }] }, { framework: fw, weights: res.weights, seed: 1 });
  const setup = replicationSetup(plan, fw, opts, 2021, spec);
  const r = await uncertaintyAnalysis(setup, { samples: 400, seed: 9 });
  const picks1 = r.choices[0]!.filter((c) => c === 0).length;
  assert.ok(picks1 > 150 && picks1 < 250, `about half pick set 1 (${picks1})`);
  const byUnit = (u: string) => r.intervals.find((x) => x.node === 'I' && x.unit === u)!;
  const ranks: Record<string, [number, number]> = { u1: [1, 3], u2: [4, 2], u3: [1, 1], u4: [3, 4] };
  for (const [u, [r1, r2]] of Object.entries(ranks)) {
    const sorted = [...Array(picks1).fill(r1), ...Array(400 - picks1).fill(r2)].sort((x, y) => x - y);
    const it = byUnit(u);
    assert.equal(it.median, quantileSorted(sorted, 0.5), `${u} median`);
    assert.equal(it.q05, Math.min(r1, r2), `${u} q05`);
    assert.equal(it.q95, Math.max(r1, r2), `${u} q95`);
    assert.equal(it.mean, (picks1 * r1 + (400 - picks1) * r2) / 400, `${u} mean`);
  }
  // nominal: equal weights → A = (X1 + X2)/2 = 50, 50, 50, 20; I = 50, 25, 75, 20 → ranks 2, 3, 1, 4
  assert.deepEqual(['u1', 'u2', 'u3', 'u4'].map((u) => byUnit(u).nominal), [2, 3, 1, 4]);
});

test('the weight kernel gives the scores of plan.rerun for random weights (arithmetic and geometric)', () => {
  const { framework } = loadFramework('cnipa-regional');
  const { observations } = readDataFiles(['data/sample/regional.csv'], loadRegistry());
  const panel = new Panel(observations);
  const rand = mulberry32(42);
  for (const method of ['arithmetic', 'geometric'] as const) {
    const recipe = patchRecipe(BUILTIN_RECIPES['cnipa-regional']!, method === 'geometric' ? { aggregation: { method: 'geometric' }, normalisation: { method: 'minmax', params: { l: 1, u: 100 } } } : {});
    const plan = compile(framework, recipe, panel.cube(), { edition: 2025 });
    const kernel = new WeightKernel(plan, 2025);
    assert.ok(WeightKernel.supports(plan));
    for (let t = 0; t < 5; t++) {
      const weights: Record<string, number> = {};
      for (const n of framework.nodes) if (n.code !== framework.root && rand() < 0.5) weights[n.code] = rand() * 2;
      const s = kernel.run([weights]);
      const res = plan.rerun({ weights, editions: [2025] });
      for (const n of framework.nodes.filter((x) => x.kind === 'aggregate')) {
        const at = kernel.at(n.code);
        const want = res.scores[n.code]!;
        for (let u = 0; u < plan.units.length; u++) {
          const got = s[at * plan.units.length + u]!;
          assert.ok(Math.abs(got - want[u]!) <= 1e-12 * Math.max(1, Math.abs(want[u]!)), `${method} ${n.code} ${plan.units[u]}: ${got} vs ${want[u]}`);
        }
      }
    }
  }
});

test('an aggregation alternative on the kernel ranks as a plan compiled with that method', () => {
  const { framework } = loadFramework('cnipa-regional');
  const { observations } = readDataFiles(['data/sample/regional.csv'], loadRegistry());
  const panel = new Panel(observations);
  const opts = { edition: 2025 };
  const recipe = BUILTIN_RECIPES['cnipa-regional']!;
  const plan = compile(framework, recipe, panel.cube(), opts);
  const res = plan.run();
  const spec = resolveSpec({ inputs: [{ kind: 'weights', noise: 0.3, sets: 3 }, { kind: 'aggregation', options: ['arithmetic', 'geometric', { method: 'harmonic' }] }] }, { framework, weights: res.weights, seed: 2 });
  const rep = new Replicator(replicationSetup(plan, framework, opts, 2025, spec));
  const out = new Float64Array(rep.width);
  for (const [w, a] of [[0, 1], [2, 2], [1, 0]] as const) {
    rep.runChoices([w, a], out);
    const method = ['arithmetic', 'geometric', 'harmonic'][a]!;
    const ref = compile(framework, patchRecipe(recipe, { aggregation: { method, params: {}, byNode: {} } }), panel.cube(), opts).rerun({ weights: spec.inputs[0]!.weightSets![w]!, editions: [2025] });
    spec.nodes.forEach((code, n) => assert.deepEqual(Array.from(out.subarray(n * 31, (n + 1) * 31)), Array.from(ref.ranks[code]!), `${method} ${code}`));
  }
});

test('leaving an indicator out (weight 0) ranks as a framework without it', async () => {
  const { fw, panel } = smallCase();
  const opts = { edition: 2021 };
  const plan = compile(fw, smallRecipe, panel.cube(), opts);
  const res = plan.run();
  const spec = resolveSpec({ inputs: [{ kind: 'exclude', indicators: ['X2'], none: false }] }, { framework: fw, weights: res.weights, seed: 1 });
  const rep = new Replicator(replicationSetup(plan, fw, opts, 2021, spec));
  const out = new Float64Array(rep.width);
  rep.runChoices([0], out);
  // the framework without X2, evaluated from scratch
  const fw2 = parseFramework(
    'id: small2\nname: {zh: 小指数}\nnodes:\n  - {code: I, name: {zh: 指数}}\n  - {code: A, parent: I, name: {zh: A}}\n  - {code: B, parent: I, name: {zh: B}}\n' +
      '  - {code: X1, parent: A, name: {zh: X1}, unit: 件}\n  - {code: X3, parent: B, name: {zh: X3}, unit: 件}\n',
    'small2.yaml',
  );
  const ref = evaluate(fw2, panel, smallRecipe, { edition: 2021 });
  const e = ref.editions.indexOf(2021);
  const nodeIx = spec.nodes.indexOf('I');
  for (let u = 0; u < 4; u++) assert.equal(out[nodeIx * 4 + u], ref.ranks.I![e * 4 + u], `unit ${ref.units[u]}`);
});

test('uncertainty results are identical on 1 and 2 worker threads, and carry the seed', async () => {
  const { framework } = loadFramework('cnipa-regional');
  const { observations } = readDataFiles(['data/sample/regional.csv'], loadRegistry());
  const panel = new Panel(observations);
  const opts = { edition: 2025 };
  const plan = compile(framework, BUILTIN_RECIPES['cnipa-regional']!, panel.cube(), opts);
  const res = plan.run();
  const spec = resolveSpec({ inputs: [...DEFAULT_SPEC.inputs, { kind: 'aggregation', options: ['arithmetic', 'geometric'] }] }, { framework, weights: res.weights, seed: 5 });
  const setup = replicationSetup(plan, framework, opts, 2025, spec);
  const one = await uncertaintyAnalysis(setup, { samples: 300, seed: 5 }, poolRunner({ threads: 1 }));
  const two = await uncertaintyAnalysis(setup, { samples: 300, seed: 5 }, poolRunner({ threads: 2 }));
  const inline = await uncertaintyAnalysis(setup, { samples: 300, seed: 5 }, inlineRunner());
  assert.deepEqual(two.intervals, one.intervals);
  assert.deepEqual(inline.intervals, one.intervals);
  assert.equal(one.seed, 5);
  // the nominal ranks are the evaluation's
  const e = res.editions.indexOf(2025);
  for (const x of one.intervals.filter((i) => i.node === framework.root)) assert.equal(x.nominal, res.ranks[framework.root]![e * res.units.length + res.units.indexOf(x.unit)]);
  // another seed draws other replications
  const other = await uncertaintyAnalysis(setup, { samples: 300, seed: 6 });
  assert.notDeepEqual(other.choices, one.choices);
  const s1 = await sensitivityAnalysis(setup, { samples: 64, seed: 5 }, poolRunner({ threads: 1 }));
  const s2 = await sensitivityAnalysis(setup, { samples: 64, seed: 5 }, poolRunner({ threads: 2 }));
  assert.deepEqual(s2.rows, s1.rows);
  assert.equal(s1.runs, 64 * (spec.inputs.length + 2));
});

test('spec errors name the input and the field, with suggestions', () => {
  const { fw } = smallCase();
  const ctx = { framework: fw, weights: { A: 0.5, B: 0.5, X1: 0.5, X2: 0.5, X3: 1 }, seed: 1, file: 'spec.json' };
  const msg = (raw: unknown): string => {
    try {
      resolveSpec(raw, ctx);
    } catch (e) {
      assert.ok(e instanceof SpecError);
      return (e as Error).message;
    }
    return assert.fail('no error');
  };
  assert.match(msg({ inputs: [{ kind: 'wieghts' }] }), /spec\.json: .*inputs\[0\]\.kind.*did you mean weights/);
  assert.match(msg({ inputs: [{ kind: 'weights', nosie: 0.2 }] }), /inputs\[0\]\.nosie.*did you mean noise/);
  assert.match(msg({ inputs: [{ kind: 'weights', noise: 2 }] }), /noise: must be a fraction/);
  assert.match(msg({ inputs: [{ kind: 'exclude', indicators: ['X9'] }] }), /indicators\[0\].*"X9" is not a node/);
  assert.match(msg({ inputs: [] }), /inputs: must be a non-empty list/);
  assert.match(msg({ inputs: [{ kind: 'imputation' }, { kind: 'imputation' }] }), /"imputation" is used twice/);
  assert.match(msg({ inputs: [{ kind: 'weights' }], target: 'Q' }), /target: "Q" is not a node/);
});

test('recipe patches: objects merge, a new method drops the old parameters', () => {
  const base = { id: 'r', normalisation: { method: 'minmax', params: { low: 0, high: 100 }, scope: 'pooled' }, aggregation: { method: 'arithmetic', params: {} } };
  assert.deepEqual(patchRecipe(base, { normalisation: { method: 'zscore' } }), { id: 'r', normalisation: { method: 'zscore', params: {}, scope: 'pooled' }, aggregation: { method: 'arithmetic', params: {} } });
  assert.deepEqual(patchRecipe(base, { normalisation: { scope: 'per-year' } }).normalisation, { method: 'minmax', params: { low: 0, high: 100 }, scope: 'per-year' });
});
