import { MethodError } from '../../errors.ts';
import { mean } from '../stats.ts';
import { boundsOf, num, spread, warnConstant } from './common.ts';
import type { NormaliseContext, NormaliserDef } from './types.ts';

/**
 * Normalisers with COINr's own definitions (COINr ≥ 1.0, normalise.R), for an analyst who moves
 * from COINr and wants its numbers. COINr first multiplies an indicator by its direction and then
 * applies the function to x' = d·x; these methods do the same, so for a smaller-is-better
 * indicator they give what COINr gives. Bounds (min, max of x′) come from the scope, as for the
 * other methods. COINr's `n_fracmax` is `distance-to-frontier` for a larger-is-better indicator;
 * for a smaller-is-better one COINr's x′/max′ = x/min scores worse units higher, which ipindex
 * does not reproduce (every method here keeps a higher score better): see docs/coinr.md.
 */

/** min and max of x' = d·x, from the bounds [L, U] of x. */
function primeBounds(x: ArrayLike<number>, ctx: NormaliseContext): [number, number] {
  const [L, U] = boundsOf(x, ctx);
  return ctx.direction === 1 ? [L, U] : [-U, -L];
}

/** A 0/1 parameter as a boolean. */
const flag = (v: number | string | undefined): boolean => num(v) === 1;

/** COINr-definition normalisers (see the module comment). */
export const COINR_NORMALISERS = {
  /**
   * COINr `n_dist2max`: scale·(1 − (max' − x')/(max' − min')), x' = d·x — the distance to the
   * best performer, 0 for the worst and `scale` (default 1, as COINr) for the best. All equal:
   * NaN in COINr; here every unit scores `scale` with a `zero-spread` warning.
   * @example normalise([10, 20, 30], { method: 'dist2max' }).values // => [0, 0.5, 1]
   */
  dist2max: {
    describe: { zh: 'COINr n_dist2max：1 − (最大值 − x)/(最大值 − 最小值)', en: 'COINr n_dist2max: 1 − (max − x)/(max − min)' },
    formula: "scale·(1 − (max' − x')/(max' − min')), x' = d·x",
    defaults: { scale: 1 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const [mn, mx] = primeBounds(x, ctx);
      const scale = num(p.scale);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String(scale));
      return Array.from(x, (v) => (!Number.isFinite(v) ? NaN : s.same || !(mx > mn) ? scale : (1 - (mx - ctx.direction * v) / (mx - mn)) * scale));
    },
  },
  /**
   * COINr `n_dist2ref`: scale·(1 − (x'_ref − x')/(x'_ref − min')), x' = d·x, x'_ref the value of
   * the unit `params.ref` (a unit code; COINr takes a row number) — 1 at the reference unit, 0 at
   * the worst; with `capMax` 1 scores above 1 are capped at 1. Under a pooled scope the reference
   * is the mean of the unit's values over the years. A missing reference leaves every score
   * missing (`missing-reference`), as COINr returns NAs.
   * @throws MethodError when the unit codes are not given or `ref` is not among them
   * @example normalise([10, 20, 40], { method: 'dist2ref', params: { ref: 'B', capMax: 1 }, units: ['A', 'B', 'C'] }).values // => [0, 1, 1]
   */
  dist2ref: {
    describe: { zh: 'COINr n_dist2ref：1 − (x参照 − x)/(x参照 − 最小值)', en: 'COINr n_dist2ref: 1 − (x_ref − x)/(x_ref − min)' },
    formula: "scale·(1 − (x'_ref − x')/(x'_ref − min')), capped at scale with capMax",
    defaults: { scale: 1, capMax: 0 },
    strings: ['ref'],
    example: { ref: 'ESP' },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const ref = String(p.ref);
      const units = ctx.units;
      if (!units || units.length !== x.length) throw new MethodError(`dist2ref for ${ctx.indicator} needs the unit codes aligned with the values (ctx.units, ${x.length} codes)`);
      const refs: number[] = [];
      for (let i = 0; i < x.length; i++) if (units[i] === ref) refs.push(ctx.direction * x[i]!);
      if (!refs.length) throw new MethodError(`dist2ref for ${ctx.indicator}: reference unit "${ref}" is not among the units; set params.ref to one of them`);
      const xr = mean(refs);
      if (!Number.isFinite(xr)) {
        ctx.warn('missing-reference', `${ctx.indicator}: the reference unit ${ref} has no value, so no unit gets a score`);
        return Array.from({ length: x.length }, () => NaN);
      }
      const [mn] = primeBounds(x, ctx);
      const scale = num(p.scale);
      const s = spread(x);
      // all equal: COINr divides 0 by 0 (NaN); every unit is at the reference here
      if (s.same) {
        warnConstant(ctx, s, String(scale));
        return Array.from(x, (v) => (Number.isFinite(v) ? scale : NaN));
      }
      return Array.from(x, (v) => {
        if (!Number.isFinite(v)) return NaN;
        let y = 1 - (xr - ctx.direction * v) / (xr - mn);
        if (flag(p.capMax) && y > 1) y = 1;
        return Number.isFinite(y) ? y * scale : NaN;
      });
    },
  },
  /**
   * COINr `n_dist2targ`: scale·(x' − min')/(t' − min'), x' = d·x and t' = d·target (COINr's
   * `Target` column of iMeta, read with `f_n_para = "use_iMeta"`), so for a smaller-is-better
   * indicator (max − x)/(max − target); 1 at the target, above 1 beyond it unless `capMax` is 1.
   * `target` is in the indicator's own units (per indicator, in `normalisation.byIndicator`).
   * @example normalise([10, 20, 30], { method: 'dist2targ', params: { target: 20 } }).values // => [0, 1, 2]
   */
  dist2targ: {
    describe: { zh: 'COINr n_dist2targ：(x − 最小值)/(目标值 − 最小值)', en: 'COINr n_dist2targ: (x − min)/(target − min)' },
    formula: "scale·(x' − min')/(d·target − min'), capped at scale with capMax",
    defaults: { scale: 1, capMax: 0 },
    required: ['target'],
    example: { target: 95 },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const [mn] = primeBounds(x, ctx);
      const t = ctx.direction * num(p.target);
      const scale = num(p.scale);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String(t === mn ? scale : 0));
      if (t === mn) return Array.from(x, (v) => (Number.isFinite(v) ? scale : NaN));
      return Array.from(x, (v) => {
        if (!Number.isFinite(v)) return NaN;
        let y = (ctx.direction * v - mn) / (t - mn);
        if (flag(p.capMax) && y > 1) y = 1;
        return Number.isFinite(y) ? y * scale : NaN;
      });
    },
  },
  /**
   * COINr `n_scaled` with the bounds of iMeta (`scaled_lower`, `scaled_upper`, `scale_factor`):
   * scale·(x − lo)/(hi − lo), for direction −1 scale·(hi − x)/(hi − lo) — goalposts without the
   * truncation. `lo` and `hi` are fixed (in the indicator's units), not from the data.
   * @example normalise([0, 25, 60], { method: 'scaled', params: { lo: 0, hi: 50 } }).values // => [0, 50, 120]
   */
  scaled: {
    describe: { zh: 'COINr n_scaled：100·(x − 下界)/(上界 − 下界)，不截断', en: 'COINr n_scaled: 100·(x − lo)/(hi − lo), not truncated' },
    formula: 'scale·(x − lo)/(hi − lo); direction −1: scale·(hi − x)/(hi − lo)',
    defaults: { scale: 100 },
    required: ['lo', 'hi'],
    example: { lo: 0, hi: 50, scale: 100 },
    check: (p) => (num(p.hi) > num(p.lo) ? undefined : `hi (${p.hi}) must be greater than lo (${p.lo})`),
    usesBounds: false,
    fn: (x, p, ctx) => {
      const lo = num(p.lo);
      const hi = num(p.hi);
      const out = Array.from(x, (v) => (!Number.isFinite(v) ? NaN : ((ctx.direction === 1 ? v - lo : hi - v) / (hi - lo)) * num(p.scale)));
      const s = spread(x);
      if (s.same && s.n > 1) warnConstant(ctx, s, String(out.find((v) => Number.isFinite(v))));
      return out;
    },
  },
} satisfies Record<string, NormaliserDef>;
