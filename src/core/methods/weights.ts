import { MethodError } from '../errors.ts';

/**
 * Weighting methods. Data-driven methods take a matrix `X` with rows = units (observations) and
 * columns = indicators, already normalised with directions applied; NaN (or any non-finite value)
 * marks a missing value. **Rows with any missing value are dropped** before the weights are
 * computed (complete-case analysis). Every method returns weights that sum to 1 unless noted.
 */

/** Options shared by the data-driven weighting methods. */
export interface DataWeightOptions {
  /** Indicator codes aligned with the columns, used in error messages (default `column 1`, …). */
  labels?: string[];
}

// ---------------------------------------------------------------------------------------------
// helpers (internal)

function colLabel(labels: string[] | undefined, j: number): string {
  return labels?.[j] ?? `column ${j + 1}`;
}

function count(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}

function normaliseSum(v: number[]): number[] {
  let s = 0;
  for (const x of v) s += x;
  return v.map((x) => x / s);
}

/** Checks that X is a non-empty rectangular matrix and returns its complete rows. */
function completeRows(X: number[][], method: string, minRows = 2): number[][] {
  if (!Array.isArray(X) || X.length === 0 || !Array.isArray(X[0])) {
    throw new MethodError(`${method}: the data matrix is empty; pass rows = units, columns = indicators`);
  }
  const m = X[0].length;
  if (m < 1) throw new MethodError(`${method}: the data matrix has no columns; pass one column per indicator`);
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (!Array.isArray(row) || row.length !== m) {
      throw new MethodError(`${method}: row ${i + 1} has ${Array.isArray(row) ? row.length : 0} values but row 1 has ${m}; every row needs one value per indicator`);
    }
  }
  const rows = X.filter((r) => r.every((v) => Number.isFinite(v)));
  if (rows.length < minRows) {
    throw new MethodError(
      `${method}: needs at least ${minRows} units with every indicator present, got ${rows.length} of ${X.length} (rows with a missing value are dropped); impute the gaps or drop the sparse indicator`,
    );
  }
  return rows;
}

function column(rows: number[][], j: number): number[] {
  return rows.map((r) => r[j]!);
}

function meanOf(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

/** Sample standard deviation (n − 1). */
function sdOf(a: number[]): number {
  const m = meanOf(a);
  let s = 0;
  for (const v of a) s += (v - m) * (v - m);
  return Math.sqrt(s / (a.length - 1));
}

/** Pearson correlation; NaN when either vector is constant. */
function pearson(a: number[], b: number[]): number {
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

/** Whether a column is constant (zero spread), relative to its magnitude. */
function isConstant(col: number[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of col) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return !(hi - lo > 1e-12 * Math.max(1, Math.abs(hi), Math.abs(lo)));
}

// ---------------------------------------------------------------------------------------------
// simple schemes

/**
 * Equal weights: wᵢ = 1/n.
 * Reference: OECD/JRC Handbook on Constructing Composite Indicators (2008), §6.1.
 * @throws MethodError unless n is a positive integer
 * @example equalWeights(4) // => [0.25, 0.25, 0.25, 0.25]
 */
export function equalWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new MethodError(`equal weights: the number of items must be a positive integer, got ${n}`);
  return new Array<number>(n).fill(1 / n);
}

/**
 * Child-count (proportional) weights: wᵢ = cᵢ / Σc, e.g. a pillar weighted by its number of
 * indicators so that every indicator counts equally in the index.
 * Reference: OECD/JRC Handbook (2008), §6.1 (equal weighting at the indicator level).
 * @throws MethodError for a negative or non-finite count, or counts summing to zero
 * @example childCountWeights([3, 1]) // => [0.75, 0.25]
 */
export function childCountWeights(counts: number[]): number[] {
  if (!Array.isArray(counts) || counts.length === 0) throw new MethodError('child-count weights: pass at least one count');
  counts.forEach((c, i) => {
    if (!Number.isFinite(c) || c < 0) throw new MethodError(`child-count weights: count ${i + 1} is ${c}; counts must be finite and ≥ 0`);
  });
  const s = counts.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new MethodError('child-count weights: the counts sum to zero; at least one item needs a positive count');
  return counts.map((c) => c / s);
}

// ---------------------------------------------------------------------------------------------
// data-driven schemes

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

// ---------------------------------------------------------------------------------------------
// AHP

/** Saaty's random consistency index RI for n = 1…15. */
const SAATY_RI = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** Options for {@link ahpWeights}. */
export interface AhpOptions {
  /** What the matrix compares (a node code), for messages. */
  name?: string;
  /** Item names aligned with the rows, for messages (default `1`, `2`, …). */
  labels?: string[];
  /** Throw when CR ≥ `maxCR` (via {@link assertConsistent}); default false. */
  refuseInconsistent?: boolean;
  /** Consistency threshold (default 0.10, Saaty's rule). */
  maxCR?: number;
}

/** Result of {@link ahpWeights}. */
export interface AhpResult {
  /** Principal eigenvector scaled to sum 1. */
  weights: number[];
  /** Principal eigenvalue λmax (≥ n; = n for a consistent matrix). */
  lambdaMax: number;
  /** Consistency index CI = (λmax − n)/(n − 1) (0 for n = 1). */
  ci: number;
  /** Consistency ratio CR = CI/RI (0 for n ≤ 2, where RI = 0). */
  cr: number;
  /** Saaty's random index used. */
  ri: number;
  /**
   * The pair (0-based indices) whose judgement a_ij deviates most from what the other
   * comparisons imply, (Π_k a_ik·a_kj)^(1/n) = g_i/g_j with g the row geometric means;
   * undefined for n < 3.
   */
  mostInconsistent?: { i: number; j: number; judged: number; implied: number };
  name?: string;
  labels?: string[];
}

/**
 * Analytic Hierarchy Process weights: the principal right eigenvector of a positive reciprocal
 * pairwise-comparison matrix A (a_ij = how much more important i is than j, a_ji = 1/a_ij),
 * found by power iteration to 1e-12, with λmax, CI = (λmax − n)/(n − 1) and CR = CI/RI using
 * Saaty's random index RI (n = 1…15: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
 * 1.51, 1.48, 1.56, 1.57, 1.59). CR < 0.10 is acceptable.
 * Reference: Saaty (1980) The Analytic Hierarchy Process, McGraw-Hill; Saaty (1990) EJOR 48, 9–26.
 * @throws MethodError for a non-square, non-positive or non-reciprocal matrix, n > 15, or (with
 *   `refuseInconsistent`) CR ≥ maxCR
 * @example ahpWeights([[1, 3], [1/3, 1]]).weights // => [0.75, 0.25]
 */
export function ahpWeights(A: number[][], options: AhpOptions = {}): AhpResult {
  const what = options.name ? `AHP matrix for ${options.name}` : 'AHP matrix';
  const lab = (i: number): string => options.labels?.[i] ?? String(i + 1);
  if (!Array.isArray(A) || A.length === 0) throw new MethodError(`${what}: the matrix is empty`);
  const n = A.length;
  if (n > SAATY_RI.length) throw new MethodError(`${what}: ${n} items, but Saaty's random index is tabulated for at most ${SAATY_RI.length}; split the comparison into smaller groups`);
  for (let i = 0; i < n; i++) {
    const row = A[i];
    if (!Array.isArray(row) || row.length !== n) throw new MethodError(`${what}: row ${lab(i)} has ${count(Array.isArray(row) ? row.length : 0, 'entry', 'entries')}; the matrix must be ${n}×${n}`);
    for (let j = 0; j < n; j++) {
      const a = row[j]!;
      if (!Number.isFinite(a) || !(a > 0)) throw new MethodError(`${what}: a[${lab(i)}][${lab(j)}] = ${a}; every comparison must be a positive number (Saaty scale 1/9 … 9)`);
    }
  }
  for (let i = 0; i < n; i++) {
    if (Math.abs(A[i]![i]! - 1) > 1e-6) throw new MethodError(`${what}: diagonal a[${lab(i)}][${lab(i)}] = ${A[i]![i]}; an item compared with itself must be 1`);
    for (let j = i + 1; j < n; j++) {
      const aij = A[i]![j]!;
      const aji = A[j]![i]!;
      // relative tolerance: a fraction written to 3 decimals (0.333 for 1/3) is accepted
      if (Math.abs(aij * aji - 1) > 5e-3) {
        throw new MethodError(
          `${what}: not reciprocal: a[${lab(j)}][${lab(i)}] = ${aji} but 1/a[${lab(i)}][${lab(j)}] = ${1 / aij}; set a_ji = 1/a_ij (to at least 3 decimals, e.g. 0.333 for 1/3)`,
        );
      }
    }
  }
  // power iteration
  let v = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < 100000; it++) {
    const u = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u[i]! += A[i]![j]! * v[j]!;
    const s = u.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) u[i] = u[i]! / s;
    let delta = 0;
    for (let i = 0; i < n; i++) delta = Math.max(delta, Math.abs(u[i]! - v[i]!));
    v = u;
    if (delta < 1e-12) break;
  }
  let lambdaMax = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lambdaMax += A[i]![j]! * v[j]!;
  const ci = n > 1 ? Math.max(0, (lambdaMax - n) / (n - 1)) : 0;
  const ri = SAATY_RI[n - 1]!;
  const cr = ri > 0 ? ci / ri : 0;
  const result: AhpResult = { weights: v, lambdaMax, ci, cr, ri };
  if (n >= 3) {
    const lg = A.map((row) => row.reduce((s, a) => s + Math.log(a), 0) / n);
    let best = { i: 0, j: 1, dev: -1 };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dev = Math.abs(Math.log(A[i]![j]!) - (lg[i]! - lg[j]!));
        if (dev > best.dev + 1e-12) best = { i, j, dev };
      }
    }
    result.mostInconsistent = { i: best.i, j: best.j, judged: A[best.i]![best.j]!, implied: Math.exp(lg[best.i]! - lg[best.j]!) };
  }
  if (options.name !== undefined) result.name = options.name;
  if (options.labels !== undefined) result.labels = options.labels;
  if (options.refuseInconsistent) assertConsistent(result, options.maxCR === undefined ? {} : { maxCR: options.maxCR });
  return result;
}

function fmtRatio(x: number): string {
  if (x >= 1) return String(Math.round(x * 100) / 100);
  const inv = 1 / x;
  return `1/${Math.round(inv * 100) / 100}`;
}

/**
 * Refuses an inconsistent AHP result: throws when CR ≥ maxCR (default 0.10, Saaty's rule),
 * naming the pair of items whose judgement deviates most from the a_ik·a_kj products.
 * Reference: Saaty (1980), §1.4 (consistency); Saaty (1990) EJOR 48, 9–26.
 * @throws MethodError `AHP matrix for <name> is inconsistent: CR = 0.134 ≥ 0.10; revise …`
 * @example assertConsistent(ahpWeights([[1, 2], [0.5, 1]])) // => returns the result unchanged (CR = 0)
 */
export function assertConsistent(result: AhpResult, options: { name?: string; labels?: string[]; maxCR?: number } = {}): AhpResult {
  const maxCR = options.maxCR ?? 0.1;
  if (result.cr < maxCR) return result;
  const name = options.name ?? result.name ?? 'the comparison matrix';
  const labels = options.labels ?? result.labels;
  const lab = (i: number): string => labels?.[i] ?? String(i + 1);
  const mi = result.mostInconsistent;
  const where = mi
    ? `largest inconsistency between items ${lab(mi.i)} and ${lab(mi.j)}: judged ${fmtRatio(mi.judged)}, the other comparisons imply about ${fmtRatio(mi.implied)}`
    : 'check the judgements';
  throw new MethodError(`AHP matrix for ${name} is inconsistent: CR = ${result.cr.toFixed(3)} ≥ ${maxCR.toFixed(2)}; revise the comparisons (${where})`);
}

// ---------------------------------------------------------------------------------------------
// correlation, eigen-decomposition, PCA

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

/** Options for {@link pcaWeights}. */
export interface PcaOptions extends DataWeightOptions {
  /** Rotation of the retained loadings (default `varimax`, as the Handbook). */
  rotation?: 'varimax' | 'none';
  /** Retain components with eigenvalue > this (default 1, Kaiser's rule). */
  minEigenvalue?: number;
  /**
   * Which components to keep: `kaiser` (default): eigenvalue > minEigenvalue; `handbook`: the
   * OECD/JRC Handbook's three criteria — keep a component whose eigenvalue exceeds 1 or that
   * explains more than 10% of the variance, and go on until more than 60% is explained
   * (the Handbook's TAI example keeps eigenvalues 3.3, 1.7, 1.0 and 0.9).
   */
  retain?: 'kaiser' | 'handbook';
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

// ---------------------------------------------------------------------------------------------
// optimised weights

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
 * @example optimiseWeights([[1, 2], [2, 1], [3, 4], [4, 3], [5, 10]]).weights // => [0.691, 0.309] (∝ 1/σ)
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

// ---------------------------------------------------------------------------------------------
// registry

/** Registry entry of a weighting method. */
export interface WeighterDef {
  describe: { zh: string; en: string };
  formula: string;
  reference: string;
  /** What the method takes: a count, child counts, the data matrix, or a pairwise matrix. */
  input: 'count' | 'counts' | 'data' | 'pairwise';
}

/**
 * Weighting methods by name. The set is closed: {@link resolveWeighter} is the one place names
 * are resolved; {@link weightsFromData} dispatches the data-driven ones.
 */
export const WEIGHTERS = {
  /** Equal weights 1/n. @example equalWeights(2) // => [0.5, 0.5] */
  equal: {
    describe: { zh: '等权：每个子项权重相同', en: 'Equal weights for every child' },
    formula: 'wᵢ = 1/n',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'count',
  },
  /** Weights proportional to child counts. @example childCountWeights([3, 1]) // => [0.75, 0.25] */
  'child-count': {
    describe: { zh: '按下级指标个数成比例赋权', en: 'Proportional to the number of children (indicators) below' },
    formula: 'wᵢ = cᵢ / Σc',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'counts',
  },
  /** 熵权法. @example entropyWeights([[0, 1], [1, 1], [2, 2]]) // => [0.8870…, 0.1130…] */
  entropy: {
    describe: { zh: '熵权法：信息熵越小（差异越大）权重越大', en: 'Entropy weights: more dispersion (lower entropy), more weight' },
    formula: 'p = x/Σx, e = −Σ p ln p / ln n, w ∝ 1 − e',
    reference: '郭亚军《综合评价理论、方法及应用》(2007); Shannon (1948)',
    input: 'data',
  },
  /** CRITIC. @example criticWeights([[0, 0], [1, 2], [2, 1]]) // => [0.5, 0.5] */
  critic: {
    describe: { zh: 'CRITIC 法：对比强度（标准差）× 冲突性（1 − 相关系数）', en: 'CRITIC: contrast (standard deviation) × conflict (1 − correlation)' },
    formula: 'C_j = σ_j Σ_k (1 − r_jk), w ∝ C',
    reference: 'Diakoulaki, Mavrotas & Papayannakis (1995)',
    input: 'data',
  },
  /** Coefficient of variation. @example cvWeights([[1, 10], [3, 30]]) // => [0.5, 0.5] */
  cv: {
    describe: { zh: '变异系数法：标准差/均值越大权重越大', en: 'Coefficient of variation: larger σ/|μ|, more weight' },
    formula: 'w ∝ σ_j / |μ_j|',
    reference: 'OECD/JRC Handbook (2008) §6',
    input: 'data',
  },
  /** AHP. @example ahpWeights([[1, 3], [1/3, 1]]).weights // => [0.75, 0.25] */
  ahp: {
    describe: { zh: '层次分析法（AHP）：两两比较判断矩阵的主特征向量，CR < 0.1', en: 'AHP: principal eigenvector of a pairwise comparison matrix, CR < 0.1' },
    formula: 'A w = λmax w, CR = (λmax − n)/((n − 1)·RI)',
    reference: 'Saaty (1980); Saaty (1990) EJOR 48, 9–26',
    input: 'pairwise',
  },
  /** PCA. @example pcaWeights([[1, 2], [2, 3], [3, 5], [4, 4]]).weights // => [0.5, 0.5] */
  pca: {
    describe: { zh: '主成分分析（PCA）赋权：旋转后载荷平方按方差贡献加权', en: 'PCA weights: squared (varimax-rotated) loadings weighted by explained variance' },
    formula: 'w_j ∝ (EV_f/ΣEV)·l_jf² / EV_f, f = component with the largest scaled loading',
    reference: 'OECD/JRC Handbook (2008) §6.1',
    input: 'data',
  },
  /** Optimised. @example optimiseWeights(X).weights // equal correlation shares */
  optimise: {
    describe: { zh: '优化赋权：使各指标与综合指数的相关系数达到目标比例', en: 'Optimised weights: indicator–index correlations match target shares' },
    formula: 'min Σ (r_j/Σr − t_j)²',
    reference: 'Becker et al. (2017); COINr get_opt_weights()',
    input: 'data',
  },
} satisfies Record<string, WeighterDef>;

/** The weighting method names. */
export type WeightMethod = keyof typeof WEIGHTERS;

/**
 * Resolves a weighting method name.
 * @throws MethodError listing the valid names
 * @example resolveWeighter('entropy').input // => 'data'
 */
export function resolveWeighter(method: string): WeighterDef {
  const def = (WEIGHTERS as Record<string, WeighterDef>)[method];
  if (!def) throw new MethodError(`Unknown weighting method "${method}" (valid: ${Object.keys(WEIGHTERS).join(', ')})`);
  return def;
}

/**
 * Weights from a data matrix by a data-driven method name (entropy, critic, cv, pca, optimise),
 * with that method's defaults. Rows with any NaN are dropped.
 * @throws MethodError for an unknown name or a method that does not take data (equal, child-count, ahp)
 * @example weightsFromData('cv', [[1, 10], [3, 30]]) // => [0.5, 0.5]
 */
export function weightsFromData(method: string, X: number[][], options: DataWeightOptions & EntropyOptions & PcaOptions = {}): number[] {
  const def = resolveWeighter(method);
  if (def.input !== 'data') {
    const data = Object.entries(WEIGHTERS).filter(([, d]) => d.input === 'data').map(([k]) => k);
    throw new MethodError(`Weighting method "${method}" does not derive weights from data (data-driven: ${data.join(', ')}); call its own function`);
  }
  switch (method as WeightMethod) {
    case 'entropy':
      return entropyWeights(X, options);
    case 'critic':
      return criticWeights(X, options);
    case 'cv':
      return cvWeights(X, options);
    case 'pca':
      return pcaWeights(X, options).weights;
    default:
      return optimiseWeights(X, options).weights;
  }
}
