import type { LocalName } from '../framework/types.ts';
import type { AggregateMethod } from '../methods/aggregate/index.ts';
import type { ImputeMethod } from '../methods/impute/index.ts';
import type { NormaliseMethod } from '../methods/normalise/registry.ts';
import type { LogShift, TreatFallback, TreatMethod } from '../methods/treat.ts';
import type { RankTies } from '../methods/rank.ts';
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

/** Which data availability a unit screen tests (COINr `Screen(unit_screen = …)`). */
export const SCREEN_BY = ['missing', 'zeros', 'missing-and-zeros'] as const;
/** Which data availability a unit screen tests (COINr `Screen(unit_screen = …)`). */
export type ScreenBy = (typeof SCREEN_BY)[number];

/** Whether a unit screen counts the data as read (`raw`) or after imputation (`imputed`). */
export const SCREEN_STAGES = ['raw', 'imputed'] as const;
/** Whether a unit screen counts the data as read (`raw`) or after imputation (`imputed`). */
export type ScreenStage = (typeof SCREEN_STAGES)[number];

/** The statistics of row imputation (`missing.byRow.method`). */
export const ROW_STATS = ['mean', 'median'] as const;
/** The statistics of row imputation (`missing.byRow.method`). */
export type RowStat = (typeof ROW_STATS)[number];

/**
 * A unit screen by data availability (COINr `Screen()`): a unit whose share of indicators with a
 * value is below `minData` (`by: missing`), or whose share of non-zero values among those present
 * is below `minNonZero` (`by: zeros`), or either (`missing-and-zeros`), is left out of the run,
 * except the units `include` names; the units `exclude` names are always left out.
 */
export interface UnitScreen {
  by: ScreenBy;
  /** Least share of indicators with a value (default 2/3, COINr `dat_thresh`). */
  minData?: number;
  /** Least share of non-zero values among the values present (default 0.05, COINr `nonzero_thresh`). */
  minNonZero?: number;
  /** Units kept whatever their data (COINr `Force`, `Include = TRUE`). */
  include?: string[];
  /** Units always left out (COINr `Force`, `Include = FALSE`). */
  exclude?: string[];
  /** Count the data as read (`raw`, default) or after the imputation steps (`imputed`, as COINr's `Screen(dset = "Imputed")`). */
  stage?: ScreenStage;
}

/** Per-indicator outlier treatment: a method name, or a method with options over the recipe's. */
export type TreatmentSpec =
  | TreatMethod
  | { method?: TreatMethod; winMax?: number; skewThreshold?: number; kurtThreshold?: number; logFallback?: boolean; logShift?: LogShift; fallback?: TreatFallback; lambda?: number };

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
    /**
     * Row imputation written into the data (COINr `Impute(impute_by = "row", group_level = …)`):
     * after the steps, a unit's missing indicator takes the mean (or median) of the same unit's
     * present indicators in the same group — the indicators below one node of tree level
     * `level` (default: the indicator's parent) — computed on values min-max scaled to [0, 1]
     * (directions applied) and scaled back, unless `normaliseFirst` is false.
     */
    byRow?: { method?: RowStat; level?: number; normaliseFirst?: boolean };
  };
  /**
   * Denomination before imputation (COINr `Denominate()`): each indicator named here is divided
   * by a variable of the data (e.g. `GDP`), scaled: x / (denominator / scale). The indicator's
   * own unit is kept as a label (free-text units such as "USD Bn" are opaque).
   */
  denominate?: {
    /** Indicator code → the variable it is divided by. */
    byIndicator: Record<string, string>;
    /** Indicator code → scale factor (default 1, COINr `ScaleFactor`). */
    scale?: Record<string, number>;
  };
  /** How ranks are made. */
  ranking?: {
    /**
     * `tolerant` (default): scores within a relative 1e-9 tie, so rounding noise never splits a
     * tie; `exact`: only equal numbers tie, as COINr (R's `rank(ties.method = "min")`) ranks.
     */
    ties?: RankTies;
  };
  /** Outlier treatment before normalisation (default none). */
  treatment?: {
    method: TreatMethod;
    winMax?: number;
    skewThreshold?: number;
    kurtThreshold?: number;
    logFallback?: boolean;
    logShift?: LogShift;
    /**
     * What replaces the values when winsorising `winMax` points is not enough: `log` (default,
     * the log of `logShift`), COINr's `log_CT`, `log_CT_plus`, `log_CT_orig`, `boxcox`
     * (with `lambda`), or `none` (keep the winsorised values, as `logFallback: false`).
     */
    fallback?: TreatFallback;
    /** λ of the `boxcox` fallback. */
    lambda?: number;
    /** Treat each year separately or all years of the run together (default pooled). */
    scope?: TreatScope;
    /** Per-indicator method, or method with options (e.g. exempt one indicator with `none`; `{winMax: 1}`). */
    byIndicator?: Record<string, TreatmentSpec>;
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
    /**
     * Least share of a node's children with a score for the node to get one (default 0: one
     * child is enough); below it the aggregate is missing. COINr `Aggregate(dat_thresh = …)`.
     */
    minData?: number;
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
    /** A unit screen by data availability (COINr `Screen()`); none by default. */
    screen?: UnitScreen;
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
  units: { minCoverage: number; screen?: UnitScreen };
  dataLag: number;
  firstEdition: number;
  normalisation: Recipe['normalisation'] & { scope: BoundsScope; params: Record<string, number | string> };
  missing: { carryForward: boolean; maxCarryYears: number | null; steps: { method: ImputeMethod; params: Record<string, number> }[]; grouping?: string; aggregate: MissingAtAggregation; byRow?: { method: RowStat; level?: number; normaliseFirst: boolean } };
  treatment: NonNullable<Recipe['treatment']>;
  weights: { scheme: WeightScheme; byNode: Record<string, WeightScheme>; ahp: Record<string, number[][]>; set: Record<string, number>; params: DataWeightParams };
  aggregation: { method: AggregateMethod; params: Record<string, number>; byNode: Record<string, { method: AggregateMethod; params?: Record<string, number> }>; minData?: number };
  reporting: { threshold: number; decimals: number };
};
