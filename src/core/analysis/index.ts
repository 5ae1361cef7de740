export { buildGroupings, type Group, type Grouping } from '../panel/groupings.ts';
export { groupStats, allUnitsGrouping, type GroupStat } from './group-stats.ts';
export { summarise, type SummaryOptions } from './summary.ts';
export { attribute, topDrivers, type Attribution, type AttributionOptions, type AttributionRow, type AttributionNote, type NodeChange, type Driver, type Drivers, type DriverOptions } from './attribution.ts';
export { attributionLines, type AttributionSummaryOptions } from './attribution-summary.ts';
export { familyOf, type SplitFamily } from './attribution-split.ts';
export { coherence, levelLabel, removalEffects, zeroWeightRemoves, type Coherence, type CoherenceOptions, type CoherenceFlag, type CorrelationRow, type GroupCoherence, type Importance, type RemovalEffect, type RemovalOptions } from './coherence/index.ts';
export { targetGap, type GapOptions, type TargetGap } from './gap.ts';
export { targetLabel, type GapTarget } from './gap-probe.ts';
export type { IndicatorGap, GapStatus, NumeratorChange } from './gap-single.ts';
export type { GapPlan, GapCost, PlanStep } from './gap-plan.ts';
export { gapLines, gapTable, gapPlanTable, gapJson, GAP_COLUMNS, GAP_PLAN_COLUMNS, type GapReportOptions } from './gap-report.ts';
export {
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
} from './uncertainty/index.ts';
