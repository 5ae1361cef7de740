/**
 * ipindex core: pure TypeScript (no I/O, no Node-only APIs). Runs in Node and the browser.
 *
 * The public entry of the core: every name here is listed explicitly (no `export *`), grouped by
 * area. A name not listed is internal to its area and may change without notice.
 */

// errors and warnings: typed errors carrying problems (file, line, node), warnings as values
export {
  IpIndexError,
  FrameworkError,
  DataError,
  RecipeError,
  EditionsWithoutDataError,
  MethodError,
  FormulaError,
  UnitError,
  formatProblem,
  type Problem,
} from './errors.ts';
export { WARNINGS, isWarningCode, type Warning, type WarningCode } from './warnings.ts';

// units of measure: parse, combine and compare the units indicators are stated in
export { parseUnit, combine, powUnit, sameDims, sameScale, formatDims, type Unit } from './units/index.ts';

// formulas: derived indicators such as `R18 / POP`
export { parseFormula, formulaVariables, evaluateFormula, inferFormulaUnit, type Expr } from './expr/index.ts';

// framework: the indicator tree, weights, directions, targets; parse, build and walk it
export {
  parseFramework,
  buildFramework,
  nodeMap,
  indicators,
  aggregatesBottomUp,
  leavesUnder,
  nodesAtLevel,
  nodeName,
  type BuildFrameworkOptions,
  type Framework,
  type FrameworkNode,
  type Variable,
  type LocalName,
  type PlanTarget,
  type NodeSource,
} from './framework/index.ts';

// panel: tidy observations (unit, year, variable, value, flags), units and derived indicators
export {
  Panel,
  UnitRegistry,
  NATIONAL_UNIT,
  deriveIndicators,
  parseTidyTable,
  parseTidyCsv,
  parseTidyJson,
  parseNumberCell,
  type Observation,
  type UnitInfo,
  type IndicatorSeries,
  type ParseDataOptions,
} from './panel/index.ts';

// methods — normalisation: one registry of normalisers, each usable on a plain vector
export {
  NORMALISERS,
  resolveNormaliser,
  normalise,
  type NormaliseMethod,
  type NormaliseOptions,
  type NormaliseResult,
  type NormaliseFn,
  type NormaliseContext,
  type NormaliserDef,
  type NormaliseParams,
} from './methods/index.ts';

// methods — aggregation: weighted means and their relatives, over vectors and unit × child matrices
export {
  AGGREGATORS,
  resolveAggregator,
  aggregate,
  aggregatePresent,
  aggregateMatrix,
  type AggregateMethod,
  type AggregateFn,
  type MatrixAggregateFn,
  type AggregatorDef,
  type AggregateOptions,
} from './methods/index.ts';

// methods — weights: fixed schemes, data-driven weighters (entropy, CRITIC, CV, PCA, optimise), AHP
export {
  WEIGHTERS,
  resolveWeighter,
  weightsFromData,
  weigh,
  equalWeights,
  childCountWeights,
  entropyWeights,
  criticWeights,
  cvWeights,
  ahpWeights,
  assertConsistent,
  pcaWeights,
  optimiseWeights,
  eigenSymmetric,
  correlationMatrix,
  varimax,
  type WeightMethod,
  type DataWeightMethod,
  type WeighterDef,
  type WeighOptions,
  type WeighParams,
  type DataWeightOptions,
  type EntropyOptions,
  type AhpOptions,
  type AhpResult,
  type EigenResult,
  type PcaOptions,
  type PcaResult,
  type OptimiseOptions,
  type OptimiseResult,
} from './methods/index.ts';

// methods — outlier treatment and distribution shape
export {
  TREATERS,
  resolveTreater,
  treat,
  treatOutliers,
  skewness,
  kurtosis,
  type TreatMethod,
  type TreaterDef,
  type TreatEntryOptions,
  type TreatOptions,
  type TreatResult,
} from './methods/index.ts';

// methods — imputation of missing values (time-based, cross-sectional, row mean)
export {
  IMPUTERS,
  resolveImputer,
  impute,
  carryForward,
  interpolate,
  indicatorMean,
  indicatorMedian,
  groupMean,
  groupMedian,
  rowMean,
  type ImputeMethod,
  type ImputeFn,
  type ImputerDef,
  type ImputeContext,
  type ImputeOptions,
  type ImputeResult,
  type TimeImputeOptions,
  type YearUnitValues,
} from './methods/index.ts';

// methods — ranks and descriptive statistics
export { rankDescending, mean, median, sd, extent, finite, mulberry32 } from './methods/index.ts';

// recipe: the typed, JSON-serialisable pipeline spec; resolve it and evaluate a framework on a panel
export {
  BUILTIN_RECIPES,
  resolveRecipe,
  evaluate,
  cell,
  childWeights,
  type Recipe,
  type ResolvedRecipe,
  type NormalisationSpec,
  type BoundsScope,
  type EvaluateOptions,
  type EvaluationResult,
} from './recipe/index.ts';

// analysis: unit groupings, group statistics and the printed summary
export {
  buildGroupings,
  groupStats,
  allUnitsGrouping,
  summarise,
  type Group,
  type Grouping,
  type GroupStat,
  type SummaryOptions,
} from './analysis/index.ts';

// analysis: why scores moved, statistical coherence, uncertainty and sensitivity, target gaps
export {
  attribute,
  topDrivers,
  attributionLines,
  coherence,
  removalEffects,
  targetGap,
  DEFAULT_SPEC,
  SpecError,
  resolveSpec,
  replicationSetup,
  uncertaintyAnalysis,
  sensitivityAnalysis,
  inlineRunner,
  sobolIndices,
  sobolPoints,
  saltelliDesign,
  type Attribution,
  type AttributionRow,
  type Coherence,
  type TargetGap,
  type GapTarget,
  type UncertaintySpec,
  type UncertainInput,
  type ResolvedSpec,
  type ReplicationSetup,
  type DesignRunner,
  type UncertaintyResult,
  type RankInterval,
  type SensitivityResult,
  type SensitivityRow,
  type SobolIndex,
} from './analysis/index.ts';

// charts: chart models (ECharts option objects: data, not pictures)
export * from './charts/index.ts';

// report model: the report as data — document blocks, tables, narrative with its facts, plan targets
export {
  buildReport,
  checkTargets,
  meets,
  nationalTable,
  levelTable,
  groupTable,
  targetsTable,
  figureCaption,
  defaultFigures,
  type DefaultFiguresOptions,
  type ReportRun,
  type ReportOptions,
  type ReportDocument,
  type ReportBlock,
  type ReportMeta,
  type HeadingBlock,
  type ParagraphBlock,
  type TableBlock,
  type TableCell,
  type FigureBlock,
  type NarrativeFact,
  type TargetCheck,
  type TargetStatus,
  type TargetYear,
  type FigureMaker,
  type FigureKind,
  type FigureSpec,
} from './report-model/index.ts';

// text: CSV parsing and writing shared by every adapter
export { parseCsv, parseCsvRecords, toCsv, csvField, formatNumber, type CsvRecord } from './text/csv.ts';

// evaluation plan (src/core/plan): compile a framework × recipe over a cube once, run and re-run it
export { compile, Plan, WEIGHT_SCHEMES, type CompileOptions, type Changes, type CellChange, type SchemeDef, type SchemeContext } from './plan/index.ts';
export { Cube, type DenseInput } from './panel/index.ts';

// import: tables as analysts have them (tidy or wide, mapped foreign codes) → observations; validation findings
export {
  readSheets,
  readTable,
  parseValueCell,
  parseYearCell,
  parseMapping,
  mappingFor,
  validateObservations,
  findingToProblem,
  sortFindings,
  errorCount,
  type Sheet,
  type Cell,
  type Finding,
  type Mapping,
  type MappingFile,
  type TableShape,
  type ReadSheetsOptions,
  type ReadSheetsResult,
  type ValidateOptions,
  type ValidationThresholds,
} from './import/index.ts';
