import { DIRECT } from './arena.ts';
import type { Compiled } from './compiled.ts';
import type { RowFilled } from './row-impute-stage.ts';

/** Cells filled by one imputation step: table indices, and for carry-forward the source rows. */
export interface StepCells {
  step: number;
  cells: number[];
  from?: number[];
}

/** What the imputation stage gives for one indicator. */
export interface Imputed {
  /** Values after imputation, table years × units. */
  table: Float64Array;
  /** The editions' rows of `table` (a view). */
  values: Float64Array;
  /**
   * How each table cell was filled: 0 not imputed, r + 1 carried forward from row r, −(s + 1)
   * imputed by step s. Absent when nothing was imputed.
   */
  source?: Int32Array;
  /** Filled cells per step, in step order (steps that filled nothing are left out). */
  notes: StepCells[];
  /** Edition-major indices of the cells still missing. */
  missing: number[];
}

/**
 * The imputation stage for one indicator: the recipe's steps in order over its years × units
 * table, each filling what is still missing; then the editions' rows are read off and the cells
 * still missing listed. Flags (`carried-forward:<year>`, `imputed:<method>`, `missing`) are made
 * from this record when a result's flags are read.
 */
export function imputeLeaf(c: Compiled, derived: Float64Array, arena = DIRECT, rowFilled?: RowFilled): Imputed {
  const { years, units, dataYears, editionRow } = c;
  const U = units.length;
  const T = years.length;
  const E = dataYears.length;
  const table = arena.copy(derived);
  let source: Int32Array | undefined;
  const notes: StepCells[] = [];
  let rows: Float64Array[] | undefined;
  // row imputation (missing.byRow) first: its step number is the one after the recipe's steps
  if (rowFilled?.cells.length) {
    const s = c.steps.length;
    source = arena.i32(T * U);
    rowFilled.cells.forEach((k, i) => {
      table[k] = rowFilled.values[i]!;
      source![k] = -(s + 1);
    });
    notes.push({ step: s, cells: rowFilled.cells });
  }
  c.steps.forEach((step, s) => {
    const ctx = { years, ...(c.groupOf ? { groupOf: c.groupOf } : {}) };
    let cells: number[];
    let from: number[] | undefined;
    if (step.def.inPlace) {
      const r = step.def.inPlace(table, U, step.params, ctx);
      cells = r.cells;
      from = r.from;
    } else {
      rows ??= Array.from({ length: T }, (_, t) => table.subarray(t * U, (t + 1) * U));
      const r = step.def.fn(rows, step.params, ctx);
      cells = r.imputed.map(([t, u]) => t * U + u);
      cells.forEach((k) => (table[k] = r.values[Math.floor(k / U)]![k % U]!));
      from = r.from;
    }
    if (!cells.length) return;
    source ??= arena.i32(T * U);
    for (let i = 0; i < cells.length; i++) source[cells[i]!] = from ? from[i]! + 1 : -(s + 1);
    notes.push({ step: s, cells, ...(from ? { from } : {}) });
  });
  // the editions' data years are consecutive rows of the table (both run year by year)
  const first = editionRow[0]!;
  const values = table.subarray(first * U, (first + E) * U);
  const missing: number[] = [];
  for (let k = 0; k < E * U; k++) if (!Number.isFinite(values[k]!)) missing.push(k);
  return { table, values, ...(source ? { source } : {}), notes, missing };
}

/** A filled cell as the warnings list it: `unit year` or `unit year←source year`. */
export function describeFilled(c: Compiled, k: number, from?: number): string {
  const U = c.units.length;
  const t = Math.floor(k / U);
  const where = `${c.units[k - t * U]} ${c.years[t]}`;
  return from === undefined ? where : `${where}←${c.years[from]}`;
}

/**
 * The flags of an indicator's edition cells: why a value is imputed (`carried-forward:2023`,
 * `imputed:<method>`) or `missing`, with `;winsorised` / `;log-transformed` where outlier
 * treatment changed it (`marks`: 1 winsorised, 2 log-transformed).
 */
export function flagsOf(c: Compiled, imp: Pick<Imputed, 'source' | 'missing' | 'values'>, marks?: Uint8Array): (string | undefined)[] {
  const U = c.units.length;
  const N = c.editions.length * U;
  const flags = new Array<string | undefined>(N).fill(undefined);
  if (imp.source) {
    const offset = c.editionRow[0]! * U;
    const names = new Map<number, string>();
    for (let k = 0; k < N; k++) {
      const s = imp.source[offset + k]!;
      if (!s) continue;
      let f = names.get(s);
      if (f === undefined) names.set(s, (f = s > 0 ? `carried-forward:${c.years[s - 1]}` : `imputed:${stepMethod(c, -s - 1)}`));
      flags[k] = f;
    }
  }
  for (const k of imp.missing) flags[k] = 'missing';
  if (marks) {
    for (let k = 0; k < N; k++) {
      if (!marks[k]) continue;
      const what = marks[k] === 1 ? 'winsorised' : 'log-transformed';
      flags[k] = flags[k] ? `${flags[k]};${what}` : what;
    }
  }
  return flags;
}

/** The name of imputation step `s` of a plan: a recipe step, or after them the row imputation (`row-mean`, `row-median`). */
export function stepMethod(c: Compiled, s: number): string {
  return s < c.steps.length ? c.steps[s]!.method : `row-${c.byRow?.method ?? 'mean'}`;
}
