import { MethodError } from '../errors.ts';
import { extent, finite, mean, sd } from './stats.ts';

/** Context a normaliser receives besides the values. */
export interface NormaliseContext {
  /** +1 larger is better, −1 smaller is better. */
  direction: 1 | -1;
  /** Fixed bounds [L, U] when the scope is `fixed`. */
  bounds?: [number, number];
  /** Base values aligned with the input (for ratio methods). */
  base?: ArrayLike<number>;
  /** Unit codes aligned with the input (for `ratio-to-reference`). */
  units?: readonly string[];
  /** Indicator code, for warnings. */
  indicator: string;
  /** Records a warning. */
  warn: (code: string, message: string) => void;
}

/**
 * Normalisation parameters: numbers, plus the few string parameters a method declares in
 * {@link NormaliserDef.strings} (e.g. `ref`, a unit code).
 */
export type NormaliseParams = Record<string, number | string>;

/** A normaliser maps raw values (NaN = missing) to scores (NaN = missing). */
export type NormaliseFn = (x: ArrayLike<number>, params: NormaliseParams, ctx: NormaliseContext) => number[];

/** Registry entry: defaults, one-line descriptions, and the function. */
export interface NormaliserDef {
  describe: { zh: string; en: string };
  formula: string;
  /** Numeric parameters with their defaults. */
  defaults: Record<string, number>;
  /** Numeric parameters with no default: they must be given. */
  required?: readonly string[];
  /** String parameters (no default: they must be given), e.g. `ref`. */
  strings?: readonly string[];
  /** Example parameters, quoted in the error when a required one is missing. */
  example?: NormaliseParams;
  /** Checks merged parameters; returns what is wrong, or undefined. */
  check?: (params: NormaliseParams) => string | undefined;
  /** Whether bounds come from the data (and so depend on the scope). */
  usesBounds: boolean;
  fn: NormaliseFn;
}

/** A numeric parameter (the resolver has checked it is a number). */
function num(v: number | string | undefined): number {
  return v as number;
}

/** −y without producing −0 (so that 0 stays 0 for direction −1). */
function neg(y: number): number {
  return y === 0 ? 0 : -y;
}

/** How many values are present (n), whether they are all equal (`same`), and the first of them. */
function spread(x: ArrayLike<number>): { n: number; same: boolean; first: number } {
  let n = 0;
  let first = NaN;
  let same = true;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    if (n === 0) first = v;
    else if (v !== first) same = false;
    n++;
  }
  return { n, same: n > 0 && same, first };
}

/** Warns that every present value is equal (or only one is present), so every unit gets the same score. */
function warnConstant(ctx: NormaliseContext, s: { n: number; first: number }, score: string): void {
  ctx.warn('zero-spread', s.n === 1 ? `${ctx.indicator}: only one unit has a value (${s.first}); it scores ${score}` : `${ctx.indicator}: all values are equal (${s.first}); every unit scores ${score}`);
}

/**
 * Ascending ranks of d·x among the finite values, ties getting the average of the ranks they
 * span, NaN for missing: R's `rank(d * x, ties.method = "average", na.last = "keep")`.
 */
function averageRanks(x: ArrayLike<number>, d: 1 | -1): number[] {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) idx.push(i);
  idx.sort((a, b) => d * (x[a]! - x[b]!));
  const out = new Array<number>(x.length).fill(NaN);
  for (let start = 0; start < idx.length; ) {
    let end = start;
    while (end + 1 < idx.length && x[idx[end + 1]!]! === x[idx[start]!]!) end++;
    const r = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[idx[k]!] = r;
    start = end + 1;
  }
  return out;
}

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
 * Ratio v/r for the ratio methods, 1 when v = r (so a constant indicator, even all zero, scores
 * the scale). NaN when r is 0 otherwise.
 */
function ratio(v: number, r: number): number {
  return v === r ? 1 : r === 0 ? NaN : v / r;
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
 * Scores scale·x/r (direction −1: scale·r/x) against a reference value r (the mean, a unit's
 * value). Equal values score `scale`; undefined ratios are missing, with a warning.
 */
function ratioScores(x: ArrayLike<number>, r: number, scale: number, what: string, ctx: NormaliseContext): number[] {
  const out = new Array<number>(x.length).fill(NaN);
  const s = spread(x);
  if (s.same) warnConstant(ctx, s, String(scale));
  const [L] = extent(x);
  if (L < 0) ctx.warn('negative-values', `${ctx.indicator}: a ratio score needs non-negative values but the smallest is ${L}; scores below 0 or reversed ratios may result`);
  let undefinedCount = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    const q = ctx.direction === 1 ? ratio(v, r) : ratio(r, v);
    if (Number.isFinite(q)) out[i] = scale * q;
    else undefinedCount++;
  }
  if (undefinedCount) {
    ctx.warn('zero-reference', `${ctx.indicator}: ${ctx.direction === 1 ? `${what} is 0` : 'a value is 0 for a smaller-is-better indicator'}, so the ratio is undefined for ${undefinedCount} value${undefinedCount > 1 ? 's' : ''}; left missing`);
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
    fn: (x, p, ctx) => linear(x, num(p.low), num(p.span), ctx),
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
    fn: (x, p, ctx) => linear(x, num(p.l), num(p.u) - num(p.l), ctx),
  },
  /**
   * z-score: m + s·(x − μ)/σ with σ the sample standard deviation (n − 1), as R's scale().
   * Direction −1 negates. OECD/JRC Handbook (2008) §5.
   * @example zscore([1, 2, 3]) // => [-1, 0, 1]
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
   * @example vector([3, 4]) // => [0.6, 0.8]
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
        } else out[i] = ctx.direction === 1 ? (num(p.scale) * v) / b : (num(p.scale) * b) / v;
      }
      return out;
    },
  },
  /**
   * Rank: the ascending rank of the value among the units present, ties getting the average of the
   * ranks they span (R's `rank()`, `ties.method = "average"`), so the highest value of a
   * larger-is-better indicator gets rank n. Direction −1 ranks −x. Missing values stay missing and
   * do not count in n. COINr `n_rank` (which defaults to `ties.method = "min"`); OECD/JRC
   * Handbook (2008) §5 (ranking).
   * @example rank([10, 30, 20, 30]) // => [1, 3.5, 2, 3.5]
   */
  rank: {
    describe: { zh: '排序法：按数值升序排名（并列取平均名次），最好者得 n', en: 'Rank: ascending rank, ties averaged (best = n)' },
    formula: 'rank(d·x), ties averaged',
    defaults: {},
    usesBounds: true,
    fn: (x, _p, ctx) => {
      const r = averageRanks(x, ctx.direction);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, `rank ${(s.n + 1) / 2}`);
      return r;
    },
  },
  /**
   * Percentile rank: scale·(r − 1)/(n − 1), r the rank of {@link NORMALISERS.rank} (ties averaged)
   * and n the number of units present, so the lowest value scores 0 and the highest `scale`
   * (default 100). This is COINr's `n_prank` definition (r − 1)/(n − 1), which COINr leaves in
   * [0, 1] and ranks with `ties.method = "min"`; here ties share their average rank, so tied units
   * sit at the middle of their block. One present unit, or all equal, scores scale/2 with a
   * `zero-spread` warning. OECD/JRC Handbook (2008) §5.
   * @example percentile([10, 20, 30, 40, 50]) // => [0, 25, 50, 75, 100]
   */
  percentile: {
    describe: { zh: '百分位排名：100·(名次 − 1)/(n − 1)，并列取平均名次', en: 'Percentile rank: 100·(rank − 1)/(n − 1), ties averaged' },
    formula: 'scale·(rank(d·x) − 1)/(n − 1)',
    defaults: { scale: 100 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const scale = num(p.scale);
      const r = averageRanks(x, ctx.direction);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String(scale / 2));
      return r.map((v) => (!Number.isFinite(v) ? NaN : s.n < 2 ? scale / 2 : (scale * (v - 1)) / (s.n - 1)));
    },
  },
  /**
   * Borda score: the number of units a unit beats, a tie counting as half a win, i.e. r − 1 with r
   * the average rank of {@link NORMALISERS.rank}; scores lie in [0, n − 1]. Direction −1 ranks −x.
   * COINr `n_borda` (rank − 1, with `ties.method = "min"` by default, where a tie counts as a loss);
   * OECD/JRC Handbook (2008) §6 (Borda).
   * @example borda([10, 30, 20, 30]) // => [0, 2.5, 1, 2.5]
   */
  borda: {
    describe: { zh: 'Borda 计分：胜过的单位个数（并列各记半胜），即名次 − 1', en: 'Borda score: number of units beaten (ties count half), rank − 1' },
    formula: 'rank(d·x) − 1, ties averaged',
    defaults: {},
    usesBounds: true,
    fn: (x, _p, ctx) => {
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String((s.n - 1) / 2));
      return averageRanks(x, ctx.direction).map((v) => v - 1);
    },
  },
  /**
   * Goalposts: scale·(x − lo)/(hi − lo) truncated to [0, scale] (direction −1: (hi − x)/(hi − lo)),
   * lo and hi fixed goalposts (e.g. a minimum and a target) that do not depend on the data. Values
   * outside the goalposts are clamped, with a `clamped` warning counting them. COINr `n_goalposts`
   * (`trunc2posts = TRUE`); UNDP Human Development Index technical notes (goalposts).
   * @example goalposts([0, 25, 60], {lo: 0, hi: 50, scale: 100}) // => [0, 50, 100]
   */
  goalposts: {
    describe: { zh: '阈值法（goalposts）：100·(x − 下阈)/(上阈 − 下阈)，截断到 [0, 100]', en: 'Goalposts: 100·(x − lo)/(hi − lo), clamped to [0, 100]' },
    formula: 'scale·clamp((x − lo)/(hi − lo), 0, 1); direction −1: (hi − x)/(hi − lo)',
    defaults: { scale: 100 },
    required: ['lo', 'hi'],
    example: { lo: 0, hi: 50, scale: 100 },
    check: (p) => (num(p.hi) > num(p.lo) ? undefined : `hi (${p.hi}) must be greater than lo (${p.lo})`),
    usesBounds: false,
    fn: (x, p, ctx) => {
      const lo = num(p.lo);
      const hi = num(p.hi);
      const scale = num(p.scale);
      let clamped = 0;
      const out = new Array<number>(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (!Number.isFinite(v)) {
          out[i] = NaN;
          continue;
        }
        let y = (ctx.direction === 1 ? v - lo : hi - v) / (hi - lo);
        if (y < 0 || y > 1) {
          clamped++;
          y = y < 0 ? 0 : 1;
        }
        out[i] = scale * y;
      }
      if (clamped) ctx.warn('clamped', `${ctx.indicator}: ${clamped} value${clamped > 1 ? 's' : ''} outside the goalposts [${lo}, ${hi}] clamped to ${ctx.direction === 1 ? '0 or ' + scale : scale + ' or 0'}`);
      const s = spread(x);
      if (s.same && s.n > 1) warnConstant(ctx, s, String(out.find((v) => Number.isFinite(v))));
      return out;
    },
  },
  /**
   * Distance to the frontier: scale·x/F with F = max (the best performer); direction −1:
   * scale·F/x with F = min. The frontier unit scores `scale` (default 100) and the others their
   * proportion of it, in [0, scale] for non-negative data. F comes from the fixed bounds when the
   * scope is `fixed`. The ratio needs non-negative values: when a present value is negative the
   * method falls back, with a `negative-values` warning, to the distance-to-maximum form
   * scale·(x − min)/(max − min) (direction −1: (max − x)/(max − min)), COINr `n_dist2max`.
   * All values equal scores `scale` everywhere (every unit is on the frontier) with a warning.
   * COINr `n_fracmax`; OECD/JRC Handbook (2008) §5 (distance to a reference: the leader).
   * @example distanceToFrontier([25, 50, 100]) // => [25, 50, 100]
   */
  'distance-to-frontier': {
    describe: { zh: '前沿距离法：100·x/最大值（逆向指标：100·最小值/x）', en: 'Distance to frontier: 100·x/max (direction −1: 100·min/x)' },
    formula: 'scale·x/max; direction −1: scale·min/x',
    defaults: { scale: 100 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const scale = num(p.scale);
      const [L, U] = boundsOf(x, ctx);
      const out = new Array<number>(x.length).fill(NaN);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, `${scale} (all on the frontier)`);
      const negative = L < 0 || extent(x)[0] < 0;
      if (negative) ctx.warn('negative-values', `${ctx.indicator}: distance-to-frontier needs non-negative values but the smallest is ${L}; scored as distance to the maximum, ${scale}·(${ctx.direction === 1 ? 'x − min' : 'max − x'})/(max − min), instead`);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        if (!Number.isFinite(v)) continue;
        if (s.same || !(U > L)) out[i] = scale;
        else if (negative) out[i] = (scale * (ctx.direction === 1 ? v - L : U - v)) / (U - L);
        else out[i] = scale * (ctx.direction === 1 ? ratio(v, U) : ratio(L, v));
      }
      return out;
    },
  },
  /**
   * Ratio to the mean: scale·x/μ (direction −1: scale·μ/x), μ the mean of the values present (of
   * the scope), scale default 100, so the average unit scores 100. Meant for ratio-scale,
   * non-negative indicators. All values equal scores `scale` with a `zero-spread` warning; a zero
   * mean (direction +1) or a zero value (direction −1) leaves the score undefined (missing) with a
   * warning. OECD/JRC Handbook (2008) §5 (distance to a reference: the average).
   * @example ratioToMean([50, 100, 150]) // => [50, 100, 150]
   */
  'ratio-to-mean': {
    describe: { zh: '均值比法：100·x/均值（逆向指标：100·均值/x）', en: 'Ratio to mean: 100·x/mean (direction −1: 100·mean/x)' },
    formula: 'scale·x/μ; direction −1: scale·μ/x',
    defaults: { scale: 100 },
    usesBounds: true,
    fn: (x, p, ctx) => ratioScores(x, mean(x), num(p.scale), 'the mean', ctx),
  },
  /**
   * Ratio to a reference unit: scale·x/x_ref (direction −1: scale·x_ref/x), x_ref the value of the
   * unit whose code is `params.ref` (e.g. the national total `CN`), scale default 100. Needs the
   * unit codes aligned with the values (`ctx.units`). When the values span several years (pooled
   * scope) the reference unit appears once per year and x_ref is the mean of its present values,
   * one yardstick for all years as pooled bounds are; scope `per-year` gives a same-year reference.
   * All values equal scores `scale`; a missing or zero x_ref, or a zero value for direction −1,
   * leaves scores missing with a warning. OECD/JRC Handbook (2008) §5 (distance to a reference
   * country); COINr `n_dist2ref` uses the same reference idea as 1 − (x_ref − x)/(x_ref − min).
   * @throws MethodError when the unit codes are not given or `ref` is not among them
   * @example ratioToReference([50, 200], {ref: 'CN'}, units ['GD', 'CN']) // => [25, 100]
   */
  'ratio-to-reference': {
    describe: { zh: '参照单位比值法：100·x/x参照（如全国值）', en: 'Ratio to a reference unit: 100·x/x_ref' },
    formula: 'scale·x/x_ref; direction −1: scale·x_ref/x',
    defaults: { scale: 100 },
    strings: ['ref'],
    example: { ref: 'CN' },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const ref = String(p.ref);
      const units = ctx.units;
      if (!units || units.length !== x.length) {
        throw new MethodError(`ratio-to-reference for ${ctx.indicator} needs the unit codes aligned with the values (ctx.units, ${x.length} codes)`);
      }
      const refValues: number[] = [];
      for (let i = 0; i < x.length; i++) if (units[i] === ref) refValues.push(x[i]!);
      if (!refValues.length) {
        const shown = [...new Set(units)].slice(0, 10).join(', ');
        throw new MethodError(`ratio-to-reference for ${ctx.indicator}: reference unit "${ref}" is not among the units (${shown}${new Set(units).size > 10 ? ', …' : ''}); set params.ref to one of them`);
      }
      const xr = mean(refValues);
      if (!Number.isFinite(xr)) {
        ctx.warn('missing-reference', `${ctx.indicator}: the reference unit ${ref} has no value, so no unit gets a score`);
        return Array.from({ length: x.length }, () => NaN);
      }
      return ratioScores(x, xr, num(p.scale), `the value of ${ref}`, ctx);
    },
  },
  /**
   * Natural logarithm: ln x (direction −1: −ln x). When a present value is ≤ 0 the whole vector is
   * first shifted to ln(x − min + 1), the COIN Tool log (COINr `log_CT_orig`), with a
   * `non-positive-shift` warning. A transformation rather than a rescaling: scores are not bounded.
   * OECD/JRC Handbook (2008) §5 (log transformation); COINr documentation, data treatment.
   * @example log([1, Math.E, Math.E ** 2]) // => [0, 1, 2]
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
   * @example boxCox([1, 4, 9], {lambda: 0.5}) // => [0, 2, 4]
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

/** The normalisation method names. */
export type NormaliseMethod = keyof typeof NORMALISERS;

/**
 * Resolves a normalisation method name and merges its parameters over the defaults. Numeric
 * parameters must be finite numbers; string parameters (e.g. `ref` of `ratio-to-reference`) must
 * be non-empty strings; parameters without a default must be given.
 * @throws MethodError listing the valid names, naming an unknown, missing or mistyped parameter,
 *   or saying what is wrong with a value (e.g. goalposts with hi ≤ lo)
 * @example resolveNormaliser('minmax', {u: 1}).params // => {l: 0, u: 1}
 */
export function resolveNormaliser(method: string, params?: Record<string, number>): { def: NormaliserDef; params: Record<string, number> };
export function resolveNormaliser(method: string, params?: NormaliseParams): { def: NormaliserDef; params: NormaliseParams };
export function resolveNormaliser(method: string, params: NormaliseParams = {}): { def: NormaliserDef; params: NormaliseParams } {
  const def = (NORMALISERS as Record<string, NormaliserDef>)[method];
  if (!def) throw new MethodError(`Unknown normalisation method "${method}" (valid: ${Object.keys(NORMALISERS).join(', ')})`);
  const strings = def.strings ?? [];
  const numbers = [...Object.keys(def.defaults), ...(def.required ?? [])];
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (strings.includes(k)) {
      if (typeof v !== 'string' || !v) throw new MethodError(`Normalisation ${method}: parameter ${k} must be a non-empty string, got ${JSON.stringify(v)}`);
    } else if (numbers.includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new MethodError(`Normalisation ${method}: parameter ${k} must be a number, got ${JSON.stringify(v)}`);
    } else {
      throw new MethodError(`Normalisation ${method} has no parameter "${k}" (valid: ${[...numbers, ...strings].join(', ') || 'none'})`);
    }
  }
  const missing = [...(def.required ?? []), ...strings].filter((k) => params[k] === undefined);
  if (missing.length) {
    throw new MethodError(`Normalisation ${method} needs parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${def.example ? ` (e.g. params ${JSON.stringify(def.example)})` : ''}`);
  }
  const merged: NormaliseParams = { ...def.defaults, ...params };
  const problem = def.check?.(merged);
  if (problem) throw new MethodError(`Normalisation ${method}: ${problem}`);
  return { def, params: merged };
}
