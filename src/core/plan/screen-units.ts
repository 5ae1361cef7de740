import type { UnitScreen } from '../recipe/types.ts';

/** What a unit screen decided: the units kept, and those left out with their shares. */
export interface ScreenResult {
  kept: string[];
  removed: { unit: string; dataShare: number; nonZeroShare: number; forced: boolean }[];
}

/**
 * A unit screen by data availability (recipe `units.screen`, COINr `Screen()`). For each unit
 * and data year: the share of the indicators with a value, and the share of non-zero values
 * among those present (COINr `get_data_avail`: `Dat_Avail`, `Non_Zero`). A unit is left out
 * when, in a year of the run, the first is below `minData` (default 2/3; `by: missing`), the
 * second below `minNonZero` (default 0.05; `by: zeros`), or either (`missing-and-zeros`) — COINr
 * screens each year's coin on its own, ipindex keeps one set of units per run, so a unit failing
 * in one year is left out of every year. `include` keeps units whatever their data, `exclude`
 * leaves units out (COINr `Force`). `valueOf(indicator, unit, year)` reads the data screened.
 * @example screenUnits(['A', 'B'], ['x', 'y', 'z'], [0], (i, u) => (u === 'B' && i !== 'x' ? NaN : 1), { by: 'missing' }).kept // => ['A']
 */
export function screenUnits(units: readonly string[], indicators: readonly string[], years: readonly number[], valueOf: (indicator: string, unit: string, year: number) => number, screen: UnitScreen): ScreenResult {
  const minData = screen.minData ?? 2 / 3;
  const minNonZero = screen.minNonZero ?? 0.05;
  const include = new Set(screen.include ?? []);
  const exclude = new Set(screen.exclude ?? []);
  const n = indicators.length;
  const kept: string[] = [];
  const removed: ScreenResult['removed'] = [];
  for (const unit of units) {
    let worstData = 1;
    let worstNonZero = 1;
    let fails = false;
    for (const year of years) {
      let present = 0;
      let zeros = 0;
      for (const code of indicators) {
        const x = valueOf(code, unit, year);
        if (x !== x) continue;
        present++;
        if (x === 0) zeros++;
      }
      const dataShare = 1 - (n - present) / n;
      const nonZeroShare = 1 - zeros / present;
      worstData = Math.min(worstData, dataShare);
      if (nonZeroShare === nonZeroShare) worstNonZero = Math.min(worstNonZero, nonZeroShare);
      const lowData = dataShare < minData;
      const lowNonZero = nonZeroShare < minNonZero;
      if (screen.by === 'missing' ? lowData : screen.by === 'zeros' ? lowNonZero : lowData || lowNonZero) fails = true;
    }
    const out = exclude.has(unit) || (fails && !include.has(unit));
    if (out) removed.push({ unit, dataShare: worstData, nonZeroShare: worstNonZero, forced: exclude.has(unit) });
    else kept.push(unit);
  }
  return { kept, removed };
}
