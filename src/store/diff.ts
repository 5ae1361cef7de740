/**
 * What changed between two vintages: every observation (unit, year, variable) whose value or flag
 * differs, that the second adds or that it no longer has.
 */
import type { Store } from './db.ts';

/** One difference between two vintages. */
export interface VintageChange {
  kind: 'changed' | 'added' | 'removed';
  unit: string;
  year: number;
  variable: string;
  /** Value in the first vintage (null: missing or absent). */
  old: number | null;
  /** Value in the second vintage. */
  new: number | null;
  oldFlag: string | null;
  newFlag: string | null;
  /** Where the new value came from (file:row), for added and changed cells. */
  newFrom: string | null;
}

/**
 * Every difference from vintage `a` to vintage `b`, ordered by variable, unit and year. A cell
 * whose value turns missing (a number to NA) is `changed`; a cell that is no longer there is `removed`.
 */
export async function diffVintages(store: Store, a: number, b: number): Promise<VintageChange[]> {
  const r = await store.connection.runAndReadAll(
    `WITH x AS (SELECT unit, year, variable, value, flag FROM observations WHERE vintage = $a),
          y AS (SELECT unit, year, variable, value, flag, file, row_no FROM observations WHERE vintage = $b)
     SELECT CASE WHEN x.unit IS NULL THEN 'added' WHEN y.unit IS NULL THEN 'removed' ELSE 'changed' END AS kind,
            coalesce(y.unit, x.unit) AS unit, coalesce(y.year, x.year) AS year, coalesce(y.variable, x.variable) AS variable,
            x.value, y.value, x.flag, y.flag,
            CASE WHEN y.file IS NULL THEN NULL WHEN y.row_no IS NULL THEN y.file ELSE y.file || ':' || y.row_no::VARCHAR END
     FROM x FULL OUTER JOIN y ON x.unit = y.unit AND x.year = y.year AND x.variable = y.variable
     WHERE x.unit IS NULL OR y.unit IS NULL OR x.value IS DISTINCT FROM y.value OR x.flag IS DISTINCT FROM y.flag
     ORDER BY 4, 2, 3`,
    { a, b },
  );
  return r.getRowsJS().map((x) => ({
    kind: x[0] as VintageChange['kind'],
    unit: x[1] as string,
    year: x[2] as number,
    variable: x[3] as string,
    old: (x[4] as number | null) ?? null,
    new: (x[5] as number | null) ?? null,
    oldFlag: (x[6] as string | null) ?? null,
    newFlag: (x[7] as string | null) ?? null,
    newFrom: (x[8] as string | null) ?? null,
  }));
}
