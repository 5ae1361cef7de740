import { DIRECT, type Arena } from './arena.ts';
import type { Compiled } from './compiled.ts';

/** The cells row imputation fills in one indicator's table (table indices) and their values. */
export interface RowFilled {
  cells: number[];
  values: number[];
}

/** Median of the finite values of a list (NaN when none). */
function medianOf(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/**
 * The row-imputation stage (recipe `missing.byRow`; COINr `Impute(impute_by = "row",
 * group_level = …)`): for each group of indicators (those below one node), table year and unit,
 * a missing value takes the mean (or median) of the unit's present values of the group's other
 * indicators that year. With `normaliseFirst` (default, as COINr) the values are first made
 * direction-adjusted min-max scores in [0, 1] over the year's units — y = (d·x − min)/(max − min)
 * — the row statistic is taken of those and scaled back: x = d·(y·(max − min) + min). A unit with
 * no present value in the group stays missing. Returns per leaf position what it fills.
 */
export function rowImputed(c: Compiled, tables: readonly Float64Array[], arena: Arena = DIRECT): (RowFilled | undefined)[] {
  const spec = c.byRow!;
  const U = c.units.length;
  const T = c.years.length;
  const out: (RowFilled | undefined)[] = new Array<RowFilled | undefined>(tables.length).fill(undefined);
  void arena;
  for (const group of spec.groups) {
    const d = group.map((l) => c.leaves[l]!.node.direction);
    for (let t = 0; t < T; t++) {
      // per column of the group: min and max of d·x over the year's units
      const mn = group.map(() => Infinity);
      const mx = group.map(() => -Infinity);
      group.forEach((l, j) => {
        for (let u = 0; u < U; u++) {
          const v = d[j]! * tables[l]![t * U + u]!;
          if (v === v) {
            if (v < mn[j]!) mn[j] = v;
            if (v > mx[j]!) mx[j] = v;
          }
        }
      });
      const scaled = (j: number, x: number): number => (spec.normaliseFirst ? (d[j]! * x - mn[j]!) / (mx[j]! - mn[j]!) : x);
      for (let u = 0; u < U; u++) {
        const k = t * U + u;
        const missing = group.filter((l) => tables[l]![k] !== tables[l]![k]);
        if (!missing.length || missing.length === group.length) continue;
        const present: number[] = [];
        group.forEach((l, j) => {
          const x = tables[l]![k]!;
          if (x === x) present.push(scaled(j, x));
        });
        const stat = spec.method === 'median' ? medianOf(present) : present.reduce((a, b) => a + b, 0) / present.length;
        group.forEach((l, j) => {
          if (tables[l]![k] === tables[l]![k]) return;
          const v = spec.normaliseFirst ? d[j]! * (stat * (mx[j]! - mn[j]!) + mn[j]!) : stat;
          if (!Number.isFinite(v)) return;
          const r = (out[l] ??= { cells: [], values: [] });
          r.cells.push(k);
          r.values.push(v);
        });
      }
    }
  }
  return out;
}
