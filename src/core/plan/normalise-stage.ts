import { DIRECT } from './arena.ts';
import type { WarningCode } from '../warnings.ts';
import { extent, type NormaliseContext } from '../methods/index.ts';
import type { Compiled, LeafPlan } from './compiled.ts';

/** What the normalisation stage gives for one indicator. */
export interface Normalised {
  scores: Float64Array;
  bounds?: [number, number];
  warnings: [WarningCode, string][];
}

/**
 * The normalisation stage for one indicator: its (treated) edition values to scores, with bounds
 * from all editions of the run (`pooled`), from the recipe (`fixed`, or `bounds` given here), or
 * from each edition alone (`per-year`). Ratio-to-base methods divide by the unit's imputed value
 * in the base year, whether or not the base edition is part of the run.
 */
export function normaliseLeaf(c: Compiled, leaf: LeafPlan, values: Float64Array, imputedTable: Float64Array, bounds?: [number, number], arena = DIRECT): Normalised {
  const U = c.units.length;
  const E = c.editions.length;
  const { def, params } = leaf.normaliser;
  const warnings: [WarningCode, string][] = [];
  let out: Float64Array | undefined;
  const ctx: NormaliseContext = {
    direction: leaf.node.direction,
    indicator: leaf.node.code,
    warn: (code, message) => warnings.push([code, message]),
  };
  const scope = c.recipe.normalisation.scope;
  if (def.usesBounds) {
    if (bounds) ctx.bounds = bounds;
    else if (scope === 'fixed') ctx.bounds = leaf.fixedBounds;
  }
  let base: Float64Array | undefined;
  if (!def.usesBounds) {
    base = arena.f64(E * U);
    const row = c.baseRow * U;
    for (let e = 0; e < E; e++) for (let u = 0; u < U; u++) base[e * U + u] = imputedTable[row + u]!;
  }
  const units = unitsByCell(c);
  const apply = (a: number, b: number): void => {
    if (base) ctx.base = base.subarray(a, b);
    ctx.units = a === 0 && b === E * U ? units : units.slice(a, b);
    const whole = a === 0 && b === E * U;
    if (def.into) {
      out ??= whole ? arena.f64(E * U) : arena.f64(E * U).fill(NaN);
      def.into(whole ? values : values.subarray(a, b), whole ? out : out.subarray(a, b), params, ctx);
      return;
    }
    const s = def.fn(whole ? values : values.subarray(a, b), params, ctx);
    if (whole) out = arena.copy(s);
    else {
      out ??= arena.f64(E * U).fill(NaN);
      for (let i = 0; i < b - a; i++) out[a + i] = s[i]!;
    }
  };
  let used: [number, number] | undefined;
  if (scope === 'pooled' || scope === 'fixed' || !def.usesBounds || bounds) {
    if (def.usesBounds) used = ctx.bounds ?? extent(values);
    // the in-place form is handed the bounds (the same the method would find), so they are found once
    if (def.into && used) ctx.bounds = used;
    apply(0, E * U);
  } else {
    for (let e = 0; e < E; e++) apply(e * U, (e + 1) * U);
  }
  const scores = out ?? new Float64Array(0);
  // a present value without a score, which the method did not explain (e.g. an overflow of the
  // bounds' span): named cell by cell, never a silent blank
  if (!warnings.length) {
    let n = 0;
    const shown: string[] = [];
    for (let k = 0; k < E * U; k++) {
      if (Number.isFinite(scores[k]!) || !Number.isFinite(values[k]!)) continue;
      if (n++ < 6) shown.push(`${c.units[k % U]} ${c.editions[Math.floor(k / U)]}`);
    }
    if (n) warnings.push(['score-undefined', `${leaf.node.code}: no score for ${n} present value${n > 1 ? 's' : ''} (${shown.join(', ')}${n > 6 ? ', …' : ''}): the normalisation is undefined there (values too large, e.g. an overflow of the bounds' span); left missing`]);
  }
  return { scores, ...(used ? { bounds: used } : {}), warnings };
}

const UNIT_CELLS = new WeakMap<Compiled, string[]>();

/** Unit code of every edition-major cell, made once per plan. */
function unitsByCell(c: Compiled): string[] {
  let u = UNIT_CELLS.get(c);
  if (!u) {
    const U = c.units.length;
    u = Array.from({ length: c.editions.length * U }, (_, k) => c.units[k % U]!);
    UNIT_CELLS.set(c, u);
  }
  return u;
}
