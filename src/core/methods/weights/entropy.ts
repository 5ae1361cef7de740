import { MethodError } from '../../errors.ts';
import { column, completeRows, isConstant, normaliseSum, type DataWeightOptions } from './common.ts';

/** Options for {@link entropyWeights}. */
export interface EntropyOptions extends DataWeightOptions {
  /**
   * Apply the textbook 极差标准化 first, x′ = (x − min)/(max − min) per column (default false:
   * use the values as given, which must already be non-negative scores).
   */
  standardise?: boolean;
}

/**
 * Entropy weights (熵权法), as in the standard Chinese textbook definition:
 * p_ij = x_ij / Σ_i x_ij, e_j = −k Σ_i p_ij ln p_ij with k = 1/ln n (n units) and 0·ln 0 = 0,
 * d_j = 1 − e_j (degree of divergence), w_j = d_j / Σ d.
 *
 * The values must be non-negative: a column with a negative value is shifted by its minimum
 * (x − min_j) first. With `standardise: true` every column is first min-max rescaled,
 * (x − min)/(max − min), the textbook's first step for raw data (min-max scores on 0–100 give the
 * same weights either way; efficacy scores on 60–100 do not). A constant column carries no
 * information: e_j = 1, d_j = 0, weight 0. Rows with any NaN are dropped.
 * Reference: 郭亚军《综合评价理论、方法及应用》(科学出版社, 2007); Shannon (1948).
 * @throws MethodError for fewer than 2 complete rows, or when every column is constant
 * @example entropyWeights([[0, 1], [1, 1], [2, 2]]) // => [0.8870…, 0.1130…]
 */
export function entropyWeights(X: number[][], options: EntropyOptions = {}): number[] {
  const rows = completeRows(X, 'entropy weights');
  const n = rows.length;
  const m = rows[0]!.length;
  const k = 1 / Math.log(n);
  const d = new Array<number>(m);
  for (let j = 0; j < m; j++) {
    let col = column(rows, j);
    const lo = Math.min(...col);
    const hi = Math.max(...col);
    if (options.standardise) col = col.map((v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
    else if (lo < 0) col = col.map((v) => v - lo);
    const S = col.reduce((a, b) => a + b, 0);
    if (!(S > 0) || isConstant(col)) {
      d[j] = 0;
      continue;
    }
    let h = 0;
    for (const v of col) {
      const p = v / S;
      if (p > 0) h -= p * Math.log(p);
    }
    d[j] = Math.max(0, 1 - k * h);
  }
  if (!(d.reduce((a, b) => a + b, 0) > 0)) {
    throw new MethodError('entropy weights: every indicator is constant across units, so the entropy weights are undefined; use equal weights');
  }
  return normaliseSum(d);
}
