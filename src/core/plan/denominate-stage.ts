import { DIRECT } from './arena.ts';
import type { Compiled, LeafPlan } from './compiled.ts';

/**
 * The denomination stage (recipe `denominate`, COINr `Denominate()`): an indicator's table
 * divided by its denominator's, scaled — x / (d / scale). A missing or zero denominator leaves
 * the cell missing (COINr would give ±Inf for a zero). An indicator without a denominator is
 * returned as it is.
 */
export function denominated(leaf: LeafPlan, tables: ReadonlyMap<string, Float64Array>, arena = DIRECT): Float64Array {
  const x = tables.get(leaf.node.code)!;
  if (!leaf.denominator) return x;
  const d = tables.get(leaf.denominator.code)!;
  const scale = leaf.denominator.scale;
  const out = arena.f64(x.length);
  for (let k = 0; k < x.length; k++) {
    const v = x[k]! / (d[k]! / scale);
    out[k] = Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/** The denominator codes a plan reads (each once). */
export function denominatorCodes(c: Compiled): string[] {
  return [...new Set(c.leaves.flatMap((l) => (l.denominator ? [l.denominator.code] : [])))];
}
