import { MethodError } from '../../errors.ts';
import { BASE_NORMALISERS } from './base.ts';
import { LINEAR_NORMALISERS } from './linear.ts';
import { RANK_NORMALISERS } from './rank.ts';
import { TARGET_NORMALISERS } from './target.ts';
import { TRANSFORM_NORMALISERS } from './transform.ts';
import { COINR_NORMALISERS } from './coinr.ts';
import type { Warning } from '../../warnings.ts';
import type { NormaliseContext, NormaliseParams, NormaliserDef } from './types.ts';

/**
 * Normalisation methods by name. The set is closed: {@link resolveNormaliser} is the one place
 * names are resolved.
 */
export const NORMALISERS = {
  ...LINEAR_NORMALISERS,
  ...BASE_NORMALISERS,
  ...RANK_NORMALISERS,
  ...TARGET_NORMALISERS,
  ...TRANSFORM_NORMALISERS,
  ...COINR_NORMALISERS,
} satisfies Record<string, NormaliserDef>;

/** The normalisation method names. */
export type NormaliseMethod = keyof typeof NORMALISERS;

/**
 * Resolves a normalisation method name and merges its parameters over the defaults. Numeric
 * parameters must be finite numbers; string parameters (e.g. `ref` of `ratio-to-reference`) must
 * be non-empty strings; parameters without a default must be given.
 * @throws MethodError listing the valid names, naming an unknown, missing or mistyped parameter,
 *   or saying what is wrong with a value (e.g. goalposts with hi ≤ lo)
 * @example resolveNormaliser('minmax', {u: 1}).params // => {l: 0, u: 1}
 */
export function resolveNormaliser(method: string, params?: Record<string, number>): { def: NormaliserDef; params: Record<string, number> };
export function resolveNormaliser(method: string, params?: NormaliseParams): { def: NormaliserDef; params: NormaliseParams };
export function resolveNormaliser(method: string, params: NormaliseParams = {}): { def: NormaliserDef; params: NormaliseParams } {
  // own names only: a method called "constructor" or "isPrototypeOf" is unknown, not Object's member
  const def = Object.hasOwn(NORMALISERS, method) ? (NORMALISERS as Record<string, NormaliserDef>)[method] : undefined;
  if (!def) throw new MethodError(`Unknown normalisation method "${method}" (valid: ${Object.keys(NORMALISERS).join(', ')})`);
  const strings = [...(def.strings ?? []), ...Object.keys(def.stringDefaults ?? {})];
  const numbers = [...Object.keys(def.defaults), ...(def.required ?? []), ...(def.optional ?? [])];
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (strings.includes(k)) {
      if (typeof v !== 'string' || !v) throw new MethodError(`Normalisation ${method}: parameter ${k} must be a non-empty string, got ${JSON.stringify(v)}`);
      const allowed = def.choices?.[k];
      if (allowed && !allowed.includes(v)) throw new MethodError(`Normalisation ${method}: parameter ${k} must be one of ${allowed.join(', ')}, got "${v}"`);
    } else if (numbers.includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new MethodError(`Normalisation ${method}: parameter ${k} must be a number, got ${JSON.stringify(v)}`);
    } else {
      throw new MethodError(`Normalisation ${method} has no parameter "${k}" (valid: ${[...numbers, ...strings].join(', ') || 'none'})`);
    }
  }
  const missing = [...(def.required ?? []), ...(def.strings ?? [])].filter((k) => params[k] === undefined);
  if (missing.length) {
    throw new MethodError(`Normalisation ${method} needs parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${def.example ? ` (e.g. params ${JSON.stringify(def.example)})` : ''}`);
  }
  const merged: NormaliseParams = { ...def.defaults, ...def.stringDefaults, ...params };
  const problem = def.check?.(merged);
  if (problem) throw new MethodError(`Normalisation ${method}: ${problem}`);
  return { def, params: merged };
}

/** Options of {@link normalise}. */
export interface NormaliseOptions {
  /** A method named in {@link NORMALISERS}. */
  method: NormaliseMethod;
  /** +1 larger is better (default), −1 smaller is better. */
  direction?: 1 | -1;
  /** Parameters over the method's defaults (e.g. `{l: 0, u: 1}` for `minmax`). */
  params?: NormaliseParams;
  /** Fixed bounds [L, U] instead of the values' own extent (for the methods that use bounds). */
  bounds?: [number, number];
  /** Base values aligned with the input (`base-ratio`). */
  base?: ArrayLike<number>;
  /** Unit codes aligned with the input (`ratio-to-reference`). */
  units?: readonly string[];
  /** Indicator code, the path of the warnings (default `x`). */
  indicator?: string;
}

/** What {@link normalise} returns: the scores (NaN = missing) and the warnings raised. */
export interface NormaliseResult {
  values: number[];
  warnings: Warning[];
}

/**
 * Normalises a plain vector (NaN = missing) by a method named in {@link NORMALISERS}, resolving
 * and checking the method and its parameters first: the callable entry of the normalisation family.
 * @throws MethodError as {@link resolveNormaliser}, or when a method lacks the base values or unit codes it needs
 * @example normalise([10, 20, 30], { method: 'minmax' }).values // => [0, 50, 100]
 * @example normalise([10, 20, 30], { method: 'efficacy', direction: -1 }).values // => [100, 80, 60]
 */
export function normalise(values: ArrayLike<number>, options: NormaliseOptions): NormaliseResult {
  const { def, params } = resolveNormaliser(options.method, options.params ?? {});
  const indicator = options.indicator ?? 'x';
  const warnings: Warning[] = [];
  const ctx: NormaliseContext = { direction: options.direction ?? 1, indicator, warn: (code, message) => warnings.push({ code, path: indicator, message }) };
  if (options.bounds && def.usesBounds) ctx.bounds = options.bounds;
  if (options.base) ctx.base = options.base;
  if (options.units) ctx.units = options.units;
  return { values: def.fn(values, params, ctx), warnings };
}
