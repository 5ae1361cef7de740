import { MethodError } from '../../errors.ts';
import { column, completeRows, count, meanOf } from './common.ts';

/**
 * A small linear-algebra module for the weighting methods: Pearson correlation, the correlation
 * matrix, the symmetric eigen-decomposition (Jacobi) and the varimax rotation.
 */

/** Pearson correlation; NaN when either vector is constant. */
export function pearson(a: number[], b: number[]): number {
  const ma = meanOf(a);
  const mb = meanOf(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (!(saa > 0) || !(sbb > 0)) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Pearson correlation matrix of the columns of X (rows with any NaN dropped). A constant column
 * has 1 on the diagonal and NaN elsewhere in its row and column.
 * Reference: OECD/JRC Handbook (2008), §4.2 (multivariate analysis).
 * @throws MethodError for fewer than 2 complete rows
 * @example correlationMatrix([[1, 2], [2, 4], [3, 7]]) // => [[1, 0.9934…], [0.9934…, 1]]
 */
export function correlationMatrix(X: number[][]): number[][] {
  const rows = completeRows(X, 'correlation matrix');
  const m = rows[0]!.length;
  const cols = Array.from({ length: m }, (_, j) => column(rows, j));
  const R: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(NaN));
  for (let j = 0; j < m; j++) {
    R[j]![j] = 1;
    for (let k = j + 1; k < m; k++) {
      const r = pearson(cols[j]!, cols[k]!);
      R[j]![k] = r;
      R[k]![j] = r;
    }
  }
  return R;
}

/** Eigen-decomposition of a symmetric matrix. */
export interface EigenResult {
  /** Eigenvalues in descending order. */
  values: number[];
  /** Eigenvectors as columns: `vectors[i][k]` is component i of the eigenvector of `values[k]`. */
  vectors: number[][];
}

/**
 * Eigenvalues and unit eigenvectors of a real symmetric matrix by the cyclic Jacobi rotation
 * method (converged to off-diagonal norm ≤ 1e-15 of the Frobenius norm). Eigenvalues are sorted
 * descending; each eigenvector's sign is chosen so that its component sum is positive (or, if
 * that sum is ~0, its largest-magnitude component is positive).
 * Reference: Golub & Van Loan, Matrix Computations (4th ed., 2013), §8.5 (Jacobi methods).
 * @throws MethodError for a non-square, non-finite or non-symmetric matrix
 * @example eigenSymmetric([[2, 1], [1, 2]]).values // => [3, 1]
 */
export function eigenSymmetric(M: number[][]): EigenResult {
  if (!Array.isArray(M) || M.length === 0) throw new MethodError('eigen-decomposition: the matrix is empty');
  const n = M.length;
  let frob = 0;
  for (let i = 0; i < n; i++) {
    const row = M[i];
    if (!Array.isArray(row) || row.length !== n) throw new MethodError(`eigen-decomposition: row ${i + 1} has ${count(Array.isArray(row) ? row.length : 0, 'entry', 'entries')}; the matrix must be ${n}×${n}`);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(row[j]!)) throw new MethodError(`eigen-decomposition: entry [${i + 1}][${j + 1}] is ${row[j]}; every entry must be finite`);
      frob += row[j]! * row[j]!;
    }
  }
  frob = Math.sqrt(frob);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(M[i]![j]! - M[j]![i]!) > 1e-9 * Math.max(1, frob)) throw new MethodError(`eigen-decomposition: the matrix is not symmetric at [${i + 1}][${j + 1}] (${M[i]![j]} vs ${M[j]![i]})`);
    }
  }
  const a = M.map((r) => r.slice());
  const V: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! * a[p]![q]!;
    if (Math.sqrt(off) <= 1e-15 * Math.max(frob, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => a[y]![y]! - a[x]![x]!);
  const values = order.map((k) => a[k]![k]!);
  const vectors: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  order.forEach((k, col) => {
    let sum = 0;
    let big = 0;
    for (let i = 0; i < n; i++) {
      sum += V[i]![k]!;
      if (Math.abs(V[i]![k]!) > Math.abs(big)) big = V[i]![k]!;
    }
    const sign = Math.abs(sum) > 1e-9 ? Math.sign(sum) : big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i]![col] = sign * V[i]![k]!;
  });
  return { values, vectors };
}

/**
 * Varimax rotation (with Kaiser row normalisation) of a loading matrix L (indicators × factors):
 * the orthogonal rotation maximising Σ_f Var_j(l_jf² / h_j²), by Kaiser's successive pairwise
 * planar rotations (angle tan 4φ = (D − 2AB/m)/(C − (A² − B²)/m)) until no angle exceeds 1e-12.
 * Communalities h_j² = Σ_f l_jf² are unchanged.
 * Reference: Kaiser (1958) Psychometrika 23, 187–200; Harman, Modern Factor Analysis (1976), §14.
 * @example varimax([[1, 0], [0, 1]]) // => [[1, 0], [0, 1]]
 */
export function varimax(L: number[][]): number[][] {
  const m = L.length;
  const k = L[0]?.length ?? 0;
  if (m === 0 || k < 2) return L.map((r) => r.slice());
  const h = L.map((r) => Math.sqrt(r.reduce((s, x) => s + x * x, 0)));
  const Z = L.map((r, j) => r.map((x) => (h[j]! > 0 ? x / h[j]! : x)));
  for (let sweep = 0; sweep < 1000; sweep++) {
    let maxAngle = 0;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        let A = 0;
        let B = 0;
        let C = 0;
        let D = 0;
        for (let j = 0; j < m; j++) {
          const x = Z[j]![p]!;
          const y = Z[j]![q]!;
          const u = x * x - y * y;
          const v = 2 * x * y;
          A += u;
          B += v;
          C += u * u - v * v;
          D += 2 * u * v;
        }
        const phi = Math.atan2(D - (2 * A * B) / m, C - (A * A - B * B) / m) / 4;
        if (Math.abs(phi) < 1e-12) continue;
        maxAngle = Math.max(maxAngle, Math.abs(phi));
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        for (let j = 0; j < m; j++) {
          const x = Z[j]![p]!;
          const y = Z[j]![q]!;
          Z[j]![p] = c * x + s * y;
          Z[j]![q] = -s * x + c * y;
        }
      }
    }
    if (maxAngle < 1e-12) break;
  }
  return Z.map((r, j) => r.map((x) => (h[j]! > 0 ? x * h[j]! : x)));
}
