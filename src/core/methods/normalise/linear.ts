import { finite, mean, sd } from '../stats.ts';
import { boundsOf, num, spread, warnConstant } from './common.ts';
import type { NormaliseContext, NormaliserDef } from './types.ts';

/**
 * Linear rescaling to [lo, lo + span] between bounds L and U, inverted for direction −1.
 * With zero spread (U = L) every value gets the midpoint and a `zero-spread` warning.
 */
function linear(x: ArrayLike<number>, lo: number, span: number, ctx: NormaliseContext): number[] {
  const out = new Float64Array(x.length);
  linearInto(x, lo, span, ctx, out);
  return Array.from(out);
}

/**
 * {@link linear} written into `out` (the engine's form: no array to copy). `ratioFirst` computes
 * ((x − L)/(U − L))·span + lo in that order, as COINr's `n_minmax` does, so that the scores are
 * COINr's to the last bit (and COINr's exact ties are ties here too); otherwise
 * lo + span·(x − L)/(U − L).
 */
function linearInto(x: ArrayLike<number>, lo: number, span: number, ctx: NormaliseContext, out: Float64Array, ratioFirst = false): void {
  const [L, U] = boundsOf(x, ctx);
  const zero = !(U > L) && Number.isFinite(L);
  if (zero) ctx.warn('zero-spread', `${ctx.indicator}: all values are equal (${L}); every unit scores the midpoint ${lo + span / 2}`);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) out[i] = NaN;
    else if (zero) out[i] = lo + span / 2;
    else if (ratioFirst) out[i] = ((ctx.direction === 1 ? v - L : U - v) / (U - L)) * span + lo;
    else out[i] = lo + (span * (ctx.direction === 1 ? v - L : U - v)) / (U - L);
  }
}

/**
 * Linear normalisers whose scale comes from bounds or moments of the data: efficacy coefficient,
 * min-max, z-score and vector normalisation.
 */
export const LINEAR_NORMALISERS = {
  /**
   * 功效系数法 (efficacy coefficient): 60 + 40·(x − L)/(U − L), L/U the bounds of the scope;
   * direction −1 uses (U − x). Scores lie in [60, 100] inside the bounds.
   * Reference: 综合评价方法 (efficacy coefficient method), as used by the CNIPA regional index.
   * @example normalise([10, 20, 30], { method: 'efficacy' }).values // => [60, 80, 100]
   */
  efficacy: {
    describe: { zh: '功效系数法：60 + 40·(x − 下限)/(上限 − 下限)', en: 'Efficacy coefficient: 60 + 40·(x − L)/(U − L)' },
    formula: 'a + b·(x − L)/(U − L), a = 60, b = 40',
    defaults: { low: 60, span: 40 },
    usesBounds: true,
    fn: (x, p, ctx) => linear(x, num(p.low), num(p.span), ctx),
    into: (x, out, p, ctx) => linearInto(x, num(p.low), num(p.span), ctx, out),
  },
  /**
   * Min-max to [l, u]: l + (u − l)·(x − L)/(U − L). OECD/JRC Handbook (2008) §5. With
   * `ratioFirst: 1` computed as ((x − L)/(U − L))·(u − l) + l, COINr's `n_minmax` order of
   * operations: the same scores to the last bit, so that COINr's exact ties are ties here too.
   * @example normalise([10, 20, 30], { method: 'minmax', params: { l: 0, u: 100 } }).values // => [0, 50, 100]
   */
  minmax: {
    describe: { zh: '极差标准化（min-max）：l + (u − l)·(x − 最小值)/(最大值 − 最小值)', en: 'Min-max: l + (u − l)·(x − min)/(max − min)' },
    formula: 'l + (u − l)·(x − L)/(U − L) (ratioFirst 1: ((x − L)/(U − L))·(u − l) + l, as COINr)',
    defaults: { l: 0, u: 100 },
    optional: ['ratioFirst'],
    check: (p) => (p.ratioFirst === undefined || p.ratioFirst === 0 || p.ratioFirst === 1 ? undefined : `ratioFirst must be 0 or 1, got ${p.ratioFirst}`),
    usesBounds: true,
    fn: (x, p, ctx) => {
      const out = new Float64Array(x.length);
      linearInto(x, num(p.l), num(p.u) - num(p.l), ctx, out, p.ratioFirst === 1);
      return Array.from(out);
    },
    into: (x, out, p, ctx) => linearInto(x, num(p.l), num(p.u) - num(p.l), ctx, out, p.ratioFirst === 1),
  },
  /**
   * z-score: m + s·(x − μ)/σ with σ the sample standard deviation (n − 1), as R's scale().
   * Direction −1 negates. OECD/JRC Handbook (2008) §5.
   * @example normalise([1, 2, 3], { method: 'zscore' }).values // => [-1, 0, 1]
   */
  zscore: {
    describe: { zh: 'Z-score 标准化：m + s·(x − 均值)/标准差', en: 'z-score: m + s·(x − mean)/sd' },
    formula: 'm + s·d·(x − μ)/σ, σ with n − 1 (pop = 1: with n)',
    defaults: { m: 0, s: 1, pop: 0 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const mu = mean(x);
      const n = finite(x).length;
      // pop = 1: population standard deviation (n), as the Mazziotta–Pareto index standardises
      const sigma = num(p.pop) === 1 ? sd(x) * Math.sqrt((n - 1) / n) : sd(x);
      const out = new Array<number>(x.length);
      const zero = !(sigma > 0);
      if (zero && Number.isFinite(mu)) ctx.warn('zero-spread', `${ctx.indicator}: standard deviation is zero or undefined; every unit scores ${p.m}`);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        out[i] = !Number.isFinite(v) ? NaN : zero ? num(p.m) : num(p.m) + (num(p.s) * ctx.direction * (v - mu)) / sigma;
      }
      return out;
    },
  },
  /**
   * Vector normalisation: scale·d·x/√(Σx²) over the values of the scope, the first step of
   * TOPSIS (Hwang & Yoon 1981). For direction −1 the value is negated, which leaves TOPSIS
   * distances to the ideal and anti-ideal exactly as the textbook's cost-criterion rule does.
   * Use it before `topsis` to reproduce the textbook closeness; the scores are not on a 0–100 scale.
   * @example normalise([3, 4], { method: 'vector' }).values // => [0.6, 0.8]
   */
  vector: {
    describe: { zh: '向量归一化：x/√Σx²（TOPSIS 第一步；逆向指标取负）', en: 'Vector normalisation: x/√Σx² (TOPSIS step 1; negated for direction −1)' },
    formula: 'scale·d·x/√(Σx²)',
    defaults: { scale: 1 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      let ss = 0;
      for (const v of finite(x)) ss += v * v;
      const norm = Math.sqrt(ss);
      const sp = spread(x);
      if (!(norm > 0)) ctx.warn('zero-spread', `${ctx.indicator}: all values are zero; vector normalisation is undefined, every unit scores 0`);
      else if (sp.same) warnConstant(ctx, sp, String((num(p.scale) * ctx.direction * sp.first) / norm));
      return Array.from(x, (v) => (!Number.isFinite(v) ? NaN : norm > 0 ? (num(p.scale) * ctx.direction * v) / norm : 0));
    },
  },
} satisfies Record<string, NormaliserDef>;
