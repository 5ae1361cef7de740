/**
 * COINr format (the R package COINr, JRC): conversion between COINr's two input tables and
 * ipindex's framework, tidy data and groupings. Pure: tables (rows of strings) in, plain
 * objects out — no file access, usable in Node and the browser.
 *
 * - iMeta (`Level, iCode, iName, Direction, Weight, Unit, Target, Denominator, Parent, Type`):
 *   Type `Indicator` rows (Level 1) are indicators, `Aggregate` rows (Level ≥ 2) are groups,
 *   the highest-level aggregate is the index; `Denominator` rows become framework variables;
 *   `Group` rows name the unit grouping columns of iData; `Other` rows are ignored.
 * - iData (`uName, uCode, <group columns>, Time, <iCodes…>`): wide, one row per unit and year.
 *
 * COINr levels count up from the indicators (Level 1); ipindex levels count down from the
 * root (level 0). A COINr tree is balanced: every indicator is at Level 1 and every parent is
 * exactly one level up.
 */
export {
  COINR_IMETA_COLUMNS,
  coinrToFramework,
  frameworkToCoinr,
  type CoinrType,
  type RawFrameworkNode,
  type RawFramework,
  type CoinrGroupColumn,
  type CoinrFrameworkImport,
  type CoinrFrameworkOptions,
  type FrameworkToCoinrOptions,
} from './coinr/imeta.ts';
export {
  coinrToObservations,
  observationsToCoinr,
  type RawGroupings,
  type CoinrDataOptions,
  type CoinrDataImport,
  type ObservationsToCoinrOptions,
} from './coinr/idata.ts';
