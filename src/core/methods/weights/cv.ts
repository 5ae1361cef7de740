import { MethodError } from '../../errors.ts';
import { colLabel, column, completeRows, isConstant, meanOf, normaliseSum, sdOf, type DataWeightOptions } from './common.ts';

/**
 * Coefficient-of-variation weights: v_j = σ_j / |μ_j| (sample σ), w_j = v_j / Σ v.
 * Meaningful on a ratio scale (e.g. min-max 0–100 or efficacy scores), not on z-scores.
 * Rows with any NaN are dropped.
 * Reference: 变异系数法; see e.g. OECD/JRC Handbook (2008) §6 on statistical weighting.
 * @throws MethodError when a column has mean 0 (CV undefined) or every column is constant
 * @example cvWeights([[1, 10], [3, 30]]) // => [0.5, 0.5]
 */
export function cvWeights(X: number[][], options: DataWeightOptions = {}): number[] {
  const rows = completeRows(X, 'CV weights');
  const m = rows[0]!.length;
  const v = new Array<number>(m);
  for (let j = 0; j < m; j++) {
    const c = column(rows, j);
    const mu = meanOf(c);
    if (Math.abs(mu) < 1e-12) {
      throw new MethodError(`CV weights: ${colLabel(options.labels, j)} has mean 0, so its coefficient of variation is undefined; use a positive scale (min-max 0–100 or efficacy scores), not z-scores`);
    }
    v[j] = isConstant(c) ? 0 : sdOf(c) / Math.abs(mu);
  }
  if (!(v.reduce((a, b) => a + b, 0) > 0)) throw new MethodError('CV weights: every indicator is constant across units, so the CV weights are undefined; use equal weights');
  return normaliseSum(v);
}
