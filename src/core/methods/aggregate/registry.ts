import { MethodError } from '../../errors.ts';
import { MATRIX_METHODS } from './matrix.ts';
import { MEANS } from './means.ts';
import type { AggregateFn, AggregatorDef } from './types.ts';

/** Aggregation methods by name: the one registry. */
export const AGGREGATORS = { ...MEANS, ...MATRIX_METHODS } satisfies Record<string, AggregatorDef>;

export type AggregateMethod = keyof typeof AGGREGATORS;

/**
 * Resolves an aggregation method by name and merges its parameters over the defaults.
 * @throws MethodError listing the valid names, naming an unknown parameter, or an invalid value
 * @example resolveAggregator('generalised', {p: 2}).params // => {p: 2}
 */
export function resolveAggregator(method: string, params: Record<string, number> = {}): { def: AggregatorDef; params: Record<string, number> } {
  // own names only: a method called "constructor" or "isPrototypeOf" is unknown, not Object's member
  const def = Object.hasOwn(AGGREGATORS, method) ? (AGGREGATORS as Record<string, AggregatorDef>)[method] : undefined;
  if (!def) throw new MethodError(`Unknown aggregation method "${method}" (valid: ${Object.keys(AGGREGATORS).join(', ')})`);
  for (const k of Object.keys(params)) {
    if (!Object.hasOwn(def.defaults, k) && !def.optional?.includes(k)) throw new MethodError(`Aggregation ${method} has no parameter "${k}" (valid: ${[...Object.keys(def.defaults), ...(def.optional ?? [])].join(', ') || 'none'})`);
    if (typeof params[k] !== 'number' || !Number.isFinite(params[k])) throw new MethodError(`Aggregation ${method}: parameter ${k} must be a finite number, got ${String(params[k])}`);
  }
  const merged = { ...def.defaults, ...params };
  const problem = def.check?.(merged);
  if (problem) throw new MethodError(`Aggregation ${method}: ${problem}`);
  return { def, params: merged };
}

/**
 * Weighted aggregate of one unit's children, dropping missing (NaN) children and renormalising
 * the weights over those present. Returns NaN when no child is present or the weights of the
 * present children sum to zero.
 * @example aggregatePresent(AGGREGATORS.arithmetic.fn, [80, NaN, 90], [1, 1, 3]) // => 87.5
 */
export function aggregatePresent(fn: AggregateFn, x: ArrayLike<number>, w: ArrayLike<number>, params: Record<string, number> = {}): number {
  const xs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]!) && w[i]! > 0) {
      xs.push(x[i]!);
      ws.push(w[i]!);
    }
  }
  if (!xs.length) return NaN;
  return fn(xs, ws, params);
}

/**
 * Aggregates every unit of a units × children matrix (NaN = missing): with the method's
 * `matrixFn` when it has one (the method decides how to treat missing children), otherwise
 * row by row with {@link aggregatePresent} (missing children dropped, weights renormalised).
 * @example aggregateMatrix(AGGREGATORS.arithmetic, [[80, 90], [70, NaN]], [1, 3]) // => [87.5, 70]
 */
export function aggregateMatrix(def: AggregatorDef, X: number[][], w: number[], params: Record<string, number> = {}): number[] {
  if (def.matrixFn) return def.matrixFn(X, w, params);
  return X.map((row) => aggregatePresent(def.fn, row, w, params));
}

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** A method named in {@link AGGREGATORS}. */
  method: AggregateMethod;
  /** Its parameters over the defaults (e.g. `{p: 2}` for `generalised`). */
  params?: Record<string, number>;
}

/**
 * Aggregates by a method named in {@link AGGREGATORS}, resolving and checking it first: the
 * callable entry of the aggregation family. On a vector (one unit's children) missing children
 * are dropped and the weights renormalised ({@link aggregatePresent}); on a units × children
 * matrix every unit is scored ({@link aggregateMatrix}), which the methods that compare units
 * (copeland, topsis, grey-relational) need.
 * @throws MethodError for an unknown method or parameter, or a matrix-level method given a vector
 * @example aggregate([80, NaN, 90], [1, 1, 3], { method: 'arithmetic' }) // => 87.5
 * @example aggregate([[3, 1], [2, 2], [1, 3]], [2, 1], { method: 'copeland' }) // => [2, 0, -2]
 */
export function aggregate(values: ArrayLike<number>, weights: ArrayLike<number>, options: AggregateOptions): number;
export function aggregate(matrix: number[][], weights: number[], options: AggregateOptions): number[];
export function aggregate(x: ArrayLike<number> | number[][], w: ArrayLike<number>, options: AggregateOptions): number | number[] {
  const { def, params } = resolveAggregator(options.method, options.params ?? {});
  if (Array.isArray(x) && Array.isArray(x[0])) return aggregateMatrix(def, x as number[][], Array.from(w), params);
  return aggregatePresent(def.fn, x as ArrayLike<number>, w, params);
}

