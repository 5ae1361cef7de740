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
  /**
   * The resamples themselves (`bootstrap × N` row indices, from {@link bootstrapRows}), to share
   * them between the outputs of one analysis; default: drawn from the seed.
   */
  resamples?: Int32Array;
}

/** `B` bootstrap resamples of `N` rows (indices drawn with replacement), `B × N` from the seed. */
export function bootstrapRows(B: number, N: number, seed: number): Int32Array {
  const rand = mulberry32(seed >>> 0);
  const out = new Int32Array(B * N);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * N);
  return out;
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
  const shift = meanOf(yA, yB);
  const point = estimate(yA, yB, yAB, null, shift);
  const out: SobolIndex[] = point.first.map((f, i) => ({ first: f, total: point.total[i]!, firstLow: NaN, firstHigh: NaN, totalLow: NaN, totalHigh: NaN }));
  // an output that never varies has no indices, and no intervals to resample
  if (B > 0 && N > 1 && Number.isFinite(point.first[0] ?? NaN)) {
    const rows = options.resamples && options.resamples.length === B * N ? options.resamples : bootstrapRows(B, N, options.seed ?? 1);
    const firsts = Array.from({ length: d }, () => new Float64Array(B));
    const totals = Array.from({ length: d }, () => new Float64Array(B));
    for (let b = 0; b < B; b++) {
      const e = estimate(yA, yB, yAB, rows.subarray(b * N, (b + 1) * N), shift);
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

/**
 * The estimators over rows `idx` (null: every row once), in one pass over the rows. The variance
 * is accumulated about a shift (the mean of f(A) ∪ f(B) over all rows), which keeps the one-pass
 * formula exact to rounding for outputs far from zero.
 */
function estimate(yA: ArrayLike<number>, yB: ArrayLike<number>, yAB: ArrayLike<number>[], idx: Int32Array | null, shift = meanOf(yA, yB)): { first: number[]; total: number[] } {
  const N = yA.length;
  const d = yAB.length;
  const s1 = new Float64Array(d);
  const st = new Float64Array(d);
  let sum = 0;
  let ss = 0;
  for (let j = 0; j < N; j++) {
    const r = idx ? idx[j]! : j;
    const a = yA[r]!;
    const b = yB[r]!;
    const da = a - shift;
    const db = b - shift;
    sum += da + db;
    ss += da * da + db * db;
    for (let i = 0; i < d; i++) {
      const ab = yAB[i]![r]!;
      s1[i] = s1[i]! + b * (ab - a);
      st[i] = st[i]! + (a - ab) * (a - ab);
    }
  }
  const m = sum / (2 * N);
  const V = ss / (2 * N) - m * m;
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < d; i++) {
    first.push(V > 0 ? s1[i]! / N / V : NaN);
    total.push(V > 0 ? st[i]! / (2 * N) / V : NaN);
  }
  return { first, total };
}

function meanOf(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! + b[j]!;
  return s / (2 * a.length);
}
