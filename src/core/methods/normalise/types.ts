import type { WarningCode } from '../../warnings.ts';

/** The shapes shared by every normaliser: its context, parameters, function and registry entry. */

/** Context a normaliser receives besides the values. */
export interface NormaliseContext {
  /** +1 larger is better, −1 smaller is better. */
  direction: 1 | -1;
  /** Fixed bounds [L, U] when the scope is `fixed`. */
  bounds?: [number, number];
  /** Base values aligned with the input (for ratio methods). */
  base?: ArrayLike<number>;
  /** Unit codes aligned with the input (for `ratio-to-reference`). */
  units?: readonly string[];
  /** Indicator code, for warnings. */
  indicator: string;
  /** Records a warning (a code of WARNINGS in warnings.ts). */
  warn: (code: WarningCode, message: string) => void;
}

/**
 * Normalisation parameters: numbers, plus the few string parameters a method declares in
 * {@link NormaliserDef.strings} (e.g. `ref`, a unit code).
 */
export type NormaliseParams = Record<string, number | string>;

/** A normaliser maps raw values (NaN = missing) to scores (NaN = missing). */
export type NormaliseFn = (x: ArrayLike<number>, params: NormaliseParams, ctx: NormaliseContext) => number[];

/** Registry entry: defaults, one-line descriptions, and the function. */
export interface NormaliserDef {
  describe: { zh: string; en: string };
  formula: string;
  /** Numeric parameters with their defaults. */
  defaults: Record<string, number>;
  /** Numeric parameters with no default: they must be given. */
  required?: readonly string[];
  /** Numeric parameters without a default that may be left out (and are then absent from the resolved parameters). */
  optional?: readonly string[];
  /** String parameters (no default: they must be given), e.g. `ref`. */
  strings?: readonly string[];
  /** String parameters with a default, e.g. `ties: 'average'`. */
  stringDefaults?: Record<string, string>;
  /** The values a string parameter may take (checked by the resolver), e.g. `{ties: ['average', 'min', 'max']}`. */
  choices?: Record<string, readonly string[]>;
  /** Example parameters, quoted in the error when a required one is missing. */
  example?: NormaliseParams;
  /** Checks merged parameters; returns what is wrong, or undefined. */
  check?: (params: NormaliseParams) => string | undefined;
  /** Whether bounds come from the data (and so depend on the scope). */
  usesBounds: boolean;
  fn: NormaliseFn;
  /**
   * The same method written into a Float64Array (the engine's form: no array to copy). A method
   * that uses bounds takes them from `ctx.bounds` when given, as `fn` does.
   */
  into?: (x: ArrayLike<number>, out: Float64Array, params: NormaliseParams, ctx: NormaliseContext) => void;
}
