import { DIRECT } from './arena.ts';
import { treatOutliers } from '../methods/index.ts';
import type { Compiled } from './compiled.ts';

/**
 * The outlier-treatment stage for one indicator (before normalisation; the reported values stay
 * the raw ones): COINr/GII winsorising with the log fallback, over all editions of the run or
 * each edition alone. Returns the treated values, which cells were winsorised (mark 1) or
 * log-transformed (mark 2), and a warning; or nothing when no value changed.
 */
export function treatLeaf(c: Compiled, code: string, values: Float64Array, arena = DIRECT, options = c.treatOptions): { treated: Float64Array; marks: Uint8Array; warning: string } | undefined {
  const U = c.units.length;
  const E = c.editions.length;
  const out = arena.copy(values);
  const slices = c.recipe.treatment.scope === 'per-year' ? c.editions.map((_, e) => [e * U, (e + 1) * U] as const) : [[0, E * U] as const];
  let wins = 0;
  let logged = 0;
  const marks = new Uint8Array(E * U);
  for (const [a, b] of slices) {
    const r = treatOutliers(values.subarray(a, b), options);
    r.values.forEach((x, i) => (out[a + i] = x));
    for (const i of r.winsorised) marks[a + i] = 1;
    if (r.log) for (let i = a; i < b; i++) if (Number.isFinite(values[i]!)) marks[i] = 2;
    wins += r.winsorised.length;
    if (r.log) logged++;
  }
  if (!wins && !logged) return undefined;
  const warning = `${code}: ${wins ? `${wins} value${wins > 1 ? 's' : ''} winsorised` : ''}${wins && logged ? '; ' : ''}${logged ? 'log-transformed (winsorising was not enough)' : ''} to bring |skewness| and kurtosis within bounds`;
  return { treated: out, marks, warning };
}
