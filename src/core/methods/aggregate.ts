import { MethodError } from '../errors.ts';

/**
 * An aggregator combines the scores of a node's children for one unit. `x` and `w` are aligned;
 * missing children have already been removed and the weights are those of the present ones.
 * Returns NaN when undefined (e.g. a non-positive value in a geometric mean).
 */
export type AggregateFn = (x: number[], w: number[], params: Record<string, number>) => number;

export interface AggregatorDef {
  describe: { zh: string; en: string };
  formula: string;
  defaults: Record<string, number>;
  fn: AggregateFn;
}

function sum(a: number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/** Aggregation methods by name. */
export const AGGREGATORS = {
  /**
   * Weighted arithmetic mean Σwᵢxᵢ / Σwᵢ (fully compensatory). OECD/JRC Handbook (2008) §6.
   * @example arithmetic([80, 90], [1, 3]) // => 87.5
   */
  arithmetic: {
    describe: { zh: '加权算术平均', en: 'Weighted arithmetic mean' },
    formula: 'Σ wᵢ·xᵢ / Σ wᵢ',
    defaults: {},
    fn: (x, w) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += w[i]! * x[i]!;
      return s / sum(w);
    },
  },
  /**
   * Weighted geometric mean Π xᵢ^(wᵢ/Σw) (partially compensatory); needs xᵢ > 0.
   * OECD/JRC Handbook (2008) §6.
   * @example geometric([4, 9], [1, 1]) // => 6
   */
  geometric: {
    describe: { zh: '加权几何平均（要求得分为正）', en: 'Weighted geometric mean (scores must be positive)' },
    formula: 'Π xᵢ^(wᵢ/Σw)',
    defaults: {},
    fn: (x, w) => {
      const W = sum(w);
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        if (!(x[i]! > 0)) return NaN;
        s += (w[i]! / W) * Math.log(x[i]!);
      }
      return Math.exp(s);
    },
  },
} satisfies Record<string, AggregatorDef>;

export type AggregateMethod = keyof typeof AGGREGATORS;

/** Resolves an aggregation method by name. @throws MethodError listing the valid names */
export function resolveAggregator(method: string, params: Record<string, number> = {}): { def: AggregatorDef; params: Record<string, number> } {
  const def = (AGGREGATORS as Record<string, AggregatorDef>)[method];
  if (!def) throw new MethodError(`Unknown aggregation method "${method}" (valid: ${Object.keys(AGGREGATORS).join(', ')})`);
  for (const k of Object.keys(params)) {
    if (!(k in def.defaults)) throw new MethodError(`Aggregation ${method} has no parameter "${k}" (valid: ${Object.keys(def.defaults).join(', ') || 'none'})`);
  }
  return { def, params: { ...def.defaults, ...params } };
}

/**
 * Weighted aggregate of one unit's children, dropping missing (NaN) children and renormalising
 * the weights over those present. Returns NaN when no child is present or the weights of the
 * present children sum to zero.
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
