import { eigenSymmetric } from '../../methods/index.ts';

/**
 * The statistics of a coherence audit over columns with missing values (NaN). Every statistic
 * uses pairwise complete observations: a pair of columns is compared over the units where both
 * are present (as R's `cor(use = "pairwise.complete.obs")`, which COINr's `get_corr` and
 * `get_cronbach` use). Correlations over fewer than 3 pairs, or with a constant column, are NaN.
 */

/** Pairs needed for a correlation. */
export const MIN_PAIRS = 3;

/** The units where both columns are present. */
export function completePairs(a: ArrayLike<number>, b: ArrayLike<number>): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      x.push(a[i]!);
      y.push(b[i]!);
    }
  }
  return { x, y };
}

function pearsonOf(x: number[], y: number[]): number {
  const n = x.length;
  if (n < MIN_PAIRS) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Pearson correlation over the pairwise complete observations, and their number.
 * Reference: OECD/JRC Handbook (2008) §4.2; scipy.stats.pearsonr.
 * @example pearson([1, 2, 3, NaN], [2, 4, 7, 1]) // => { r: 0.9933…, n: 3 }
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): { r: number; n: number } {
  const { x, y } = completePairs(a, b);
  return { r: pearsonOf(x, y), n: x.length };
}

/**
 * Ranks 1…n, ties sharing the mean of the ranks they span (as scipy.stats.rankdata 'average').
 * @example averageRanks([10, 20, 20, 5]) // => [2, 3.5, 3.5, 1]
 */
export function averageRanks(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((i, j) => x[i]! - x[j]! || i - j);
  const out = new Array<number>(x.length);
  for (let k = 0; k < idx.length; ) {
    let m = k;
    while (m + 1 < idx.length && x[idx[m + 1]!] === x[idx[k]!]) m++;
    const r = (k + m) / 2 + 1;
    for (let t = k; t <= m; t++) out[idx[t]!] = r;
    k = m + 1;
  }
  return out;
}

/**
 * Spearman rank correlation over the pairwise complete observations: the Pearson correlation of
 * their average ranks. Reference: scipy.stats.spearmanr (nan_policy 'omit').
 * @example spearman([1, 2, 3, 4], [1, 3, 2, 4]) // => { r: 0.8, n: 4 }
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): { r: number; n: number } {
  const { x, y } = completePairs(a, b);
  return { r: pearsonOf(averageRanks(x), averageRanks(y)), n: x.length };
}

/** Sample covariance (n − 1) over the pairwise complete observations; NaN under 2 pairs. */
export function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { x, y } = completePairs(a, b);
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (n - 1);
}

/**
 * Cronbach's alpha of k columns: α = k/(k − 1)·(1 − Σᵢ σᵢ² / Σᵢⱼ σᵢⱼ), from the pairwise
 * covariance matrix (with complete data the classical formula k/(k − 1)·(1 − Σσᵢ²/σ²_total)).
 * NaN for fewer than 2 columns or a zero total variance.
 * Reference: Cronbach (1951), Psychometrika 16, 297–334; COINr `get_cronbach` (pairwise covariances).
 * @example cronbachAlpha([[1, 2, 3], [2, 3, 5]]) // => 18/19 (σ² 1 and 7/3, σ₁₂ 3/2: 2·(1 − (10/3)/(19/3)))
 */
export function cronbachAlpha(cols: readonly ArrayLike<number>[]): number {
  const k = cols.length;
  if (k < 2) return NaN;
  let total = 0;
  let diag = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const c = covariance(cols[i]!, cols[j]!);
      if (!Number.isFinite(c)) return NaN;
      if (i === j) {
        diag += c;
        total += c;
      } else total += 2 * c;
    }
  }
  if (!(total > 0)) return NaN;
  return (k / (k - 1)) * (1 - diag / total);
}

/** The first principal component of a group's correlation matrix. */
export interface FirstComponent {
  /** Indices (into the columns given) of the columns used: those with a defined correlation with every other. */
  used: number[];
  /** Eigenvalues of the correlation matrix, descending. */
  eigenvalues: number[];
  /** λ₁ / Σλ = λ₁ / k: the share of the variance on the first component. */
  share: number;
  /** The unit eigenvector of λ₁ (its component sum made positive). */
  loadings: number[];
  /** Correlations of the columns with the first component: eigenvector × √λ₁. */
  correlations: number[];
}

/**
 * PCA of the (pairwise) correlation matrix of k columns: eigenvalues, the variance share of the
 * first component and its loadings. Sign convention: the eigenvector's components sum to a
 * positive number (if the sum is ~0, its largest-magnitude component is positive), so a group
 * whose indicators move together has positive loadings. A column constant over the units (its
 * correlations undefined) is left out; undefined when fewer than 2 columns remain.
 * Reference: OECD/JRC Handbook (2008) §4.2 (principal components); eigenSymmetric (Jacobi).
 * @example firstComponent([[1, 2, 3, 4], [2, 4, 5, 8]]).share // => 0.9905778905196061 ((1 + r)/2, r = 0.98115…)
 */
export function firstComponent(cols: readonly ArrayLike<number>[]): FirstComponent | undefined {
  const k = cols.length;
  const R: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(1));
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) R[i]![j] = R[j]![i] = pearson(cols[i]!, cols[j]!).r;
  // leave out, one at a time, the column with the most undefined correlations until none is left
  const keep = cols.map((_, i) => i);
  for (;;) {
    let worst = -1;
    let most = 0;
    for (const i of keep) {
      const bad = keep.filter((j) => !Number.isFinite(R[i]![j]!)).length;
      if (bad > most || (bad === most && bad > 0)) {
        most = bad;
        worst = i;
      }
    }
    if (worst < 0) break;
    keep.splice(keep.indexOf(worst), 1);
  }
  if (keep.length < 2) return undefined;
  const M = keep.map((i) => keep.map((j) => R[i]![j]!));
  const eig = eigenSymmetric(M);
  const l1 = eig.values[0]!;
  const v = keep.map((_, r) => eig.vectors[r]![0]!);
  // the trace of a correlation matrix is its size
  return { used: keep, eigenvalues: eig.values, share: l1 / keep.length, loadings: v, correlations: v.map((x) => x * Math.sqrt(Math.max(0, l1))) };
}
