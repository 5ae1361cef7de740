/**
 * The methods COINr parity rests on, one at a time, against numbers COINr 1.1.14 made:
 * test/fixtures/coinr/methods.csv, written by make.R (section "single methods on vectors") from
 * COINr's own n_*, Treat(), skew/kurt, i_*_grp and a_* functions on small vectors and on ASEM's
 * Goods indicator (and its negative, for a negative skew). Never the code's own output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { aggregate, groupMean, groupMedian, kurtosis, normalise, parseCsv, skewness, treatOutliers, type NormaliseMethod, type TreatOptions } from '../src/core/index.ts';

const rows = parseCsv(readFileSync(new URL('./fixtures/coinr/methods.csv', import.meta.url), 'utf8')).slice(1);
const CASES = new Map<string, number[]>();
for (const [c, , v] of rows) (CASES.get(c!) ?? CASES.set(c!, []).get(c!)!).push(v === 'NA' ? NaN : v === 'Inf' ? Infinity : Number(v));
const coinr = (name: string): number[] => {
  const x = CASES.get(name);
  assert.ok(x, `case ${name} in methods.csv`);
  return x;
};

const V = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NaN, 8, 9, 7];
const GOODS = (() => {
  const [head, ...body] = parseCsv(readFileSync(new URL('./fixtures/coinr-asem/ASEM_iData.csv', import.meta.url), 'utf8'));
  const i = head!.indexOf('Goods');
  return body.map((r) => (r[i] === 'NA' ? NaN : Number(r[i])));
})();

function close(got: ArrayLike<number>, expected: number[], what: string, tol = 1e-12): void {
  assert.equal(got.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const g = got[i]!;
    if (Number.isNaN(e)) assert.ok(Number.isNaN(g), `${what}[${i}]: COINr NA, ipindex ${g}`);
    else assert.ok(Math.abs(g - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: COINr ${e}, ipindex ${g}`);
  }
}

const norm = (method: NormaliseMethod, params: Record<string, number | string> = {}, direction: 1 | -1 = 1, units?: string[]) => normalise(V, { method, params, direction, ...(units ? { units } : {}) }).values;

test('n_rank, n_prank, n_borda with ties min, average and max (and direction −1) are rank, percentile, borda with params.ties', () => {
  close(norm('rank', { ties: 'min' }), coinr('n_rank_min'), 'n_rank min', 0);
  close(norm('rank', { ties: 'average' }), coinr('n_rank_average'), 'n_rank average', 0);
  close(norm('rank', { ties: 'max' }), coinr('n_rank_max'), 'n_rank max', 0);
  close(norm('rank', { ties: 'min' }, -1), coinr('n_rank_min_neg'), 'n_rank min, direction −1', 0);
  close(norm('percentile', { ties: 'min', scale: 1 }), coinr('n_prank_min'), 'n_prank', 0);
  close(norm('borda', { ties: 'min' }), coinr('n_borda_min'), 'n_borda min', 0);
  close(norm('borda', { ties: 'max' }), coinr('n_borda_max'), 'n_borda max', 0);
  // the default stays average (half a win for a tie), which COINr's min does not give
  assert.notDeepEqual(norm('borda'), coinr('n_borda_min'));
  assert.throws(() => norm('rank', { ties: 'first' }), /ties must be one of average, min, max/);
});

test('n_dist2max, n_fracmax (direction +1), n_dist2ref, n_dist2targ, n_goalposts, n_scaled, n_minmax, n_zscore', () => {
  close(norm('dist2max'), coinr('n_dist2max'), 'n_dist2max', 0);
  // n_fracmax, direction +1 and non-negative values: distance-to-frontier (COINr's direction −1 form is not reproduced)
  close(norm('distance-to-frontier', { scale: 1 }), coinr('n_fracmax'), 'n_fracmax', 0);
  // COINr's iref = 3 is the third value (4); ipindex names the unit
  const units = V.map((_, i) => `U${i + 1}`);
  close(norm('dist2ref', { ref: 'U3' }, 1, units), coinr('n_dist2ref_3'), 'n_dist2ref', 0);
  close(norm('dist2ref', { ref: 'U3', capMax: 1 }, 1, units), coinr('n_dist2ref_3_cap'), 'n_dist2ref cap', 0);
  close(norm('dist2targ', { target: 7 }), coinr('n_dist2targ_7'), 'n_dist2targ', 0);
  close(norm('dist2targ', { target: 7, capMax: 1 }), coinr('n_dist2targ_7_cap'), 'n_dist2targ cap', 0);
  close(norm('goalposts', { lo: 2, hi: 8, scale: 100 }), coinr('n_goalposts_2_8'), 'n_goalposts', 0);
  close(norm('scaled', { lo: 2, hi: 8, scale: 100 }), coinr('n_scaled_2_8'), 'n_scaled', 0);
  close(norm('minmax', { l: 1, u: 100 }), coinr('n_minmax_1_100'), 'n_minmax (1, 100)', 0);
  close(norm('zscore', { m: 100, s: 10 }), coinr('n_zscore_100_10'), 'n_zscore (100, 10)');
});

test('skew() and kurt(): skewness and kurtosis of ASEM Goods', () => {
  close([skewness(GOODS)], coinr('skew_pos'), 'skew');
  close([kurtosis(GOODS)], coinr('kurt_pos'), 'kurt');
});

test('Treat(): winsorising then log_CT, log_CT_plus (negative skew too), log_CT_orig, boxcox, winsorising only', () => {
  const neg = GOODS.map((x) => -x);
  const t = (x: number[], o: TreatOptions) => treatOutliers(x, o).values;
  close(t(neg, { winMax: 1, fallback: 'log_CT_plus' }), coinr('treat_neg_log_CT_plus'), 'negative skew, log_CT_plus');
  close(t(neg, { winMax: 1, fallback: 'log_CT' }), coinr('treat_neg_log_CT'), 'negative skew, log_CT');
  close(t(neg, { winMax: 1, logShift: 'coinr' }), coinr('treat_neg_log_CT'), 'negative skew, logShift coinr');
  close(t(neg, { winMax: 1, fallback: 'log_CT_orig' }), coinr('treat_neg_log_CT_orig'), 'negative skew, log_CT_orig');
  close(t(neg, { winMax: 5, fallback: 'log_CT' }), coinr('treat_neg_default'), 'negative skew, COINr defaults');
  close(t(GOODS, { winMax: 1, fallback: 'log_CT_plus' }), coinr('treat_pos_log_CT_plus'), 'positive skew, log_CT_plus');
  close(t(GOODS, { winMax: 1, fallback: 'boxcox', lambda: 0 }), coinr('treat_pos_boxcox_0'), 'boxcox λ = 0');
  close(t(GOODS, { winMax: 2, fallback: 'none' }), coinr('treat_pos_winonly_2'), 'winsorising only');
  // ipindex's own default log (shift 1, mirrored for negative skew) is not COINr's
  assert.ok(Math.abs(t(neg, { winMax: 1 })[0]! - coinr('treat_neg_log_CT')[0]!) > 1e-3);
});

test('i_mean_grp and i_median_grp: group-mean and group-median imputation, a unit without a group left as it is', () => {
  const groups = ['a', 'a', 'a', 'b', 'b', undefined];
  close(groupMean([[1, NaN, 3, 4, NaN, 6]], groups).values[0]!, coinr('i_mean_grp'), 'i_mean_grp', 0);
  close(groupMedian([[1, NaN, 3, 4, NaN, 6, 10]], ['a', 'a', 'a', 'b', 'b', 'b', 'b']).values[0]!, coinr('i_median_grp'), 'i_median_grp', 0);
});

test('a_amean, a_gmean, a_hmean, a_genmean and a_copeland', () => {
  const x = [1.1, NaN, 3.3, 7];
  const w = [1, 2, 3, 4];
  close([aggregate(x, w, { method: 'arithmetic' })], coinr('a_amean'), 'a_amean');
  close([aggregate(x, w, { method: 'arithmetic', params: { exactSum: 1 } })], coinr('a_amean'), 'a_amean exactSum', 0);
  close([aggregate(x, w, { method: 'geometric' })], coinr('a_gmean'), 'a_gmean');
  close([aggregate(x, w, { method: 'harmonic' })], coinr('a_hmean'), 'a_hmean');
  close([aggregate([1.1, 2, 3.3, 7], w, { method: 'generalised', params: { p: 3 } })], coinr('a_genmean_3'), 'a_genmean p = 3');
  const X = [
    [1, 4, 1],
    [2, 1, 1],
    [3, 2, 5],
    [3, 2, 0],
  ];
  close(aggregate(X, [1, 1, 2], { method: 'copeland' }), coinr('a_copeland'), 'a_copeland', 0);
});
