/** Aggregation: the weighted means, the matrix methods (Copeland, TOPSIS, grey relational), their registry. */
export type { AggregateFn, MatrixAggregateFn, ColumnAggregateFn, AggregatorDef } from './types.ts';
export { AGGREGATORS, resolveAggregator, aggregatePresent, aggregateMatrix, aggregate, type AggregateMethod, type AggregateOptions } from './registry.ts';
