/**
 * An aggregator combines the scores of a node's children for one unit. `x` and `w` are aligned;
 * missing children have already been removed and the weights are those of the present ones.
 * Returns NaN when undefined (e.g. a non-positive value in a geometric mean).
 */
export type AggregateFn = (x: number[], w: number[], params: Record<string, number>) => number;

/**
 * A matrix-level aggregator scores all units at once (TOPSIS, Copeland, grey relational
 * analysis compare units with each other). `X` is units × children with NaN = missing, `w` the
 * children's weights (any positive scale; children with weight ≤ 0 are ignored). Returns one
 * score per unit, NaN where the method cannot score the unit.
 */
export type MatrixAggregateFn = (X: number[][], w: number[], params: Record<string, number>) => number[];

/** Aggregates cells `from..to` of children's score columns into `out` (NaN where undefined). */
export type ColumnAggregateFn = (kids: readonly Float64Array[], w: readonly number[], out: Float64Array, from: number, to: number, params?: Record<string, number>) => void;

export interface AggregatorDef {
  describe: { zh: string; en: string };
  formula: string;
  defaults: Record<string, number>;
  /** Numeric parameters without a default: taken when given, left out of the resolved parameters otherwise. */
  optional?: readonly string[];
  /** Row-wise form (for matrix-level methods it throws a MethodError). */
  fn: AggregateFn;
  /** Matrix-level form; when present the engine calls it once per edition instead of `fn`. */
  matrixFn?: MatrixAggregateFn;
  /**
   * The engine's form over whole columns: cells `from..to` of the children's score columns into
   * `out`, missing children (NaN) and zero weights dropped — the same arithmetic as
   * {@link aggregatePresent} with `fn`, without a call or an array per cell.
   */
  columns?: ColumnAggregateFn;
  /** Checks merged parameters; returns a message naming the fix, or undefined when valid. */
  check?: (params: Record<string, number>) => string | undefined;
}
