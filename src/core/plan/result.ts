import type { ResolvedRecipe } from '../recipe/types.ts';
import type { Warning } from '../warnings.ts';

/**
 * The result of a run. Arrays are indexed `[editionIndex * units.length + unitIndex]`;
 * NaN marks a missing value inside the arrays (serialisers write it as empty, never "NaN").
 */
export interface EvaluationResult {
  recipe: ResolvedRecipe;
  /** First edition of the run, and the edition whose data year is the base of ratio methods. */
  firstEdition: number;
  baseEdition: number;
  framework: { id: string; version: string };
  editions: number[];
  dataYears: number[];
  units: string[];
  /** Node codes in framework order. */
  nodes: string[];
  /** Indicator values used (raw or derived, after imputation). */
  values: Record<string, Float64Array>;
  /**
   * Indicator values after outlier treatment (what normalisation reads), when the recipe treats
   * outliers: COINr's `Treated` data set. The treated cells are flagged `winsorised` /
   * `log-transformed` in `flags`.
   */
  treated?: Record<string, Float64Array>;
  /** Indicator values after denomination, before imputation, when the recipe denominates: COINr's `Denominated`. */
  denominated?: Record<string, Float64Array>;
  /** Scores of every node: normalised indicators and aggregates. */
  scores: Record<string, Float64Array>;
  /** Ranks of every node within each edition (1 = best). */
  ranks: Record<string, Float64Array>;
  /** Per indicator cell: why a value is imputed or missing (`carried-forward:2023`, `missing`). */
  flags: Record<string, (string | undefined)[]>;
  /** Normalisation bounds used per indicator (pooled/fixed scope), for traceability. */
  bounds: Record<string, [number, number]>;
  /** Effective (renormalised among siblings) weight of every non-root node. */
  weights: Record<string, number>;
  warnings: Warning[];
}

/** Score, rank, value, or flag of one cell. */
export function cell(res: EvaluationResult, node: string, edition: number, unit: string): { score: number | null; rank: number | null; value: number | null; flag?: string } {
  const e = res.editions.indexOf(edition);
  const u = res.units.indexOf(unit);
  if (e < 0 || u < 0) return { score: null, rank: null, value: null };
  const k = e * res.units.length + u;
  const n = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  const flag = res.flags[node]?.[k];
  return { score: n(res.scores[node]?.[k]), rank: n(res.ranks[node]?.[k]), value: n(res.values[node]?.[k]), ...(flag ? { flag } : {}) };
}
