import { MethodError } from '../../errors.ts';
import { colLabel, column, completeRows, isConstant, normaliseSum, type DataWeightOptions } from './common.ts';
import { correlationMatrix, eigenSymmetric, varimax } from './linalg.ts';

/** Rotations of the retained PCA loadings (see {@link PcaOptions.rotation}). */
export const PCA_ROTATIONS = ['varimax', 'none'] as const;
/** Component retention rules of PCA weights (see {@link PcaOptions.retain}). */
export const PCA_RETENTION = ['kaiser', 'handbook'] as const;

/** Options for {@link pcaWeights}. */
export interface PcaOptions extends DataWeightOptions {
  /** Rotation of the retained loadings (default `varimax`, as the Handbook). */
  rotation?: (typeof PCA_ROTATIONS)[number];
  /** Retain components with eigenvalue > this (default 1, Kaiser's rule). */
  minEigenvalue?: number;
  /**
   * Which components to keep: `kaiser` (default): eigenvalue > minEigenvalue; `handbook`: the
   * OECD/JRC Handbook's three criteria — keep a component whose eigenvalue exceeds 1 or that
   * explains more than 10% of the variance, and go on until more than 60% is explained
   * (the Handbook's TAI example keeps eigenvalues 3.3, 1.7, 1.0 and 0.9).
   */
  retain?: (typeof PCA_RETENTION)[number];
}

/** Result of {@link pcaWeights}. */
export interface PcaResult {
  /** Indicator weights, summing to 1. */
  weights: number[];
  /** All eigenvalues of the correlation matrix, descending. */
  eigenvalues: number[];
  /** Number of retained components. */
  retained: number;
  /** Loadings (indicators × retained components), rotated unless `rotation: 'none'`. */
  loadings: number[][];
  /** Variance explained by each retained (rotated) component: Σ_j l_jf². */
  explained: number[];
  /** The component each indicator is assigned to (0-based). */
  factorOf: number[];
}

/**
 * PCA weights following the OECD/JRC Handbook (2008) §6.1 (“Weights based on principal
 * components analysis or factor analysis”), steps: (1) correlation matrix of the indicators
 * (complete rows only); (2) eigen-decomposition; retain the components with eigenvalue > 1
 * (Kaiser; at least one is kept); (3) loadings l_jf = v_jf·√λ_f, varimax-rotated (option
 * `rotation: 'none'` keeps them unrotated); (4) squared loadings scaled to unity sum within each
 * component, s_jf = l_jf² / EV_f with EV_f = Σ_j l_jf²; each indicator is assigned to the component
 * f(j) with its largest s_jf; (5) each component (intermediate composite) is weighted by its share
 * of explained variance EV_f / Σ EV, so the indicator weight is (EV_f/ΣEV)·s_jf = l_jf(j)² / ΣEV,
 * (6) rescaled to sum 1. Rows with any NaN are dropped.
 * Reference: OECD/JRC Handbook on Constructing Composite Indicators (2008), §6.1, Tables 16–18;
 * Nicoletti, Scarpetta & Boylaud (2000), OECD ECO WP 226.
 * @throws MethodError for fewer than 3 complete rows or a constant indicator
 * @example pcaWeights([[1, 2], [2, 3], [3, 5], [4, 4]]).weights // => [0.5, 0.5]
 */
export function pcaWeights(X: number[][], options: PcaOptions = {}): PcaResult {
  const rows = completeRows(X, 'PCA weights', 3);
  const m = rows[0]!.length;
  for (let j = 0; j < m; j++) {
    if (isConstant(column(rows, j))) throw new MethodError(`PCA weights: ${colLabel(options.labels, j)} is constant across units, so its correlations are undefined; drop it or give it a fixed weight`);
  }
  const R = correlationMatrix(rows);
  const { values, vectors } = eigenSymmetric(R);
  const cut = options.minEigenvalue ?? 1;
  let retained = 0;
  if ((options.retain ?? 'kaiser') === 'handbook') {
    let cum = 0;
    for (const v of values) {
      if (!(v > 1 || v / m > 0.1 || cum <= 0.6)) break;
      retained++;
      cum += v / m;
    }
  } else retained = values.filter((v) => v > cut).length;
  if (retained === 0) retained = 1;
  let L: number[][] = vectors.map((row) => row.slice(0, retained).map((v, f) => v * Math.sqrt(Math.max(0, values[f]!))));
  if ((options.rotation ?? 'varimax') === 'varimax' && retained > 1) L = varimax(L);
  const explained = new Array<number>(retained).fill(0);
  for (let j = 0; j < m; j++) for (let f = 0; f < retained; f++) explained[f]! += L[j]![f]! * L[j]![f]!;
  const totalEV = explained.reduce((a, b) => a + b, 0);
  const factorOf: number[] = [];
  const raw: number[] = [];
  for (let j = 0; j < m; j++) {
    let best = 0;
    let bestS = -1;
    for (let f = 0; f < retained; f++) {
      const s = explained[f]! > 0 ? (L[j]![f]! * L[j]![f]!) / explained[f]! : 0;
      if (s > bestS + 1e-12) {
        bestS = s;
        best = f;
      }
    }
    factorOf.push(best);
    raw.push((explained[best]! / totalEV) * bestS);
  }
  return { weights: normaliseSum(raw), eigenvalues: values, retained, loadings: L, explained, factorOf };
}
