import { MethodError } from '../../errors.ts';
import { colLabel, column, completeRows, isConstant, normaliseSum, type DataWeightOptions } from './common.ts';
import { pearson } from './linalg.ts';

/** Options for {@link optimiseWeights}. */
export interface OptimiseOptions extends DataWeightOptions {
  /** Target shares of the correlations, summing to 1 (default equal). */
  target?: number[];
  /** Aggregation of one row with weights (default weighted arithmetic mean Σwx/Σw). */
  aggregate?: (row: number[], w: number[]) => number;
  /** Iteration limit (default 1000). */
  maxIter?: number;
  /** Converged when every |r_j/Σr − target_j| ≤ tol (default 1e-8). */
  tol?: number;
}

/** Result of {@link optimiseWeights}. */
export interface OptimiseResult {
  weights: number[];
  /** Pearson correlation of each indicator with the aggregate at the returned weights. */
  correlations: number[];
  /** Σ_j (r_j/Σr − target_j)² at the returned weights. */
  objective: number;
  iterations: number;
  converged: boolean;
}

/**
 * Weights that make each indicator's Pearson correlation with the aggregate match target shares,
 * minimising Σ_j (r_j/Σ_k r_k − t_j)² (default t_j = 1/m: every indicator equally “important” in
 * the sense of correlation, which nominal equal weights do not guarantee). Deterministic
 * optimiser: damped multiplicative updates w_j ← w_j·(t_j/s_j)^η (s_j = r_j/Σr), renormalised to
 * sum 1, with step halving when the objective does not fall. Rows with any NaN are dropped.
 * Reference: COINr get_opt_weights() (Becker et al. 2017, “Weights and importance in composite
 * indicators: Closing the gap”, Ecological Indicators 80, 12–22).
 * @throws MethodError for bad targets, fewer than 3 complete rows, or a constant indicator
 * @example optimiseWeights([[1, 2], [2, 1], [3, 4], [4, 3], [5, 10]]).weights // => [0.6910…, 0.3090…] (∝ 1/σ)
 */
export function optimiseWeights(X: number[][], options: OptimiseOptions = {}): OptimiseResult {
  const rows = completeRows(X, 'optimised weights', 3);
  const m = rows[0]!.length;
  for (let j = 0; j < m; j++) {
    if (isConstant(column(rows, j))) throw new MethodError(`optimised weights: ${colLabel(options.labels, j)} is constant across units, so its correlation with the aggregate is undefined; drop it`);
  }
  const target = options.target ?? new Array<number>(m).fill(1 / m);
  if (target.length !== m) throw new MethodError(`optimised weights: target has ${target.length} values but there are ${m} indicators`);
  if (target.some((t) => !Number.isFinite(t) || t <= 0) || Math.abs(target.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    throw new MethodError(`optimised weights: target shares must be positive and sum to 1, got [${target.join(', ')}]`);
  }
  const agg = options.aggregate ?? ((row: number[], w: number[]) => row.reduce((s, x, i) => s + w[i]! * x, 0) / w.reduce((a, b) => a + b, 0));
  const maxIter = options.maxIter ?? 1000;
  const tol = options.tol ?? 1e-8;
  const cols = Array.from({ length: m }, (_, j) => column(rows, j));
  const evalAt = (w: number[]): { r: number[]; s: number[]; obj: number; dev: number } => {
    const y = rows.map((row) => agg(row, w));
    const r = cols.map((c) => pearson(c, y));
    const sr = r.reduce((a, b) => a + b, 0);
    const s = r.map((x) => x / sr);
    let obj = 0;
    let dev = 0;
    for (let j = 0; j < m; j++) {
      const d = s[j]! - target[j]!;
      obj += d * d;
      dev = Math.max(dev, Math.abs(d));
    }
    if (!Number.isFinite(obj)) obj = Infinity;
    return { r, s, obj, dev: Number.isFinite(dev) ? dev : Infinity };
  };
  let w = new Array<number>(m).fill(1 / m);
  let cur = evalAt(w);
  let eta = 1;
  let iterations = 0;
  while (iterations < maxIter && cur.dev > tol && eta > 1e-12) {
    iterations++;
    const step = w.map((wj, j) => wj * Math.pow(target[j]! / Math.max(cur.s[j]!, 1e-9), eta));
    const next = normaliseSum(step);
    const ev = evalAt(next);
    if (ev.obj < cur.obj) {
      w = next;
      cur = ev;
      eta = Math.min(1, eta * 1.5);
    } else {
      eta /= 2;
    }
  }
  return { weights: w, correlations: cur.r, objective: cur.obj, iterations, converged: cur.dev <= tol };
}
