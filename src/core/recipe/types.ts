import type { LocalName } from '../framework/types.ts';

/** Where normalisation bounds (min/max, mean/sd) come from. */
export type BoundsScope = 'per-year' | 'pooled' | 'fixed';

/** One normalisation choice. */
export interface NormalisationSpec {
  /** Method name (see `ipindex methods`). */
  method: string;
  /** Method parameters over the defaults, e.g. {low: 60, span: 40}. */
  params?: Record<string, number>;
}

/**
 * A pipeline specification: the one contract the CLI, the HTTP API and the analyses share.
 * JSON-serialisable; every field but `id` and `normalisation` has a default.
 */
export interface Recipe {
  id: string;
  name?: LocalName;
  description?: string;
  /** Edition E uses data year E − dataLag (default 1). */
  dataLag?: number;
  /** First edition of a run (default 2021): a run scores every edition from here to E. */
  firstEdition?: number;
  normalisation: NormalisationSpec & {
    /** Bounds scope (default `pooled`). */
    scope?: BoundsScope;
    /** Fixed bounds per indicator code, for scope `fixed`. */
    bounds?: Record<string, [number, number]>;
    /** For ratio-to-base methods: the edition whose data year is the base (default firstEdition). */
    baseEdition?: number;
    /** Per-indicator overrides of method/params. */
    byIndicator?: Record<string, NormalisationSpec>;
  };
  missing?: {
    /** Carry the latest earlier year's value forward, flagged (default true). */
    carryForward?: boolean;
    /** How many years back a value may be carried (default: no limit). */
    maxCarryYears?: number | null;
  };
  weights?: {
    /** `framework` (the file's weights), `equal`, or `leaf-count` (∝ number of indicators below). */
    scheme?: 'framework' | 'equal' | 'leaf-count';
    /** Explicit weights by node code, applied over the scheme. */
    set?: Record<string, number>;
  };
  aggregation?: {
    method?: string;
    params?: Record<string, number>;
    /** Per-node override (the method that combines that node's children). */
    byNode?: Record<string, { method: string; params?: Record<string, number> }>;
  };
  reporting?: {
    /** Score threshold counted in group statistics (default 80). */
    threshold?: number;
    /** Decimals in summaries (default 2). */
    decimals?: number;
  };
}

/** A recipe with every default filled in. */
export type ResolvedRecipe = Recipe & {
  dataLag: number;
  firstEdition: number;
  normalisation: Recipe['normalisation'] & { scope: BoundsScope; params: Record<string, number> };
  missing: { carryForward: boolean; maxCarryYears: number | null };
  weights: { scheme: 'framework' | 'equal' | 'leaf-count'; set: Record<string, number> };
  aggregation: { method: string; params: Record<string, number>; byNode: Record<string, { method: string; params?: Record<string, number> }> };
  reporting: { threshold: number; decimals: number };
};
