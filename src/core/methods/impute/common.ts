import { MethodError } from '../../errors.ts';

/**
 * One indicator's values laid out years × units: `values[t][u]`, NaN = missing. Rows may be
 * arrays or typed arrays; every row has one value per unit.
 */
export type YearUnitValues = ReadonlyArray<ArrayLike<number>>;

/** Imputed values (a copy: the input is never changed) and the cells that were filled, `[t, u]`. */
export interface ImputeResult {
  values: number[][];
  imputed: [number, number][];
  /** carry-forward only: the row each imputed cell was taken from, aligned with `imputed`. */
  from?: number[];
}

/** Copies `values` to number[][] (non-finite → NaN) after checking every row has the same length. */
export function copyRows(values: YearUnitValues, what = 'year'): { out: number[][]; T: number; U: number } {
  const T = values.length;
  const U = T ? values[0]!.length : 0;
  const out: number[][] = [];
  for (let t = 0; t < T; t++) {
    const row = values[t]!;
    if (row.length !== U) throw new MethodError(`Imputation: ${what} ${t} has ${row.length} values but ${what} 0 has ${U}; every ${what} needs one value per ${what === 'year' ? 'unit' : 'indicator'}`);
    out.push(Array.from(row, (v) => (Number.isFinite(v) ? v : NaN)));
  }
  return { out, T, U };
}

/** Years of the rows: the given ones (checked: one per row, increasing) or 0, 1, 2, … */
export function yearsOf(T: number, years: readonly number[] | undefined): readonly number[] {
  if (!years) return Array.from({ length: T }, (_, t) => t);
  if (years.length !== T) throw new MethodError(`Imputation: ${years.length} years given for ${T} rows of values; give one year per row`);
  for (let t = 1; t < T; t++) {
    if (!(years[t]! > years[t - 1]!)) throw new MethodError(`Imputation: years must be increasing, but ${years[t]} follows ${years[t - 1]}`);
  }
  return years;
}

/** Sorts cells by first, then second index. */
export function sortCells(cells: [number, number][]): [number, number][] {
  return cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

