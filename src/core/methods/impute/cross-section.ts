import { MethodError } from '../../errors.ts';
import { mean, median } from '../stats.ts';
import { copyRows, sortCells, type ImputeResult, type YearUnitValues } from './common.ts';

/** Fills missing cells of each year with `stat` of the present values of the same year among `peers(u)`. */
function crossSection(values: YearUnitValues, stat: (xs: number[]) => number, peers: (u: number, U: number) => number[] | undefined): ImputeResult {
  const { out, T, U } = copyRows(values);
  const imputed: [number, number][] = [];
  for (let t = 0; t < T; t++) {
    const row = values[t]!;
    const cache = new Map<string, number>();
    for (let u = 0; u < U; u++) {
      if (Number.isFinite(row[u]!)) continue;
      const p = peers(u, U);
      if (!p) continue;
      const key = p.join(',');
      let s = cache.get(key);
      if (s === undefined) {
        s = stat(p.map((k) => row[k]!));
        cache.set(key, s);
      }
      if (Number.isFinite(s)) {
        out[t]![u] = s;
        imputed.push([t, u]);
      }
    }
  }
  return { values: out, imputed };
}

const allUnits = (_u: number, U: number): number[] => Array.from({ length: U }, (_, k) => k);

/**
 * Indicator mean: a missing value becomes the mean of the indicator over the units present in the
 * same year. A year with no value stays missing. COINr `i_mean`; OECD/JRC Handbook (2008) §3
 * (unconditional mean imputation).
 * @example indicatorMean([[1, NaN, 5]]).values // => [[1, 3, 5]]
 */
export function indicatorMean(values: YearUnitValues): ImputeResult {
  return crossSection(values, mean, allUnits);
}

/**
 * Indicator median: a missing value becomes the median of the indicator over the units present in
 * the same year (robust to outliers). COINr `i_median`; OECD/JRC Handbook (2008) §3.
 * @example indicatorMedian([[1, NaN, 2, 9]]).values // => [[1, 2, 2, 9]]
 */
export function indicatorMedian(values: YearUnitValues): ImputeResult {
  return crossSection(values, median, allUnits);
}

/** Peer lists by group label; units with no group get none. */
function groupPeers(groupOf: readonly (string | undefined)[], U: number): (u: number) => number[] | undefined {
  if (groupOf.length !== U) throw new MethodError(`Group imputation: ${groupOf.length} group labels given for ${U} units; give one label (or undefined) per unit`);
  const members = new Map<string, number[]>();
  groupOf.forEach((g, u) => {
    if (g === undefined) return;
    const list = members.get(g) ?? [];
    list.push(u);
    members.set(g, list);
  });
  return (u) => {
    const g = groupOf[u];
    return g === undefined ? undefined : members.get(g);
  };
}

/**
 * Group mean: a missing value becomes the mean over the units of the same group (e.g. region,
 * income group) present in the same year. It stays missing when the unit has no group
 * (`undefined`) or no unit of its group has a value that year. COINr `i_mean_grp`; OECD/JRC
 * Handbook (2008) §3 (conditional mean imputation).
 * @throws MethodError when `groupOf` does not have one entry per unit
 * @example groupMean([[1, NaN, 3, 10]], ['E', 'E', 'E', 'W']).values // => [[1, 2, 3, 10]]
 */
export function groupMean(values: YearUnitValues, groupOf: readonly (string | undefined)[]): ImputeResult {
  const U = values.length ? values[0]!.length : groupOf.length;
  return crossSection(values, mean, groupPeers(groupOf, U));
}

/**
 * Group median: as {@link groupMean} with the median. COINr `i_median_grp`; OECD/JRC Handbook
 * (2008) §3.
 * @throws MethodError when `groupOf` does not have one entry per unit
 * @example groupMedian([[1, NaN, 2, 9, 50]], ['E', 'E', 'E', 'E', 'W']).values // => [[1, 2, 2, 9, 50]]
 */
export function groupMedian(values: YearUnitValues, groupOf: readonly (string | undefined)[]): ImputeResult {
  const U = values.length ? values[0]!.length : groupOf.length;
  return crossSection(values, median, groupPeers(groupOf, U));
}

/**
 * Row (unit) mean within indicator groups: in a units × indicators matrix of normalised scores, a
 * unit's missing indicator becomes the mean of that unit's present indicators in the same group
 * (e.g. the other indicators of its dimension), so a missing score is replaced by the unit's own
 * level in that dimension. Indicators in no group, and units with no present indicator in the
 * group, stay missing. Only meaningful on a common scale (after normalisation). The result's
 * `imputed` cells are `[unit, indicator]`. COINr `Impute(impute_by = "row", group_level = …)`;
 * OECD/JRC Handbook (2008) §3.
 * @throws MethodError for ragged rows, an indicator index out of range, or one in two groups
 * @example rowMean([[60, NaN, 80, 10]], [[0, 1, 2], [3]]).values // => [[60, 70, 80, 10]]
 */
export function rowMean(matrix: YearUnitValues, groups: readonly (readonly number[])[]): ImputeResult {
  const { out, T: N, U: I } = copyRows(matrix, 'unit');
  const seen = new Map<number, number>();
  groups.forEach((g, gi) => {
    for (const j of g) {
      if (!Number.isInteger(j) || j < 0 || j >= I) throw new MethodError(`rowMean: group ${gi} names indicator ${j}, but indicators are numbered 0 to ${I - 1}`);
      const other = seen.get(j);
      if (other !== undefined) throw new MethodError(`rowMean: indicator ${j} is in group ${other} and in group ${gi}; each indicator may be in one group`);
      seen.set(j, gi);
    }
  });
  const imputed: [number, number][] = [];
  for (let u = 0; u < N; u++) {
    const row = matrix[u]!;
    for (const g of groups) {
      const m = mean(g.map((j) => row[j]!));
      if (!Number.isFinite(m)) continue;
      for (const j of g) {
        if (!Number.isFinite(row[j]!)) {
          out[u]![j] = m;
          imputed.push([u, j]);
        }
      }
    }
  }
  return { values: out, imputed: sortCells(imputed) };
}

