/**
 * Normalisation methods. Expected values are worked by hand or with the Python command quoted
 * next to them (scipy.stats.rankdata gives R's average ranks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MethodError, NORMALISERS, resolveNormaliser, evaluate, cell, type NormaliseContext, type NormaliseParams, type Recipe } from '../src/core/index.ts';
import { fixture, panelOf, worked } from './helpers.ts';

type Warned = { code: string; message: string }[];

/** Runs a method through the resolver (defaults merged), collecting warnings. */
function norm(method: string, x: number[], params: NormaliseParams = {}, extra: Partial<NormaliseContext> = {}): { s: number[]; w: Warned } {
  const w: Warned = [];
  const { def, params: p } = resolveNormaliser(method, params);
  const s = def.fn(x, p, { direction: 1, indicator: 'I1', warn: (code, message) => w.push({ code, message }), ...extra });
  return { s, w };
}

/** Element-wise closeness; NaN must match NaN. */
function near(actual: number[], expected: number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length, `length ${actual.length} ≠ ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `[${i}]: expected NaN, got ${a}`);
    else assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `[${i}]: expected ${e}, got ${a}`);
  });
}

const down = { direction: -1 as const };

test('rank: average ranks for ties, missing kept (python3 -c "from scipy.stats import rankdata; print(rankdata([10,30,20,30]), rankdata([-10,-30,-20,-30]))")', () => {
  near(norm('rank', [10, 30, 20, 30, NaN]).s, [1, 3.5, 2, 3.5, NaN]);
  near(norm('rank', [10, 30, 20, 30, NaN], {}, down).s, [4, 1.5, 3, 1.5, NaN]);
});

test('percentile: 100·(r − 1)/(n − 1) with average ranks (ranks as above; n = 4 present)', () => {
  // r = 1, 3.5, 2, 3.5 → 0, 250/3, 100/3, 250/3
  near(norm('percentile', [10, 30, 20, 30, NaN]).s, [0, 250 / 3, 100 / 3, 250 / 3, NaN]);
  // direction −1: r = 4, 1.5, 3, 1.5 → 100, 50/3, 200/3, 50/3
  near(norm('percentile', [10, 30, 20, 30, NaN], {}, down).s, [100, 50 / 3, 200 / 3, 50 / 3, NaN]);
  near(norm('percentile', [10, 20, 30, 40, 50]).s, [0, 25, 50, 75, 100]);
  near(norm('percentile', [1, 2, 3], { scale: 1 }).s, [0, 0.5, 1]);
});

test('borda: units beaten, a tie counting half', () => {
  // 10 beats none; each 30 beats 10 and 20 and ties the other 30 → 2.5; 20 beats 10 → 1
  near(norm('borda', [10, 30, 20, 30, NaN]).s, [0, 2.5, 1, 2.5, NaN]);
  near(norm('borda', [10, 30, 20, 30, NaN], {}, down).s, [3, 0.5, 2, 0.5, NaN]);
});

test('goalposts: (x − lo)/(hi − lo) clamped to [0, 1], × scale, with a clamped warning', () => {
  const up = norm('goalposts', [-5, 0, 25, 60, NaN], { lo: 0, hi: 50 });
  near(up.s, [0, 0, 50, 100, NaN]); // (25 − 0)/50·100 = 50; −5 → 0, 60 → 100 (clamped)
  assert.deepEqual(up.w.map((w) => w.code), ['clamped']);
  assert.match(up.w[0]!.message, /I1: 2 values outside the goalposts \[0, 50\]/);
  // direction −1: (50 − x)/50 → 1.1→1, 1, 0.5, −0.2→0
  near(norm('goalposts', [-5, 0, 25, 60, NaN], { lo: 0, hi: 50 }, down).s, [100, 100, 50, 0, NaN]);
  near(norm('goalposts', [2, 4], { lo: 0, hi: 8, scale: 1 }).s, [0.25, 0.5]);
});

test('distance-to-frontier: x/max, min/x for direction −1 (python3 -c "print([100*v/80 for v in [20,40,80,10]], [100*10/v for v in [20,40,80,10]])")', () => {
  near(norm('distance-to-frontier', [20, 40, 80, 10, NaN]).s, [25, 50, 100, 12.5, NaN]);
  near(norm('distance-to-frontier', [20, 40, 80, 10, NaN], {}, down).s, [50, 25, 12.5, 100, NaN]);
  // frontier from fixed bounds [0, 200]: 50/200, 100/200
  near(norm('distance-to-frontier', [50, 100], {}, { bounds: [0, 200] }).s, [25, 50]);
  // a zero minimum for direction −1: the zero unit is the frontier, the others score 0
  near(norm('distance-to-frontier', [0, 5], {}, down).s, [100, 0]);
});

test('distance-to-frontier: negative values fall back to (x − min)/(max − min) with a warning', () => {
  const r = norm('distance-to-frontier', [-10, 0, 30]);
  near(r.s, [0, 25, 100]); // (0 + 10)/40 = 0.25
  assert.deepEqual(r.w.map((w) => w.code), ['negative-values']);
  near(norm('distance-to-frontier', [-10, 0, 30], {}, down).s, [100, 75, 0]); // (30 − 0)/40
});

test('ratio-to-mean: 100·x/mean, 100·mean/x for direction −1 (mean of 50, 100, 150 = 100)', () => {
  near(norm('ratio-to-mean', [50, 100, 150, NaN]).s, [50, 100, 150, NaN]);
  near(norm('ratio-to-mean', [50, 100, 150, NaN], {}, down).s, [200, 100, 10000 / 150, NaN]);
  // a zero value for direction −1: undefined, left missing with a warning
  const z = norm('ratio-to-mean', [0, 10, 20], {}, down);
  near(z.s, [NaN, 100, 50]);
  assert.deepEqual(z.w.map((w) => w.code), ['zero-reference']);
});

test('ratio-to-reference: 100·x/x_ref by unit code; pooled years use the mean reference', () => {
  const units = ['GD', 'CN', 'BJ'];
  near(norm('ratio-to-reference', [50, 200, 100], { ref: 'CN' }, { units }).s, [25, 100, 50]);
  near(norm('ratio-to-reference', [50, 200, 100], { ref: 'CN' }, { units, ...down }).s, [400, 100, 200]);
  // two years pooled: x_ref = (200 + 300)/2 = 250 (python3 -c "print([100*v/250 for v in [50,200,60,300]])")
  near(norm('ratio-to-reference', [50, 200, 60, 300], { ref: 'CN' }, { units: ['GD', 'CN', 'GD', 'CN'] }).s, [20, 80, 24, 120]);
  // reference missing: every score missing, with a warning
  const m = norm('ratio-to-reference', [50, NaN], { ref: 'CN' }, { units: ['GD', 'CN'] });
  near(m.s, [NaN, NaN]);
  assert.deepEqual(m.w.map((w) => w.code), ['missing-reference']);
});

test('ratio-to-reference: errors name the fix', () => {
  assert.throws(() => norm('ratio-to-reference', [1, 2], { ref: 'SH' }, { units: ['GD', 'CN'] }), (e: unknown) => e instanceof MethodError && /reference unit "SH" is not among the units \(GD, CN\)/.test(e.message));
  assert.throws(() => norm('ratio-to-reference', [1, 2], { ref: 'CN' }), /needs the unit codes aligned with the values/);
  assert.throws(() => resolveNormaliser('ratio-to-reference', {}), /ratio-to-reference needs parameter ref \(e\.g\. params \{"ref":"CN"\}\)/);
  assert.throws(() => resolveNormaliser('ratio-to-reference', { ref: 5 }), /parameter ref must be a non-empty string, got 5/);
});

test('log: ln x; ln(x − min + 1) with a warning when a value is ≤ 0 (python3 -c "import math; print([math.log(v+2) for v in [-1,0,2]])")', () => {
  near(norm('log', [1, Math.E, Math.E ** 2, NaN]).s, [0, 1, 2, NaN]);
  const d = norm('log', [1, Math.E, Math.E ** 2, NaN], {}, down).s;
  near(d, [0, -1, -2, NaN]);
  assert.ok(Object.is(d[0], 0), 'direction −1 gives 0, not −0');
  const r = norm('log', [-1, 0, 2]);
  near(r.s, [0, 0.6931471805599453, 1.3862943611198906]);
  assert.deepEqual(r.w.map((w) => w.code), ['non-positive-shift']);
});

test('box-cox: (x^λ − 1)/λ, ln x for λ = 0, shift when a value is ≤ 0 (python3 -c "print([((v+1)**2-1)/2 for v in [0,1,2]])")', () => {
  near(norm('box-cox', [1, 4, 9], { lambda: 0.5 }).s, [0, 2, 4]); // (√x − 1)/0.5
  near(norm('box-cox', [1, Math.E], { lambda: 0 }).s, [0, 1]);
  near(norm('box-cox', [1, 4, 9], { lambda: 0.5 }, down).s, [0, -2, -4]);
  const r = norm('box-cox', [0, 1, 2], { lambda: 2 }); // shifted to 1, 2, 3
  near(r.s, [0, 1.5, 4]);
  assert.deepEqual(r.w.map((w) => w.code), ['non-positive-shift']);
  assert.throws(() => resolveNormaliser('box-cox'), /box-cox needs parameter lambda/);
});

test('resolver: unknown names and parameters, mistyped values, bad goalposts', () => {
  assert.throws(() => resolveNormaliser('nope'), /Unknown normalisation method "nope" \(valid: efficacy, minmax, zscore, vector, base-ratio, rank, percentile, borda, goalposts, distance-to-frontier, ratio-to-mean, ratio-to-reference, log, box-cox, dist2max, dist2ref, dist2targ, scaled\)/);
  assert.throws(() => resolveNormaliser('rank', { scale: 1 }), /rank has no parameter "scale" \(valid: ties\)/);
  assert.throws(() => resolveNormaliser('goalposts', { lo: 0 }), /goalposts needs parameter hi/);
  assert.throws(() => resolveNormaliser('goalposts', { lo: 10, hi: 10 }), /hi \(10\) must be greater than lo \(10\)/);
  assert.throws(() => resolveNormaliser('goalposts', { lo: 'a', hi: 10 }), /parameter lo must be a number, got "a"/);
  assert.deepEqual(resolveNormaliser('goalposts', { lo: 0, hi: 50 }).params, { scale: 100, lo: 0, hi: 50 });
  assert.deepEqual(resolveNormaliser('minmax', { u: 1 }).params, { l: 0, u: 1 });
});

/** Parameters and context each method needs for the invariant tests below. */
const SETUP: Record<string, { params?: NormaliseParams; ctx?: Partial<NormaliseContext> }> = {
  'base-ratio': { ctx: { base: [2, 2, 2, 2, 2, 2] } },
  goalposts: { params: { lo: 0, hi: 10 } },
  'ratio-to-reference': { params: { ref: 'U2' }, ctx: { units: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] } },
  'box-cox': { params: { lambda: 0.5 } },
  dist2ref: { params: { ref: 'U2' }, ctx: { units: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] } },
  dist2targ: { params: { target: 5 } },
  scaled: { params: { lo: 0, hi: 10 } },
};

test('invariant: direction +1 keeps and −1 reverses the order of the values, for every normaliser', () => {
  const x = [3, 7, NaN, 1, 9, 4];
  for (const method of Object.keys(NORMALISERS)) {
    const { params = {}, ctx = {} } = SETUP[method] ?? {};
    const up = norm(method, x, params, ctx).s;
    const dn = norm(method, x, params, { ...ctx, ...down }).s;
    assert.ok(Number.isNaN(up[2]!) && Number.isNaN(dn[2]!), `${method}: missing stays missing`);
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++) {
        if (i === 2 || j === 2 || x[i]! <= x[j]!) continue;
        assert.ok(up[i]! > up[j]!, `${method}, direction +1: x=${x[i]} should score above x=${x[j]} (${up[i]} vs ${up[j]})`);
        assert.ok(dn[i]! < dn[j]!, `${method}, direction −1: x=${x[i]} should score below x=${x[j]} (${dn[i]} vs ${dn[j]})`);
      }
    }
  }
});

test('invariant: equal values never give NaN for a present value, and warn naming the indicator', () => {
  const x = [5, 5, NaN, 5, 5, 5];
  for (const method of Object.keys(NORMALISERS)) {
    const { params = {}, ctx = {} } = SETUP[method] ?? {};
    for (const direction of [1, -1] as const) {
      const { s, w } = norm(method, x, params, { ...ctx, direction });
      s.forEach((v, i) => assert.equal(Number.isNaN(v), i === 2, `${method} (direction ${direction}) [${i}] = ${v}`));
      if (method !== 'base-ratio') assert.ok(w.some((m) => m.code === 'zero-spread' && m.message.startsWith('I1:')), `${method}: zero-spread warning, got ${JSON.stringify(w)}`);
    }
  }
  // and a single present value
  for (const method of ['rank', 'percentile', 'borda', 'distance-to-frontier', 'ratio-to-mean']) {
    const { s } = norm(method, [NaN, 8]);
    assert.ok(Number.isFinite(s[1]!), `${method} on one value gives ${s[1]}`);
  }
  near(norm('percentile', [NaN, 8]).s, [NaN, 50]);
});

test('engine: ratio-to-reference gets unit codes from run.ts (worked fixture, X1 data: U1 10/20, U2 30/40 in 2023/2024)', () => {
  // Recipe params are typed numeric; a string parameter passes through at run time.
  const recipe = (scope: 'per-year' | 'pooled'): Recipe => ({
    id: 'rtr',
    firstEdition: 2024,
    normalisation: { method: 'ratio-to-reference', params: { ref: 'U2' } as unknown as Record<string, number>, scope },
  });
  const panel = panelOf(fixture('worked/data.csv'));
  const perYear = evaluate(worked(), panel, recipe('per-year'), { edition: 2025 });
  assert.equal(cell(perYear, 'X1', 2024, 'U2').score, 100);
  assert.ok(Math.abs(cell(perYear, 'X1', 2024, 'U1').score! - 100 / 3) < 1e-12); // 100·10/30
  assert.equal(cell(perYear, 'X1', 2025, 'U1').score, 50); // 100·20/40
  // pooled: x_ref = (30 + 40)/2 = 35 → U1 2023: 100·10/35 (python3 -c "print(100*10/35)")
  const pooled = evaluate(worked(), panel, recipe('pooled'), { edition: 2025 });
  assert.ok(Math.abs(cell(pooled, 'X1', 2024, 'U1').score! - 28.571428571428573) < 1e-12);
});

test('vector: x/√Σx², negated for direction −1; zscore pop = 1 uses the population sd', () => {
  const warn = () => {};
  assert.deepEqual(NORMALISERS.vector.fn([3, 4, NaN], { scale: 1 }, { direction: 1, indicator: 'V', warn }), [0.6, 0.8, NaN]);
  assert.deepEqual(NORMALISERS.vector.fn([3, 4], { scale: 1 }, { direction: -1, indicator: 'V', warn }), [-0.6, -0.8]);
  // values 1, 2, 3: mean 2, population sd √(2/3) → z = ∓√1.5
  const z = NORMALISERS.zscore.fn([1, 2, 3], { m: 100, s: 10, pop: 1 }, { direction: 1, indicator: 'Z', warn });
  assert.ok(Math.abs(z[0]! - (100 - 10 * Math.sqrt(1.5))) < 1e-12 && Math.abs(z[2]! - (100 + 10 * Math.sqrt(1.5))) < 1e-12, String(z));
});
