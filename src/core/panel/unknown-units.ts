import type { UnitRegistry } from './registry.ts';
import type { Observation, UnitInfo } from './types.ts';

/** A unit the data names that the registry does not know, but that is close to a known one. */
export interface SuspectUnit {
  /** The unit as the data writes it (taken as a unit of the user's own). */
  unit: string;
  /** Where it first occurs. */
  file?: string;
  row?: number;
  /** How many rows name it. */
  rows: number;
  /** The known units it is close to (a misspelling, most likely). */
  suggestions: UnitInfo[];
}

/**
 * Units in the data that the registry does not know and that are within a small edit distance of
 * a known unit's code or name (`Guangdon` for Guangdong): the parser accepts a Latin-letter code
 * as a unit of the user's own, so a misspelt English province name would otherwise silently
 * become a new unit. Returns them in order of first occurrence; the caller reports them.
 * @example suspectUnits([{ unit: 'Guangdon', year: 2024, variable: 'R1', value: 1, file: 'a.csv', row: 7 }], provinceRegistry).map((s) => [s.unit, s.row, s.rows, s.suggestions.map((x) => x.code)]) // => [['Guangdon', 7, 1, ['440000']]]
 */
export function suspectUnits(observations: Iterable<Observation>, registry: UnitRegistry): SuspectUnit[] {
  const found = new Map<string, SuspectUnit | null>();
  for (const o of observations) {
    const seen = found.get(o.unit);
    if (seen) {
      seen.rows++;
      continue;
    }
    if (seen === null) continue;
    if (registry.resolve(o.unit)) {
      found.set(o.unit, null);
      continue;
    }
    const suggestions = registry.suggest(o.unit);
    found.set(o.unit, suggestions.length ? { unit: o.unit, ...(o.file !== undefined ? { file: o.file } : {}), ...(o.row !== undefined ? { row: o.row } : {}), rows: 1, suggestions } : null);
  }
  return [...found.values()].filter((x): x is SuspectUnit => x !== null);
}
