/** Imputation: time methods (carry-forward, interpolation), cross-section methods, and their registry. */
export type { YearUnitValues, ImputeResult } from './common.ts';
export { carryForward, carryForwardInPlace, interpolate, type TimeImputeOptions } from './time.ts';
export { indicatorMean, indicatorMedian, groupMean, groupMedian, rowMean } from './cross-section.ts';
export { IMPUTERS, resolveImputer, impute, type ImputeContext, type ImputeFn, type ImputerDef, type ImputeMethod, type ImputeOptions } from './registry.ts';
