export type { Observation, UnitInfo } from './types.ts';
export { Panel } from './panel.ts';
export { Cube, type DenseInput } from './cube.ts';
export { UnitRegistry, NATIONAL_UNIT } from './registry.ts';
export { deriveIndicators, type IndicatorSeries } from './derive.ts';
export { parseTidyTable, parseTidyCsv, parseTidyJson, parseNumberCell, type ParseDataOptions } from './parse.ts';
