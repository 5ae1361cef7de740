import type { Expr } from '../expr/formula.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import type { AggregatorDef, ImputerDef, NormaliserDef, TreatOptions } from '../methods/index.ts';
import type { ResolvedRecipe } from '../recipe/types.ts';
import type { Warning } from '../warnings.ts';
import type { Cube } from '../panel/cube.ts';
import type { FlatTree } from './flat-tree.ts';
import type { ValueDomain } from './check-data.ts';

/** One indicator of a compiled plan: where its values come from and how it is scored. */
export interface LeafPlan {
  node: FrameworkNode;
  /** Node index in the flat tree. */
  at: number;
  /** Its formula (derived indicators), else read from the cube. */
  formula?: Expr;
  /** Cube variable index of a raw indicator, −1 when the data has none. */
  cubeVar: number;
  normaliser: { def: NormaliserDef; params: Record<string, number | string> };
  /** Whether outlier treatment applies to it. */
  treat: boolean;
  /** Its treatment options, when `treatment.byIndicator` gives it options of its own (else the plan's). */
  treatOptions?: TreatOptions;
  /** The variable it is divided by (recipe `denominate`), and the scale: x / (d / scale). */
  denominator?: { code: string; scale: number };
  /** Fixed bounds from the recipe (scope fixed). */
  fixedBounds?: [number, number];
}

/** One aggregate of a compiled plan. */
export interface AggregatePlan {
  node: FrameworkNode;
  at: number;
  /** Children as node indices. */
  children: number[];
  /** Weights of the children before renormalisation, when they do not depend on the scores. */
  staticWeights?: number[];
  /** Number of indicators below each child (for `leaf-count`). */
  leafCounts: number[];
  aggregator: { method: string; def: AggregatorDef; params: Record<string, number> };
}

/** Everything a run needs, resolved and validated once. */
export interface Compiled {
  framework: Framework;
  recipe: ResolvedRecipe;
  cube: Cube;
  tree: FlatTree;
  firstEdition: number;
  baseEdition: number;
  editions: number[];
  dataYears: number[];
  units: string[];
  /** Cube unit index of each unit of the run (−1: the cube has no data for it). */
  unitCube: Int32Array;
  /** Years of the indicator tables: the base year and earlier data years (for imputation) to the last data year. */
  years: number[];
  /** Cube year index of each table year (−1 outside the cube). */
  yearCube: Int32Array;
  /** Table row of each edition's data year, and of the base year (−1 when outside the tables). */
  editionRow: Int32Array;
  baseRow: number;
  leaves: LeafPlan[];
  /** Aggregates deepest first. */
  aggregates: AggregatePlan[];
  /**
   * Row imputation (recipe `missing.byRow`): the groups of leaf positions whose members fill each
   * other's gaps, and how.
   */
  byRow?: { groups: number[][]; method: 'mean' | 'median'; normaliseFirst: boolean };
  /** Imputation steps in order. */
  steps: { method: string; def: ImputerDef; params: Record<string, number> }[];
  groupOf?: (string | undefined)[];
  treatOptions: TreatOptions;
  /** What each raw input may be (counts ≥ 0, shares within 0–100, framework ranges); what-if values are checked against it. */
  domains: ReadonlyMap<string, ValueDomain>;
  /** Warnings of compiling (unit selection, implausible values, unused framework weights), reported before those of the run. */
  selectionWarnings: Warning[];
}
