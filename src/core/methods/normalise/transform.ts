import { extent } from '../stats.ts';
import { neg, num, spread, warnConstant } from './common.ts';
import type { NormaliseContext, NormaliserDef } from './types.ts';

/**
 * Shift making every present value positive: 0 when they already are, else 1 − min (so the
 * smallest value becomes 1), with a `non-positive-shift` warning. (COINr `boxcox(makepos = TRUE)`
 * shifts by x − min + 1 always, also for positive data.)
 */
function positiveShift(x: ArrayLike<number>, method: string, ctx: NormaliseContext): number {
  const [L] = extent(x);
  if (!(L <= 0)) return 0;
  ctx.warn('non-positive-shift', `${ctx.indicator}: ${method} needs positive values but the smallest is ${L}; every value is shifted by 1 − min (x − ${L} + 1) first`);
  return 1 - L;
}

/**
 * Non-linear transformations: natural logarithm and Box-Cox (shifting non-positive data first).
 */
export const TRANSFORM_NORMALISERS = {
  /**
   * Natural logarithm: ln x (direction −1: −ln x). When a present value is ≤ 0 the whole vector is
   * first shifted to ln(x − min + 1), the COIN Tool log (COINr `log_CT_orig`), with a
   * `non-positive-shift` warning. A transformation rather than a rescaling: scores are not bounded.
   * OECD/JRC Handbook (2008) §5 (log transformation); COINr documentation, data treatment.
   * @example normalise([1, Math.E, Math.E ** 2], { method: 'log' }).values // => [0, 1, 2]
   */
  log: {
    describe: { zh: '自然对数变换：ln x（存在非正值时取 ln(x − 最小值 + 1)）', en: 'Natural log: ln x (ln(x − min + 1) if any value ≤ 0)' },
    formula: 'd·ln(x + c), c = 0 if min > 0 else 1 − min',
    defaults: {},
    usesBounds: false,
    fn: (x, _p, ctx) => {
      const c = positiveShift(x, 'log', ctx);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, 'the same value');
      const out = new Array<number>(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (!Number.isFinite(v)) out[i] = NaN;
        else {
          const y = Math.log(v + c);
          out[i] = ctx.direction === 1 ? y : neg(y);
        }
      }
      return out;
    },
  },
  /**
   * Box-Cox transformation with a fixed λ: (x^λ − 1)/λ, or ln x for λ = 0 (direction −1 negates).
   * Needs x > 0: when a present value is ≤ 0 every value is first shifted by 1 − min (so the
   * smallest becomes 1), with a `non-positive-shift` warning; positive data is not shifted (COINr
   * `boxcox(makepos = TRUE)` always shifts). Box & Cox (1964), J. R. Stat. Soc. B 26:211–252.
   * @example normalise([1, 4, 9], { method: 'box-cox', params: { lambda: 0.5 } }).values // => [0, 2, 4]
   */
  'box-cox': {
    describe: { zh: 'Box-Cox 变换：(x^λ − 1)/λ，λ = 0 时为 ln x', en: 'Box-Cox: (x^λ − 1)/λ, ln x for λ = 0' },
    formula: 'd·((x + c)^λ − 1)/λ, or d·ln(x + c) for λ = 0; c = 0 if min > 0 else 1 − min',
    defaults: {},
    required: ['lambda'],
    example: { lambda: 0.5 },
    usesBounds: false,
    fn: (x, p, ctx) => {
      const lambda = num(p.lambda);
      const c = positiveShift(x, 'box-cox', ctx);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, 'the same value');
      const out = new Array<number>(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (!Number.isFinite(v)) out[i] = NaN;
        else {
          const y = lambda === 0 ? Math.log(v + c) : ((v + c) ** lambda - 1) / lambda;
          out[i] = ctx.direction === 1 ? y : neg(y);
        }
      }
      return out;
    },
  },
} satisfies Record<string, NormaliserDef>;
