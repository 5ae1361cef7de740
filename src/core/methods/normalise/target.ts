import { MethodError } from '../../errors.ts';
import { extent, mean } from '../stats.ts';
import { boundsOf, num, spread, warnConstant } from './common.ts';
import type { NormaliseContext, NormaliserDef } from './types.ts';

/**
 * Ratio v/r for the ratio methods, 1 when v = r (so a constant indicator, even all zero, scores
 * the scale). NaN when r is 0 otherwise.
 */
function ratio(v: number, r: number): number {
  return v === r ? 1 : r === 0 ? NaN : v / r;
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
 * Distance-to-target normalisers: fixed goalposts, distance to the frontier (the leader), ratio to
 * the mean and ratio to a reference unit.
 */
export const TARGET_NORMALISERS = {
  /**
   * Goalposts: scale·(x − lo)/(hi − lo) truncated to [0, scale] (direction −1: (hi − x)/(hi − lo)),
   * lo and hi fixed goalposts (e.g. a minimum and a target) that do not depend on the data. Values
   * outside the goalposts are clamped, with a `clamped` warning counting them. COINr `n_goalposts`
   * (`trunc2posts = TRUE`); UNDP Human Development Index technical notes (goalposts).
   * @example normalise([0, 25, 60], { method: 'goalposts', params: { lo: 0, hi: 50 } }).values // => [0, 50, 100]
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
   * @example normalise([25, 50, 100], { method: 'distance-to-frontier' }).values // => [25, 50, 100]
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
   * @example normalise([50, 100, 150], { method: 'ratio-to-mean' }).values // => [50, 100, 150]
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
   * @example normalise([50, 200], { method: 'ratio-to-reference', params: { ref: 'CN' }, units: ['GD', 'CN'] }).values // => [25, 100]
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
} satisfies Record<string, NormaliserDef>;
