export { parseUnit, combine, powUnit, sameDims, sameScale, formatDims, unitDomain, KNOWN_UNIT_WORDS } from './unit.ts';
export type { Unit, UnitOptions, UnitDomain } from './unit.ts';
