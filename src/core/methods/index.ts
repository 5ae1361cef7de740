export { NORMALISERS, resolveNormaliser, type NormaliseMethod, type NormaliseFn, type NormaliseContext, type NormaliserDef } from './normalise.ts';
export { AGGREGATORS, resolveAggregator, aggregatePresent, type AggregateMethod, type AggregateFn, type AggregatorDef } from './aggregate.ts';
export { rankDescending } from './rank.ts';
export { mean, median, sd, extent, finite } from './stats.ts';
