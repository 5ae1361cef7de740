import type { LocalName } from '../framework/types.ts';
import type { AggregateMethod } from '../methods/aggregate/index.ts';
import type { ImputeMethod } from '../methods/impute/index.ts';
import type { NormaliseMethod } from '../methods/normalise/registry.ts';
import type { LogShift, TreatMethod } from '../methods/treat.ts';
import type { EntropyOptions } from '../methods/weights/entropy.ts';
import type { PcaOptions } from '../methods/weights/pca.ts';
import type { WeightMethod } from '../methods/weights/registry.ts';

/**
 * Method names come from the registries of their families (NORMALISERS, IMPUTERS, TREATERS,
 * WEIGHTERS, AGGREGATORS); the few option values that are not methods are listed here, once, as
 * the values the validator accepts.
 */

/** Where normalisation bounds (min/max, mean/sd) come from. */
export const BOUNDS_SCOPES = ['per-year', 'pooled', 'fixed'] as const;
/** Where normalisation bounds (min/max, mean/sd) come from. */
export type BoundsScope = (typeof BOUNDS_SCOPES)[number];

/** Whether outlier treatment looks at each year separately or all years of the run together. */
export const TREAT_SCOPES = ['per-year', 'pooled'] as const;
/** Whether outlier treatment looks at each year separately or all years of the run together. */
export type TreatScope = (typeof TREAT_SCOPES)[number];

/** What happens to a child still missing at aggregation (see `missing.aggregate`). */
export const MISSING_AT_AGGREGATION = ['drop', 'row-mean'] as const;
/** What happens to a child still missing at aggregation (see `missing.aggregate`). */
export type MissingAtAggregation = (typeof MISSING_AT_AGGREGATION)[number];

/** Options of the data-driven weight schemes: entropy `standardise`, PCA `rotation` and `retain`. */
export interface DataWeightParams {
  standardise?: EntropyOptions['standardise'];
  rotation?: PcaOptions['rotation'];
  retain?: PcaOptions['retain'];
}

/** One normalisation choice. */
export interface NormalisationSpec {
  /** Method name (see `ipindex methods`). */
  method: NormaliseMethod;
  /** Method parameters over the defaults, e.g. {low: 60, span: 40}; `ref` is a unit code. */
  params?: Record<string, number | string>;
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
    /**
     * Imputation steps in order, each filling what is still missing (default: `['carry-forward']`
     * when carryForward is true, else none). Names: see `ipindex methods`.
     */
    steps?: (ImputeMethod | { method: ImputeMethod; params?: Record<string, number> })[];
    /** Grouping id whose groups the group-mean / group-median steps use (e.g. `region4`). */
    grouping?: string;
    /**
     * What to do with a child still missing at aggregation: `drop` it and renormalise the
     * weights of the present siblings (default), or `row-mean`: give it the unit's mean score
     * over its present siblings (COINr impute_by = "row"; the same for a weighted arithmetic mean
     * with equal weights, different for other aggregators).
     */
    aggregate?: MissingAtAggregation;
  };
  /** Outlier treatment before normalisation (default none). */
  treatment?: {
    method: TreatMethod;
    winMax?: number;
    skewThreshold?: number;
    kurtThreshold?: number;
    logFallback?: boolean;
    logShift?: LogShift;
    /** Treat each year separately or all years of the run together (default pooled). */
    scope?: TreatScope;
    /** Per-indicator method (e.g. exempt one indicator with `none`). */
    byIndicator?: Record<string, TreatMethod>;
  };
  weights?: {
    /**
     * `framework` (the file's weights), `equal`, `leaf-count` (∝ indicators below), `child-count`
     * (∝ a child's own children), or data-driven `entropy`, `critic`, `cv`, `pca`, `optimise`
     * (computed from the children's scores over all units and editions of the run), or `ahp`
     * (pairwise matrices in `ahp`).
     */
    scheme?: WeightScheme;
    /** Per-node scheme (the scheme that weighs that node's children). */
    byNode?: Record<string, WeightScheme>;
    /** AHP pairwise comparison matrices by node code, rows/columns in the order of its children. */
    ahp?: Record<string, number[][]>;
    /** Explicit weights by node code, applied over the scheme. */
    set?: Record<string, number>;
    /** Options of data-driven schemes: entropy `standardise` (min-max first), PCA `rotation` and `retain`. */
    params?: DataWeightParams;
  };
  aggregation?: {
    method?: AggregateMethod;
    params?: Record<string, number>;
    /** Per-node override (the method that combines that node's children). */
    byNode?: Record<string, { method: AggregateMethod; params?: Record<string, number> }>;
  };
  /** Which units take part. */
  units?: {
    /**
     * A unit with data for fewer than this share of the indicators of the best-covered unit is
     * left out with a warning (default 0.5): a national total in a provincial file, say.
     */
    minCoverage?: number;
  };
  /**
   * Checks on the data beyond those its units imply (a count ≥ 0, a share in % within 0–100,
   * a framework `range`).
   */
  checks?: {
    /**
     * The largest magnitude |x| taken as plausible for a value of the data (default
     * {@link DEFAULT_MAX_MAGNITUDE}, 10¹⁵): a larger one is used but raises the warning
     * `implausible-value`, naming the cell.
     */
    maxMagnitude?: number;
  };
  reporting?: {
    /** Score threshold counted in group statistics (default 80). */
    threshold?: number;
    /** Decimals in summaries (default 2). */
    decimals?: number;
  };
}

/**
 * Weight schemes read off the framework that are not weighting methods of WEIGHTERS: `framework`
 * (the file's weights) and `leaf-count` (∝ the indicators below each child).
 */
export const FRAMEWORK_SCHEMES = ['framework', 'leaf-count'] as const;

/**
 * How the children of a node are weighted: one of {@link FRAMEWORK_SCHEMES}, or a weighting
 * method of WEIGHTERS ({@link WeightMethod}: equal, child-count, the data-driven ones, ahp).
 */
export type WeightScheme = (typeof FRAMEWORK_SCHEMES)[number] | WeightMethod;

/** The default of `checks.maxMagnitude`: values beyond ±10¹⁵ are flagged as implausible. */
export const DEFAULT_MAX_MAGNITUDE = 1e15;

/** A recipe with every default filled in. */
export type ResolvedRecipe = Omit<Recipe, 'dataLag' | 'firstEdition' | 'normalisation' | 'missing' | 'treatment' | 'weights' | 'aggregation' | 'reporting' | 'units'> & {
  units: { minCoverage: number };
  dataLag: number;
  firstEdition: number;
  normalisation: Recipe['normalisation'] & { scope: BoundsScope; params: Record<string, number | string> };
  missing: { carryForward: boolean; maxCarryYears: number | null; steps: { method: ImputeMethod; params: Record<string, number> }[]; grouping?: string; aggregate: MissingAtAggregation };
  treatment: NonNullable<Recipe['treatment']>;
  weights: { scheme: WeightScheme; byNode: Record<string, WeightScheme>; ahp: Record<string, number[][]>; set: Record<string, number>; params: DataWeightParams };
  aggregation: { method: AggregateMethod; params: Record<string, number>; byNode: Record<string, { method: AggregateMethod; params?: Record<string, number> }> };
  reporting: { threshold: number; decimals: number };
};
