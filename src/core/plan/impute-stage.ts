import type { Compiled } from './compiled.ts';

/** What the imputation stage gives for one indicator. */
export interface Imputed {
  table: Float64Array;
  values: Float64Array;
  flags: (string | undefined)[];
  notes: [string, string[]][];
  missing: string[];
}

/**
 * The imputation stage for one indicator: the recipe's steps in order over its years × units
 * table, each filling what is still missing (flagged `carried-forward:<year>` or
 * `imputed:<method>`); then the editions' values are read off, and cells still missing flagged.
 */
export function imputeLeaf(c: Compiled, derived: Float64Array): Imputed {
  const { years, units, dataYears, editionRow } = c;
  // editionRow[e] = editionRow[0] + e: data years and table years are both consecutive
  const U = units.length;
  const T = years.length;
  const E = dataYears.length;
  const table = Float64Array.from(derived);
  let cellFlag: (string | undefined)[] | undefined;
  const notes: [string, string[]][] = [];
  let rows: Float64Array[] | undefined;
  for (const step of c.steps) {
    const ctx = { years, ...(c.groupOf ? { groupOf: c.groupOf } : {}) };
    const cells: string[] = [];
    const mark = (k: number, src: number | undefined): void => {
      cellFlag ??= new Array<string | undefined>(T * U).fill(undefined);
      const t = Math.floor(k / U);
      const u = k - t * U;
      cellFlag[k] = src === undefined ? `imputed:${step.method}` : `carried-forward:${years[src]}`;
      cells.push(src === undefined ? `${units[u]} ${years[t]}` : `${units[u]} ${years[t]}←${years[src]}`);
    };
    if (step.def.inPlace) {
      const r = step.def.inPlace(table, U, step.params, ctx);
      r.cells.forEach((k, i) => mark(k, r.from?.[i]));
    } else {
      rows ??= Array.from({ length: T }, (_, t) => table.subarray(t * U, (t + 1) * U));
      const r = step.def.fn(rows, step.params, ctx);
      r.imputed.forEach(([t, u], i) => {
        table[t * U + u] = r.values[t]![u]!;
        mark(t * U + u, r.from?.[i]);
      });
    }
    if (cells.length) notes.push([step.method, cells]);
  }
  // the editions' data years are consecutive rows of the table: their values are a view of it
  const first = editionRow[0]!;
  const values = table.subarray(first * U, (first + E) * U);
  const flags = cellFlag ? cellFlag.slice(first * U, (first + E) * U) : new Array<string | undefined>(E * U).fill(undefined);
  const missing: string[] = [];
  for (let e = 0; e < E; e++) {
    for (let u = 0; u < U; u++) {
      if (!Number.isFinite(values[e * U + u]!)) {
        flags[e * U + u] = 'missing';
        missing.push(`${units[u]} ${dataYears[e]}`);
      }
    }
  }
  return { table, values, flags, notes, missing };
}
