/**
 * Methods: impute · treat · normalise · weight · aggregate. Each family is a closed set of names
 * in one registry, with a callable entry usable on a plain vector (or table/matrix).
 */

// normalisation
export {
  NORMALISERS,
  resolveNormaliser,
  normalise,
  type NormaliseMethod,
  type NormaliseFn,
  type NormaliseContext,
  type NormaliserDef,
  type NormaliseParams,
  type NormaliseOptions,
  type NormaliseResult,
} from './normalise/index.ts';

// aggregation
export {
  AGGREGATORS,
  resolveAggregator,
  aggregate,
  aggregatePresent,
  aggregateMatrix,
  type AggregateMethod,
  type AggregateFn,
  type MatrixAggregateFn,
  type AggregatorDef,
  type AggregateOptions,
} from './aggregate/index.ts';

// weights
export {
  WEIGHTERS,
  resolveWeighter,
  weightsFromData,
  weigh,
  equalWeights,
  childCountWeights,
  entropyWeights,
  criticWeights,
  cvWeights,
  ahpWeights,
  assertConsistent,
  pcaWeights,
  optimiseWeights,
  eigenSymmetric,
  correlationMatrix,
  varimax,
  PCA_ROTATIONS,
  PCA_RETENTION,
  type WeightMethod,
  type DataWeightMethod,
  type WeighterDef,
  type WeighFn,
  type WeighParams,
  type WeighOptions,
  type DataWeightOptions,
  type EntropyOptions,
  type AhpOptions,
  type AhpResult,
  type EigenResult,
  type PcaOptions,
  type PcaResult,
  type OptimiseOptions,
  type OptimiseResult,
} from './weights/index.ts';

// outlier treatment
export {
  TREATERS,
  resolveTreater,
  treat,
  treatOutliers,
  skewness,
  kurtosis,
  LOG_SHIFTS,
  type TreatMethod,
  type TreaterDef,
  type TreatEntryOptions,
  type TreatOptions,
  type TreatResult,
  type LogShift,
} from './treat.ts';

// imputation
export {
  IMPUTERS,
  resolveImputer,
  impute,
  carryForward,
  interpolate,
  indicatorMean,
  indicatorMedian,
  groupMean,
  groupMedian,
  rowMean,
  type ImputeMethod,
  type ImputeFn,
  type ImputerDef,
  type ImputeContext,
  type ImputeOptions,
  type ImputeResult,
  type TimeImputeOptions,
  type YearUnitValues,
} from './impute/index.ts';

// ranks and statistics
export { rankDescending } from './rank.ts';
export { mean, median, sd, extent, finite } from './stats.ts';

// seeded randomness
export { mulberry32 } from './random.ts';
