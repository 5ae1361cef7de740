import { MethodError } from '../../errors.ts';
import { count } from './common.ts';

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
 * @example assertConsistent(ahpWeights([[1, 2], [0.5, 1]])).weights // => [2/3, 1/3] (consistent: CR = 0, the result is returned unchanged)
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
