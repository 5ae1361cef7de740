export { parseUnit, combine, powUnit, sameDims, sameScale, formatDims } from './unit.ts';
export type { Unit } from './unit.ts';
