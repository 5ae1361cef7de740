import { MethodError } from '../errors.ts';
import { extent, mean, sd } from './stats.ts';

/** Context a normaliser receives besides the values. */
export interface NormaliseContext {
  /** +1 larger is better, −1 smaller is better. */
  direction: 1 | -1;
  /** Fixed bounds [L, U] when the scope is `fixed`. */
  bounds?: [number, number];
  /** Base values aligned with the input (for ratio methods). */
  base?: ArrayLike<number>;
  /** Indicator code, for warnings. */
  indicator: string;
  /** Records a warning. */
  warn: (code: string, message: string) => void;
}

/** A normaliser maps raw values (NaN = missing) to scores (NaN = missing). */
export type NormaliseFn = (x: ArrayLike<number>, params: Record<string, number>, ctx: NormaliseContext) => number[];

/** Registry entry: defaults, one-line descriptions, and the function. */
export interface NormaliserDef {
  describe: { zh: string; en: string };
  formula: string;
  defaults: Record<string, number>;
  /** Whether bounds come from the data (and so depend on the scope). */
  usesBounds: boolean;
  fn: NormaliseFn;
}

/** Bounds from fixed bounds or the data; warns and returns undefined spread when degenerate. */
function boundsOf(x: ArrayLike<number>, ctx: NormaliseContext): [number, number] {
  return ctx.bounds ?? extent(x);
}

/**
 * Linear rescaling to [lo, lo + span] between bounds L and U, inverted for direction −1.
 * With zero spread (U = L) every value gets the midpoint and a `zero-spread` warning.
 */
function linear(x: ArrayLike<number>, lo: number, span: number, ctx: NormaliseContext): number[] {
  const [L, U] = boundsOf(x, ctx);
  const out = new Array<number>(x.length);
  const zero = !(U > L) && Number.isFinite(L);
  if (zero) ctx.warn('zero-spread', `${ctx.indicator}: all values are equal (${L}); every unit scores the midpoint ${lo + span / 2}`);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) out[i] = NaN;
    else if (zero) out[i] = lo + span / 2;
    else out[i] = lo + (span * (ctx.direction === 1 ? v - L : U - v)) / (U - L);
  }
  return out;
}

/**
 * Normalisation methods by name. The set is closed: {@link resolveNormaliser} is the one place
 * names are resolved.
 */
export const NORMALISERS = {
  /**
   * 功效系数法 (efficacy coefficient): 60 + 40·(x − L)/(U − L), L/U the bounds of the scope;
   * direction −1 uses (U − x). Scores lie in [60, 100] inside the bounds.
   * Reference: 综合评价方法 (efficacy coefficient method), as used by the CNIPA regional index.
   * @example efficacy([10, 20, 30]) // => [60, 80, 100]
   */
  efficacy: {
    describe: { zh: '功效系数法：60 + 40·(x − 下限)/(上限 − 下限)', en: 'Efficacy coefficient: 60 + 40·(x − L)/(U − L)' },
    formula: 'a + b·(x − L)/(U − L), a = 60, b = 40',
    defaults: { low: 60, span: 40 },
    usesBounds: true,
    fn: (x, p, ctx) => linear(x, p.low!, p.span!, ctx),
  },
  /**
   * Min-max to [l, u]: l + (u − l)·(x − L)/(U − L). OECD/JRC Handbook (2008) §5.
   * @example minmax([10, 20, 30], {l: 0, u: 100}) // => [0, 50, 100]
   */
  minmax: {
    describe: { zh: '极差标准化（min-max）：l + (u − l)·(x − 最小值)/(最大值 − 最小值)', en: 'Min-max: l + (u − l)·(x − min)/(max − min)' },
    formula: 'l + (u − l)·(x − L)/(U − L)',
    defaults: { l: 0, u: 100 },
    usesBounds: true,
    fn: (x, p, ctx) => linear(x, p.l!, p.u! - p.l!, ctx),
  },
  /**
   * z-score: m + s·(x − μ)/σ with σ the sample standard deviation (n − 1), as R's scale().
   * Direction −1 negates. OECD/JRC Handbook (2008) §5.
   * @example zscore([1, 2, 3]) // => [-1, 0, 1]
   */
  zscore: {
    describe: { zh: 'Z-score 标准化：m + s·(x − 均值)/标准差', en: 'z-score: m + s·(x − mean)/sd' },
    formula: 'm + s·d·(x − μ)/σ, σ with n − 1',
    defaults: { m: 0, s: 1 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const mu = mean(x);
      const sigma = sd(x);
      const out = new Array<number>(x.length);
      const zero = !(sigma > 0);
      if (zero && Number.isFinite(mu)) ctx.warn('zero-spread', `${ctx.indicator}: standard deviation is zero or undefined; every unit scores ${p.m}`);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        out[i] = !Number.isFinite(v) ? NaN : zero ? p.m! : p.m! + (p.s! * ctx.direction * (v - mu)) / sigma;
      }
      return out;
    },
  },
  /**
   * Base-year ratio: scale·x/x_base (direction −1: scale·x_base/x), x_base the same unit's value
   * in the base year. A missing or zero base gives a missing score and a warning.
   * @example baseRatio([110], {scale: 100}, base [100]) // => [110]
   */
  'base-ratio': {
    describe: { zh: '基期比值法：100·x/x基期（逆向指标取倒数）', en: 'Base-year ratio: 100·x/x_base (inverted for direction −1)' },
    formula: 'scale·x/x_base, or scale·x_base/x for direction −1',
    defaults: { scale: 100 },
    usesBounds: false,
    fn: (x, p, ctx) => {
      const base = ctx.base;
      if (!base) throw new MethodError(`base-ratio needs base values for ${ctx.indicator}`);
      const out = new Array<number>(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        const b = base[i]!;
        if (!Number.isFinite(v)) out[i] = NaN;
        else if (!Number.isFinite(b)) {
          ctx.warn('missing-base', `${ctx.indicator}: no base-year value, so no score`);
          out[i] = NaN;
        } else if (b === 0 || (ctx.direction === -1 && v === 0)) {
          ctx.warn('zero-base', `${ctx.indicator}: ${b === 0 ? 'base-year value is 0' : 'value is 0 for a smaller-is-better indicator'}; the ratio is undefined, so no score`);
          out[i] = NaN;
        } else out[i] = ctx.direction === 1 ? (p.scale! * v) / b : (p.scale! * b) / v;
      }
      return out;
    },
  },
} satisfies Record<string, NormaliserDef>;

/** The normalisation method names. */
export type NormaliseMethod = keyof typeof NORMALISERS;

/**
 * Resolves a normalisation method name and merges its parameters over the defaults.
 * @throws MethodError listing the valid names, or naming an unknown parameter
 */
export function resolveNormaliser(method: string, params: Record<string, number> = {}): { def: NormaliserDef; params: Record<string, number> } {
  const def = (NORMALISERS as Record<string, NormaliserDef>)[method];
  if (!def) throw new MethodError(`Unknown normalisation method "${method}" (valid: ${Object.keys(NORMALISERS).join(', ')})`);
  for (const k of Object.keys(params)) {
    if (!(k in def.defaults)) throw new MethodError(`Normalisation ${method} has no parameter "${k}" (valid: ${Object.keys(def.defaults).join(', ') || 'none'})`);
    if (typeof params[k] !== 'number' || !Number.isFinite(params[k])) throw new MethodError(`Normalisation ${method}: parameter ${k} must be a number`);
  }
  return { def, params: { ...def.defaults, ...params } };
}
