import { mulberry32 } from '../../methods/random.ts';
import { quantileSorted } from './quantile.ts';

/** First-order and total Sobol indices of one input for one output, with bootstrap confidence intervals. */
export interface SobolIndex {
  first: number;
  total: number;
  firstLow: number;
  firstHigh: number;
  totalLow: number;
  totalHigh: number;
}

/** Options of {@link sobolIndices}. */
export interface SobolOptions {
  /** Bootstrap resamples (default 1000; 0: no intervals). */
  bootstrap?: number;
  /** Confidence level (default 0.95). */
  confidence?: number;
  /** Seed of the resampling. */
  seed?: number;
}

/**
 * Sobol sensitivity indices from a Saltelli design (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output", Comput. Phys. Commun. 181, table 2):
 * with model outputs f(A), f(B) and f(A_B^i) (A with column i taken from B) over N rows,
 * - first order (Saltelli 2010, eq. (b)): S_i = (1/N) Σ_j f(B)_j (f(A_B^i)_j − f(A)_j) / V,
 * - total (Jansen 1999, eq. (f)): ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V,
 * with V the variance of the 2N outputs f(A) ∪ f(B) (divisor 2N). Confidence intervals are
 * percentile intervals of the same estimators over bootstrap resamples of the rows j.
 * An output that never varies (V = 0) has NaN indices.
 * @param yA outputs f(A), N values
 * @param yB outputs f(B), N values
 * @param yAB outputs f(A_B^i) per input i, N values each
 */
export function sobolIndices(yA: ArrayLike<number>, yB: ArrayLike<number>, yAB: ArrayLike<number>[], options: SobolOptions = {}): SobolIndex[] {
  const N = yA.length;
  const d = yAB.length;
  const B = options.bootstrap ?? 1000;
  const conf = options.confidence ?? 0.95;
  const point = estimate(yA, yB, yAB, null);
  const out: SobolIndex[] = point.first.map((f, i) => ({ first: f, total: point.total[i]!, firstLow: NaN, firstHigh: NaN, totalLow: NaN, totalHigh: NaN }));
  if (B > 0 && N > 1) {
    const rand = mulberry32((options.seed ?? 1) >>> 0);
    const idx = new Int32Array(N);
    const firsts = Array.from({ length: d }, () => new Float64Array(B));
    const totals = Array.from({ length: d }, () => new Float64Array(B));
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < N; j++) idx[j] = Math.floor(rand() * N);
      const e = estimate(yA, yB, yAB, idx);
      for (let i = 0; i < d; i++) {
        firsts[i]![b] = e.first[i]!;
        totals[i]![b] = e.total[i]!;
      }
    }
    const lo = (1 - conf) / 2;
    for (let i = 0; i < d; i++) {
      const f = sortedFinite(firsts[i]!);
      const t = sortedFinite(totals[i]!);
      out[i]!.firstLow = quantileSorted(f, lo);
      out[i]!.firstHigh = quantileSorted(f, 1 - lo);
      out[i]!.totalLow = quantileSorted(t, lo);
      out[i]!.totalHigh = quantileSorted(t, 1 - lo);
    }
  }
  return out;
}

function sortedFinite(a: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) a[m++] = a[i]!;
  return a.subarray(0, m).sort();
}

/** The estimators over rows `idx` (null: every row once). */
function estimate(yA: ArrayLike<number>, yB: ArrayLike<number>, yAB: ArrayLike<number>[], idx: Int32Array | null): { first: number[]; total: number[] } {
  const N = yA.length;
  // variance of f(A) ∪ f(B), two-pass about the mean
  let sum = 0;
  for (let j = 0; j < N; j++) {
    const r = idx ? idx[j]! : j;
    sum += yA[r]! + yB[r]!;
  }
  const mean = sum / (2 * N);
  let ss = 0;
  for (let j = 0; j < N; j++) {
    const r = idx ? idx[j]! : j;
    const a = yA[r]! - mean;
    const b = yB[r]! - mean;
    ss += a * a + b * b;
  }
  const V = ss / (2 * N);
  const first: number[] = [];
  const total: number[] = [];
  for (const y of yAB) {
    let s1 = 0;
    let st = 0;
    for (let j = 0; j < N; j++) {
      const r = idx ? idx[j]! : j;
      const a = yA[r]!;
      const ab = y[r]!;
      s1 += yB[r]! * (ab - a);
      st += (a - ab) * (a - ab);
    }
    first.push(V > 0 ? s1 / N / V : NaN);
    total.push(V > 0 ? st / (2 * N) / V : NaN);
  }
  return { first, total };
}
