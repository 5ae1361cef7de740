import { MethodError } from '../../errors.ts';
import { copyRows, sortCells, yearsOf, type ImputeResult, type YearUnitValues } from './common.ts';

/** Options of {@link carryForward} and {@link interpolate}. */
export interface TimeImputeOptions {
  /** Year of each row (default 0, 1, 2, …): gives the spacing for interpolation and `maxYears`. */
  years?: readonly number[];
  /** carryForward only: carry a value at most this many years (default: no limit). */
  maxYears?: number;
  /**
   * interpolate only: fill the years before a unit's first and after its last observation with
   * that nearest observed value (COINr's behaviour, R `approx(rule = 2)`); default false.
   */
  extendEnds?: boolean;
}

/**
 * Carry forward: a missing value takes the same unit's value in the latest earlier year that has
 * one (last observation carried forward), at most `maxYears` years back. Values before a unit's
 * first observation stay missing. COINr `impute_panel(imp_type = "latest")`; OECD/JRC Handbook
 * (2008) §3 (single imputation).
 * @throws MethodError for ragged rows, or years not one per row and increasing
 * @example carryForward([[1, NaN], [NaN, 5]]).values // => [[1, NaN], [1, 5]]
 */
export function carryForward(values: YearUnitValues, options: TimeImputeOptions = {}): ImputeResult {
  const { out, T, U } = copyRows(values);
  const years = yearsOf(T, options.years);
  const flat = new Float64Array(T * U);
  for (let t = 0; t < T; t++) flat.set(out[t]!, t * U);
  const r = carryForwardInPlace(flat, U, { years, ...(options.maxYears !== undefined ? { maxYears: options.maxYears } : {}) });
  const imputed: [number, number][] = [];
  r.cells.forEach((k) => {
    const t = Math.floor(k / U);
    out[t]![k - t * U] = flat[k]!;
    imputed.push([t, k - t * U]);
  });
  return { values: out, imputed, from: r.from };
}

/**
 * {@link carryForward} on one indicator's flat years × units table (`table[t · U + u]`, NaN =
 * missing), filled in place: the engine's form, with no copies. Returns the filled cells
 * (flat indices, ascending) and the row each was taken from.
 * @throws MethodError for a negative maxYears
 * @example carryForwardInPlace(Float64Array.of(1, NaN, NaN, 5), 2).from // => [0]
 */
export function carryForwardInPlace(table: Float64Array, U: number, options: TimeImputeOptions = {}): { cells: number[]; from: number[] } {
  const T = U ? table.length / U : 0;
  const years = options.years ?? Array.from({ length: T }, (_, t) => t);
  const maxYears = options.maxYears ?? Infinity;
  if (!(maxYears >= 0)) throw new MethodError(`carryForward: maxYears must be ≥ 0, got ${maxYears}`);
  const last = new Array<number>(U).fill(-1);
  const cells: number[] = [];
  const from: number[] = [];
  for (let t = 0; t < T; t++) {
    for (let u = 0, k = t * U; u < U; u++, k++) {
      // rows below t are final and row t is read before it is written, so `table[k]` is the input
      if (Number.isFinite(table[k]!)) last[u] = t;
      else if (last[u]! >= 0 && years[t]! - years[last[u]!]! <= maxYears) {
        table[k] = table[last[u]! * U + u]!;
        cells.push(k);
        from.push(last[u]!);
      }
    }
  }
  return { cells, from };
}

/**
 * Linear interpolation in time: a missing value between two observed years t₀ < t < t₁ of the same
 * unit becomes x₀ + (x₁ − x₀)·(y − y₀)/(y₁ − y₀), y the years (row indices by default). Values
 * before the first or after the last observation stay missing (R `approx(rule = 1)`), unless
 * `extendEnds` fills them with the nearest observed value (R `approx(rule = 2)`, which COINr
 * `impute_panel(imp_type = "linear")` uses). OECD/JRC Handbook (2008) §3.
 * @throws MethodError for ragged rows, or years not one per row and increasing
 * @example interpolate([[1], [NaN], [5]]).values // => [[1], [3], [5]]
 */
export function interpolate(values: YearUnitValues, options: TimeImputeOptions = {}): ImputeResult {
  const { out, T, U } = copyRows(values);
  const years = yearsOf(T, options.years);
  const imputed: [number, number][] = [];
  for (let u = 0; u < U; u++) {
    let prev = -1;
    for (let t = 0; t < T; t++) {
      if (!Number.isFinite(values[t]![u]!)) continue;
      if (prev >= 0 && t - prev > 1) {
        const x0 = values[prev]![u]!;
        const x1 = values[t]![u]!;
        const y0 = years[prev]!;
        const y1 = years[t]!;
        for (let k = prev + 1; k < t; k++) {
          out[k]![u] = x0 + ((x1 - x0) * (years[k]! - y0)) / (y1 - y0);
          imputed.push([k, u]);
        }
      }
      prev = t;
    }
    if (options.extendEnds) {
      const obs: number[] = [];
      for (let t = 0; t < T; t++) if (Number.isFinite(values[t]![u]!)) obs.push(t);
      if (obs.length) {
        const first = obs[0]!;
        const last = obs[obs.length - 1]!;
        for (let t = 0; t < first; t++) {
          out[t]![u] = values[first]![u]!;
          imputed.push([t, u]);
        }
        for (let t = last + 1; t < T; t++) {
          out[t]![u] = values[last]![u]!;
          imputed.push([t, u]);
        }
      }
    }
  }
  return { values: out, imputed: sortCells(imputed) };
}

