export { buildGroupings, type Group, type Grouping } from '../panel/groupings.ts';
export { groupStats, allUnitsGrouping, type GroupStat } from './group-stats.ts';
export { summarise, type SummaryOptions } from './summary.ts';
export { attribute, topDrivers, type Attribution, type AttributionOptions, type AttributionRow, type AttributionNote, type NodeChange, type Driver, type Drivers, type DriverOptions } from './attribution.ts';
export { attributionLines, type AttributionSummaryOptions } from './attribution-summary.ts';
export { familyOf, type SplitFamily } from './attribution-split.ts';
export { coherence, levelLabel, removalEffects, zeroWeightRemoves, type Coherence, type CoherenceOptions, type CoherenceFlag, type CorrelationRow, type GroupCoherence, type Importance, type RemovalEffect, type RemovalOptions } from './coherence/index.ts';
