import { MethodError } from '../../errors.ts';

/**
 * Shared pieces of the data-driven weighting methods (internal to `methods/weights/`, except
 * {@link DataWeightOptions}). Data-driven methods take a matrix `X` with rows = units
 * (observations) and columns = indicators, already normalised with directions applied; NaN (or
 * any non-finite value) marks a missing value. **Rows with any missing value are dropped** before
 * the weights are computed (complete-case analysis). Every method returns weights that sum to 1
 * unless noted.
 */

/** Options shared by the data-driven weighting methods. */
export interface DataWeightOptions {
  /** Indicator codes aligned with the columns, used in error messages (default `column 1`, …). */
  labels?: string[];
}

export function colLabel(labels: string[] | undefined, j: number): string {
  return labels?.[j] ?? `column ${j + 1}`;
}

export function count(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}

export function normaliseSum(v: number[]): number[] {
  let s = 0;
  for (const x of v) s += x;
  return v.map((x) => x / s);
}

/** Checks that X is a non-empty rectangular matrix and returns its complete rows. */
export function completeRows(X: number[][], method: string, minRows = 2): number[][] {
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

export function column(rows: number[][], j: number): number[] {
  return rows.map((r) => r[j]!);
}

export function meanOf(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

/** Sample standard deviation (n − 1). */
export function sdOf(a: number[]): number {
  const m = meanOf(a);
  let s = 0;
  for (const v of a) s += (v - m) * (v - m);
  return Math.sqrt(s / (a.length - 1));
}

/** Whether a column is constant (zero spread), relative to its magnitude. */
export function isConstant(col: number[]): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of col) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return !(hi - lo > 1e-12 * Math.max(1, Math.abs(hi), Math.abs(lo)));
}
