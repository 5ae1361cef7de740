import { MethodError } from '../../errors.ts';
import { column, completeRows, isConstant, normaliseSum, sdOf, type DataWeightOptions } from './common.ts';
import { pearson } from './linalg.ts';

/**
 * CRITIC weights (CRiteria Importance Through Intercriteria Correlation):
 * C_j = σ_j · Σ_k (1 − r_jk), w_j = C_j / Σ C, with σ_j the standard deviation of the min-max
 * normalised column (x − min)/(max − min) and r_jk the Pearson correlation. (Sample or population
 * σ give the same weights.) A constant column gets weight 0 and is left out of the others'
 * conflict sums. Rows with any NaN are dropped.
 * Reference: Diakoulaki, Mavrotas & Papayannakis (1995), Computers & Operations Research 22(7), 763–770.
 * @throws MethodError for fewer than 2 complete rows, or when C_j = 0 for all j (constant or perfectly correlated indicators)
 * @example criticWeights([[0, 0], [1, 2], [2, 1]]) // => [0.5, 0.5]
 */
export function criticWeights(X: number[][], _options: DataWeightOptions = {}): number[] {
  const rows = completeRows(X, 'CRITIC weights');
  const m = rows[0]!.length;
  const cols: number[][] = [];
  const constant: boolean[] = [];
  const sigma: number[] = [];
  for (let j = 0; j < m; j++) {
    const c = column(rows, j);
    const lo = Math.min(...c);
    const hi = Math.max(...c);
    const k = isConstant(c);
    constant.push(k);
    const z = k ? c.map(() => 0) : c.map((v) => (v - lo) / (hi - lo));
    cols.push(z);
    sigma.push(k ? 0 : sdOf(z));
  }
  const C = new Array<number>(m).fill(0);
  for (let j = 0; j < m; j++) {
    if (constant[j]) continue;
    let conflict = 0;
    for (let k = 0; k < m; k++) {
      if (k === j || constant[k]) continue;
      conflict += 1 - pearson(cols[j]!, cols[k]!);
    }
    C[j] = sigma[j]! * conflict;
  }
  if (!(C.reduce((a, b) => a + b, 0) > 0)) {
    throw new MethodError('CRITIC weights: every indicator is constant or all are perfectly correlated, so the CRITIC weights are undefined; use equal weights');
  }
  return normaliseSum(C);
}
