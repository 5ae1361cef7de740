import { MethodError } from '../../errors.ts';
import { type ImputeResult, type YearUnitValues } from './common.ts';
import { groupMean, groupMedian, indicatorMean, indicatorMedian } from './cross-section.ts';
import { carryForward, carryForwardInPlace, interpolate } from './time.ts';

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
  // own names only: a method called "constructor" or "isPrototypeOf" is unknown, not Object's member
  const def = Object.hasOwn(IMPUTERS, method) ? (IMPUTERS as Record<string, ImputerDef>)[method] : undefined;
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

