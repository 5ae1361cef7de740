import { MethodError } from '../errors.ts';
import { mean, median } from './stats.ts';

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
function copyRows(values: YearUnitValues, what = 'year'): { out: number[][]; T: number; U: number } {
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
function yearsOf(T: number, years: readonly number[] | undefined): readonly number[] {
  if (!years) return Array.from({ length: T }, (_, t) => t);
  if (years.length !== T) throw new MethodError(`Imputation: ${years.length} years given for ${T} rows of values; give one year per row`);
  for (let t = 1; t < T; t++) {
    if (!(years[t]! > years[t - 1]!)) throw new MethodError(`Imputation: years must be increasing, but ${years[t]} follows ${years[t - 1]}`);
  }
  return years;
}

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
  const last = new Int32Array(U).fill(-1);
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

/** Sorts cells by first, then second index. */
function sortCells(cells: [number, number][]): [number, number][] {
  return cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** What an imputer may need besides the values and its parameters. */
export interface ImputeContext {
  /** Year of each row (default 0, 1, 2, …), for carry-forward and interpolation. */
  years?: readonly number[];
  /** Group label of each unit (undefined = none), for group-mean and group-median. */
  groupOf?: readonly (string | undefined)[];
}

/** An imputer fills missing cells of one indicator's years × units values. */
export type ImputeFn = (values: YearUnitValues, params: Record<string, number>, ctx: ImputeContext) => ImputeResult;

/** Registry entry of an imputation method. */
export interface ImputerDef {
  describe: { zh: string; en: string };
  /** Numeric parameters with their defaults. */
  defaults: Record<string, number>;
  /** Numeric parameters with no default that may be given. */
  optional?: readonly string[];
  /** Whether the method needs `ctx.groupOf`. */
  needsGroups: boolean;
  fn: ImputeFn;
  /** The same method on a flat years × units table filled in place (the engine's fast path). */
  inPlace?: (table: Float64Array, U: number, params: Record<string, number>, ctx: ImputeContext) => { cells: number[]; from?: number[] };
}

function needGroups(method: string, ctx: ImputeContext): readonly (string | undefined)[] {
  if (!ctx.groupOf) throw new MethodError(`Imputation ${method} needs the group of every unit (ctx.groupOf), e.g. from a grouping of the units`);
  return ctx.groupOf;
}

/**
 * Imputation methods by name. The set is closed: {@link resolveImputer} is the one place names are
 * resolved. `rowMean` is not here: it works across indicators, not on one indicator's panel.
 */
export const IMPUTERS = {
  /** {@link carryForward}; parameter `maxYears` (default: no limit). */
  'carry-forward': {
    describe: { zh: '沿用前值：取同一单位最近一个有数据年份的值', en: 'Carry forward: the same unit\'s latest earlier value' },
    defaults: {},
    optional: ['maxYears'],
    needsGroups: false,
    fn: (v, p, ctx) => carryForward(v, { ...(ctx.years ? { years: ctx.years } : {}), ...(p.maxYears !== undefined ? { maxYears: p.maxYears } : {}) }),
    inPlace: (table, U, p, ctx) => carryForwardInPlace(table, U, { ...(ctx.years ? { years: ctx.years } : {}), ...(p.maxYears !== undefined ? { maxYears: p.maxYears } : {}) }),
  },
  /** {@link interpolate}. */
  interpolate: {
    describe: { zh: '线性插值：同一单位前后两个有数据年份之间线性插值（两端不外推；extendEnds = 1 时两端取最近值，同 COINr）', en: 'Linear interpolation between the unit\'s nearest earlier and later years (ends stay missing; extendEnds = 1 fills them with the nearest value, as COINr)' },
    defaults: { extendEnds: 0 },
    needsGroups: false,
    fn: (v, p, ctx) => interpolate(v, { ...(ctx.years ? { years: ctx.years } : {}), extendEnds: p.extendEnds === 1 }),
  },
  /** {@link indicatorMean}. */
  'indicator-mean': {
    describe: { zh: '指标均值：同年所有单位的均值', en: 'Indicator mean over the units in the same year' },
    defaults: {},
    needsGroups: false,
    fn: (v) => indicatorMean(v),
  },
  /** {@link indicatorMedian}. */
  'indicator-median': {
    describe: { zh: '指标中位数：同年所有单位的中位数', en: 'Indicator median over the units in the same year' },
    defaults: {},
    needsGroups: false,
    fn: (v) => indicatorMedian(v),
  },
  /** {@link groupMean}. */
  'group-mean': {
    describe: { zh: '组均值：同年同组单位的均值', en: 'Group mean over the units of the same group in the same year' },
    defaults: {},
    needsGroups: true,
    fn: (v, _p, ctx) => groupMean(v, needGroups('group-mean', ctx)),
  },
  /** {@link groupMedian}. */
  'group-median': {
    describe: { zh: '组中位数：同年同组单位的中位数', en: 'Group median over the units of the same group in the same year' },
    defaults: {},
    needsGroups: true,
    fn: (v, _p, ctx) => groupMedian(v, needGroups('group-median', ctx)),
  },
} satisfies Record<string, ImputerDef>;

/** The imputation method names. */
export type ImputeMethod = keyof typeof IMPUTERS;

/**
 * Resolves an imputation method name and merges its parameters over the defaults.
 * @throws MethodError listing the valid names, or naming an unknown or non-numeric parameter
 * @example resolveImputer('carry-forward', {maxYears: 2}).params // => {maxYears: 2}
 */
export function resolveImputer(method: string, params: Record<string, number> = {}): { def: ImputerDef; params: Record<string, number> } {
  const def = (IMPUTERS as Record<string, ImputerDef>)[method];
  if (!def) throw new MethodError(`Unknown imputation method "${method}" (valid: ${Object.keys(IMPUTERS).join(', ')})`);
  const valid = [...Object.keys(def.defaults), ...(def.optional ?? [])];
  for (const k of Object.keys(params)) {
    if (!valid.includes(k)) throw new MethodError(`Imputation ${method} has no parameter "${k}" (valid: ${valid.join(', ') || 'none'})`);
    const v = params[k];
    if (typeof v !== 'number' || !(v >= 0)) throw new MethodError(`Imputation ${method}: parameter ${k} must be a number ≥ 0, got ${JSON.stringify(v)}`);
  }
  return { def, params: { ...def.defaults, ...params } };
}

/** Options of {@link impute}: the method, its parameters and what it needs besides the values. */
export interface ImputeOptions extends ImputeContext {
  /** A method named in {@link IMPUTERS}. */
  method: ImputeMethod;
  /** Its parameters over the defaults (e.g. `{maxYears: 2}` for `carry-forward`). */
  params?: Record<string, number>;
}

/**
 * Fills the missing cells of one indicator's years × units table by a method named in
 * {@link IMPUTERS}, resolving and checking it first: the callable entry of the imputation family.
 * @throws MethodError for an unknown method or parameter, or a group method without `groupOf`
 * @example impute([[1, NaN], [NaN, 4]], { method: 'carry-forward' }).values // => [[1, NaN], [1, 4]]
 */
export function impute(table: YearUnitValues, options: ImputeOptions): ImputeResult {
  const { def, params } = resolveImputer(options.method, options.params ?? {});
  return def.fn(table, params, options);
}
