import type { WarningCode } from '../warnings.ts';
import type { Ranks } from './ranks.ts';
import type { StepCells } from './impute-stage.ts';

/** What a run computed for one indicator; kept so that a re-run can reuse what did not change. */
export interface LeafState {
  /** Values before imputation (and before denomination), table years × units. */
  derived: Float64Array;
  /** Values after denomination (recipe `denominate`), before imputation; absent when not denominated. */
  denominated?: Float64Array;
  /** Cells of `derived` (table indices) its formula left undefined although every input was present. */
  undefinedCells?: number[];
  /** Values after imputation, table years × units. */
  table: Float64Array;
  /** Edition values (edition-major: `e · U + u`), after imputation. */
  values: Float64Array;
  /** How each table cell was imputed (see {@link Imputed.source}). */
  source?: Int32Array;
  /** Imputed cells per step, in step order. */
  notes: StepCells[];
  /** Edition cells still missing after imputation. */
  missing: number[];
  /** Treated values (when treatment changed something), the cells it changed and its warning. */
  treated?: Float64Array;
  marks?: Uint8Array;
  treatWarning?: string;
  /** Normalised scores and the bounds used (bounds-based methods with pooled or fixed bounds). */
  scores: Float64Array;
  bounds?: [number, number];
  normWarnings: [WarningCode, string][];
  /** Its flags, once a result has read them (a re-run shares the state of unchanged indicators). */
  flags?: (string | undefined)[];
}

/** What a run computed for one aggregate. */
export interface AggregateState {
  scores: Float64Array;
  /** The children's weights, renormalised to sum to 1. */
  weights: number[];
  warnings: [WarningCode, string][];
}

/** The state of a whole run. Arrays are shared with results: treat them as read-only. */
export interface RunState {
  leaves: LeafState[];
  /** By position in the compiled plan's `aggregates` (deepest first). */
  aggregates: AggregateState[];
  /** Ranks by node index, computed on first read. */
  ranks: Ranks;
}
