// report model: the report as data (document blocks, tables, narrative with facts, plan targets)
export type { ReportDocument, ReportBlock, ReportMeta, HeadingBlock, ParagraphBlock, TableBlock, TableCell, FigureBlock, NarrativeFact } from './document.ts';
export { buildReport, type ReportRun, type ReportOptions } from './build.ts';
export { checkTargets, meets, type TargetCheck, type TargetStatus, type TargetYear, type CheckTargetsOptions } from './targets.ts';
export { nationalTable, levelTable, groupTable, targetsTable, targetYearsTable, statusText, type TableContext } from './tables.ts';
export { figureCaption, defaultFigures, type DefaultFiguresOptions, type FigureKind, type FigureMaker, type FigureRequest, type FigureSpec } from './figures.ts';
export { nationalNarrative, type NationalNarrative } from './narrative-national.ts';
export { regionalNarrative, type RegionalNarrative } from './narrative-regional.ts';
export { targetsNarrative, decimalsOf, valueDecimals, type TargetsNarrative } from './narrative-targets.ts';
export { narrativeContext, type NarrativeContext } from './narrative-common.ts';
export { Prose, fixed, type Lang } from './text.ts';
