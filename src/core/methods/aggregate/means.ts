import type { AggregatorDef } from './types.ts';

function sum(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/**
 * A sum with Neumaier's compensation (Neumaier 1974): the error of each addition is carried and
 * added at the end, which gives the correctly rounded sum of a few terms — what R's `sum()`
 * (accumulating in long double) returns for them.
 */
function compensatedSum(n: number, term: (i: number) => number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = term(i);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** COINr's `a_amean`: Σ (wᵢ/Σw)·xᵢ, both sums compensated (R's `sum()`): its scores to the last bit. */
function coinrMean(x: number[], w: number[]): number {
  const W = compensatedSum(w.length, (i) => w[i]!);
  return compensatedSum(x.length, (i) => (w[i]! / W) * x[i]!);
}

function arithmeticMean(x: number[], w: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i]! * x[i]!;
  return s / sum(w);
}

function geometricMean(x: number[], w: number[]): number {
  const W = sum(w);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i]! > 0)) return NaN;
    s += (w[i]! / W) * Math.log(x[i]!);
  }
  return Math.exp(s);
}

/** The weighted means (row by row; missing children already dropped). */
export const MEANS = {
  /**
   * Weighted arithmetic mean Σwᵢxᵢ / Σwᵢ (fully compensatory). OECD/JRC Handbook (2008) §6.
   * `exactSum: 1` computes Σ (wᵢ/Σw)·xᵢ with compensated sums, as COINr's `a_amean` does in R
   * (whose `sum()` accumulates in long double): the same scores to the last bit, so that COINr's
   * exact ties of aggregates (two units with the same ranks, say) are ties here too.
   * @example aggregate([80, 90], [1, 3], { method: 'arithmetic' }) // => 87.5
   */
  arithmetic: {
    describe: { zh: '加权算术平均', en: 'Weighted arithmetic mean' },
    formula: 'Σ wᵢ·xᵢ / Σ wᵢ (exactSum 1: Σ (wᵢ/Σw)·xᵢ, compensated, as COINr a_amean)',
    defaults: {},
    optional: ['exactSum'],
    check: (p) => (p.exactSum === undefined || p.exactSum === 0 || p.exactSum === 1 ? undefined : `parameter exactSum must be 0 or 1, got ${p.exactSum}`),
    fn: (x, w, p) => (p.exactSum === 1 ? coinrMean(x, w) : arithmeticMean(x, w)),
    columns: (kids, w, out, from, to, p) => {
      if (p?.exactSum === 1) {
        const xs: number[] = [];
        const ws: number[] = [];
        for (let k = from; k < to; k++) {
          xs.length = 0;
          ws.length = 0;
          for (let i = 0; i < kids.length; i++) {
            const x = kids[i]![k]!;
            if (Number.isFinite(x) && w[i]! > 0) {
              xs.push(x);
              ws.push(w[i]!);
            }
          }
          out[k] = xs.length ? coinrMean(xs, ws) : NaN;
        }
        return;
      }
      for (let k = from; k < to; k++) {
        // Σ wᵢxᵢ and Σ wᵢ over the present children, in child order (as arithmeticMean sums them)
        let s = 0;
        let sw = 0;
        let n = 0;
        for (let i = 0; i < kids.length; i++) {
          const x = kids[i]![k]!;
          if (Number.isFinite(x) && w[i]! > 0) {
            s += w[i]! * x;
            sw += w[i]!;
            n++;
          }
        }
        out[k] = n ? s / sw : NaN;
      }
    },
  },
  /**
   * Weighted geometric mean Π xᵢ^(wᵢ/Σw) (partially compensatory); needs xᵢ > 0.
   * OECD/JRC Handbook (2008) §6.
   * @example aggregate([4, 9], [1, 1], { method: 'geometric' }) // => 6
   */
  geometric: {
    describe: { zh: '加权几何平均（要求得分为正）', en: 'Weighted geometric mean (scores must be positive)' },
    formula: 'Π xᵢ^(wᵢ/Σw)',
    defaults: {},
    fn: (x, w) => geometricMean(x, w),
  },
  /**
   * Weighted harmonic mean Σwᵢ / Σ(wᵢ/xᵢ) (least compensatory of the three Pythagorean means);
   * needs xᵢ > 0, else NaN. Harmonic ≤ geometric ≤ arithmetic.
   * Reference: OECD/JRC Handbook (2008) §6.2; COINr a_hmean().
   * @example aggregate([2, 6], [1, 1], { method: 'harmonic' }) // => 3
   */
  harmonic: {
    describe: { zh: '加权调和平均（要求得分为正）', en: 'Weighted harmonic mean (scores must be positive)' },
    formula: 'Σ wᵢ / Σ (wᵢ/xᵢ)',
    defaults: {},
    fn: (x, w) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        if (!(x[i]! > 0)) return NaN;
        s += w[i]! / x[i]!;
      }
      return sum(w) / s;
    },
  },
  /**
   * Weighted generalised (power) mean ((Σ wᵢ xᵢ^p)/Σw)^(1/p); p = 1 arithmetic, p = 0 geometric
   * (the limit), p = −1 harmonic; larger p is more compensatory. For p ≤ 0 needs xᵢ > 0, for
   * p > 0 (p ≠ 1) needs xᵢ ≥ 0; otherwise NaN.
   * Reference: Hardy, Littlewood & Pólya, Inequalities (1934), ch. II; COINr a_genmean().
   * @example aggregate([1, 7], [1, 1], { method: 'generalised', params: { p: 2 } }) // => 5
   */
  generalised: {
    describe: { zh: '广义（幂）平均：p = 1 算术、0 几何、−1 调和', en: 'Generalised (power) mean: p = 1 arithmetic, 0 geometric, −1 harmonic' },
    formula: '((Σ wᵢ·xᵢ^p)/Σw)^(1/p), p = 0: Π xᵢ^(wᵢ/Σw)',
    defaults: { p: 1 },
    check: (p) => (Number.isFinite(p.p) ? undefined : `parameter p must be a finite number, got ${p.p}`),
    fn: (x, w, params) => {
      const p = params.p ?? 1;
      if (p === 1) return arithmeticMean(x, w);
      if (p === 0) return geometricMean(x, w);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (p < 0 ? !(v > 0) : !(v >= 0)) return NaN;
        s += w[i]! * Math.pow(v, p);
      }
      return Math.pow(s / sum(w), 1 / p);
    },
  },
  /**
   * Mazziotta–Pareto index MPI = M + penalty·S·cv with M the (weighted) mean of the unit's
   * children, S their (weighted) population standard deviation √(Σw(x − M)²/Σw), cv = S/M.
   * `penalty` −1 (default, “negative” penalty) lowers the score of unbalanced units when higher
   * is better; +1 for indices where higher is worse. With equal weights this is the aggregation
   * step of the published MPI, which expects inputs standardised as 100 ± 10·z with the
   * population σ (`zscore` with m 100, s 10, pop 1); M ≤ 0 gives NaN.
   * Reference: Mazziotta & Pareto (2016), Social Indicators Research 127, 983–1003 (R: Compind ci_mpi).
   * @example aggregate([90, 110], [1, 1], { method: 'mazziotta-pareto' }) // => 99 (M = 100, S = 10, cv = 0.1)
   */
  'mazziotta-pareto': {
    describe: { zh: 'Mazziotta–Pareto 指数：均值 − 标准差 × 变异系数（惩罚不均衡）', en: 'Mazziotta–Pareto index: mean − sd × cv (penalises unbalanced profiles)' },
    formula: 'M + penalty·S·(S/M), S population sd, penalty = −1',
    defaults: { penalty: -1 },
    check: (p) => (p.penalty === -1 || p.penalty === 1 ? undefined : `parameter penalty must be -1 (negative penalty, higher is better) or 1 (positive penalty), got ${p.penalty}`),
    fn: (x, w, params) => {
      const M = arithmeticMean(x, w);
      if (!(M > 0)) return NaN;
      const W = sum(w);
      let v = 0;
      for (let i = 0; i < x.length; i++) v += w[i]! * (x[i]! - M) * (x[i]! - M);
      const S = Math.sqrt(v / W);
      return M + (params.penalty ?? -1) * S * (S / M);
    },
  },
} satisfies Record<string, AggregatorDef>;
