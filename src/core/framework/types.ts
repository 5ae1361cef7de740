import type { Coverage, Provider } from './providers.ts';

/** Names in Chinese (required) and English (optional). */
export interface LocalName {
  zh: string;
  en?: string;
}

/**
 * A plan target for a node or a variable: the value to reach by a year (e.g. the 14th Five-Year
 * Plan's 预期目标). `year` is a data year (the year the value describes).
 */
export interface PlanTarget {
  value: number;
  year: number;
  /** `at-least` (default) or `at-most` for smaller-is-better targets. */
  kind?: 'at-least' | 'at-most';
  note?: string;
}

/** How a node came to be in the framework (provenance of the definition). */
export type NodeSource = 'seed-table' | 'seed-table3' | 'seed-table4' | 'seed-narrative' | 'reconstructed' | 'user';

/**
 * A node of the framework tree. Leaves are indicators (`raw`: read from data; `derived`:
 * computed by `formula` from raw variables); inner nodes are aggregates.
 */
export interface FrameworkNode {
  code: string;
  name: LocalName;
  parent: string | null;
  /** Weight relative to its siblings (≥ 0; default 1). */
  weight: number;
  /** Whether the file gives the weight (`weight:`), rather than taking the default 1. */
  weightGiven?: boolean;
  /** +1: larger is better; −1: smaller is better. */
  direction: 1 | -1;
  kind: 'aggregate' | 'raw' | 'derived';
  unit?: string;
  /**
   * The values the data may take (`range: [min, max]`, either end null for open), over what the
   * unit implies (a count ≥ 0, a share in % within 0–100). Raw indicators only.
   */
  range?: ValueRange;
  formula?: string;
  targets?: PlanTarget[];
  source?: NodeSource | string;
  /** Report table number (序号) where known. */
  number?: number;
  description?: string;
  /** Depth: root = 0. */
  level: number;
  children: string[];
  /** 1-based line in the definition file, for messages. */
  line?: number;
}

/** A raw variable that is not itself an indicator (a denominator such as population). */
export interface Variable {
  code: string;
  name: LocalName;
  unit: string;
  /** The values the data may take, over what the unit implies (see {@link FrameworkNode.range}). */
  range?: ValueRange;
  /** Plan targets on the variable (a quantity the plan sets a target for without an indicator of its own). */
  targets?: PlanTarget[];
  line?: number;
}

/** Bounds of the values a quantity may take: `[min, max]`, null for an open end. */
export type ValueRange = [number | null, number | null];

/** A validated framework. Nodes are listed parents before children, in file order. */
export interface Framework {
  id: string;
  version: string;
  name: LocalName;
  description?: string;
  /** Names of the levels, root first (e.g. 指数, 一级指标, 二级指标). */
  levelNames?: { zh: string[]; en?: string[] };
  root: string;
  nodes: FrameworkNode[];
  variables: Variable[];
  /**
   * The recipe the framework is evaluated with when none is given: a built-in name
   * (`cnipa-regional`, `default`) or a recipe file, relative to the framework file.
   */
  recipe?: string;
  /**
   * Units of measure of the framework's own (`custom_units`), beyond those the unit model knows
   * (see src/core/units): each is a dimension of its own.
   */
  customUnits?: string[];
  /** Data providers and the raw indicators and variables each supplies (`providers:`, `provider:`; see providers.ts). */
  providers?: Provider[];
  /** The units the framework's data covers (`coverage:`), for collection templates; default provinces. */
  coverage?: Coverage[];
  /** File name the framework was read from. */
  file?: string;
}
