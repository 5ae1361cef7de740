import { treatOutliers } from '../methods/index.ts';
import type { Compiled } from './compiled.ts';

/**
 * The outlier-treatment stage for one indicator (before normalisation; the reported values stay
 * the raw ones): COINr/GII winsorising with the log fallback, over all editions of the run or
 * each edition alone. Flags treated cells in `flags` (changed in place). Returns the treated
 * values and a warning, or nothing when no value changed.
 */
export function treatLeaf(c: Compiled, code: string, values: Float64Array, flags: (string | undefined)[]): { treated: Float64Array; warning: string } | undefined {
  const U = c.units.length;
  const E = c.editions.length;
  const out = Float64Array.from(values);
  const slices = c.recipe.treatment.scope === 'per-year' ? c.editions.map((_, e) => [e * U, (e + 1) * U] as const) : [[0, E * U] as const];
  let wins = 0;
  let logged = 0;
  const mark = (i: number, what: string): void => {
    flags[i] = [flags[i], what].filter(Boolean).join(';');
  };
  for (const [a, b] of slices) {
    const r = treatOutliers(values.subarray(a, b), c.treatOptions);
    r.values.forEach((x, i) => (out[a + i] = x));
    for (const i of r.winsorised) mark(a + i, 'winsorised');
    if (r.log) for (let i = a; i < b; i++) if (Number.isFinite(values[i]!)) mark(i, 'log-transformed');
    wins += r.winsorised.length;
    if (r.log) logged++;
  }
  if (!wins && !logged) return undefined;
  const warning = `${code}: ${wins ? `${wins} value${wins > 1 ? 's' : ''} winsorised` : ''}${wins && logged ? '; ' : ''}${logged ? 'log-transformed (winsorising was not enough)' : ''} to bring |skewness| and kurtosis within bounds`;
  return { treated: out, warning };
}
