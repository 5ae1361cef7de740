export { buildGroupings, type Group, type Grouping } from '../panel/groupings.ts';
export { groupStats, allUnitsGrouping, type GroupStat } from './group-stats.ts';
export { summarise, type SummaryOptions } from './summary.ts';
