import { parseFormula, type Expr } from '../expr/formula.ts';
import type { Framework } from '../framework/types.ts';
import { deriveTables } from '../plan/derive.ts';
import type { Panel } from './panel.ts';

/** Indicator values for one unit: code → year → value (NaN = missing). */
export type IndicatorSeries = Map<string, Map<number, number>>;

/**
 * Computes every indicator of a framework for the given units and years: raw indicators are read
 * from the panel, derived ones evaluated from their formulas (a formula may read other derived
 * indicators). A derived value is missing when an input is missing or a denominator is zero.
 * The same derive stage as the evaluation plan's, laid out by unit for callers that want maps.
 */
export function deriveIndicators(fw: Framework, panel: Panel, units: string[], years: number[]): Map<string, IndicatorSeries> {
  const formulas = new Map<string, Expr>();
  for (const n of fw.nodes) if (n.kind === 'derived' && n.formula) formulas.set(n.code, parseFormula(n.formula));
  const cube = panel.cube();
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code);
  const tables = deriveTables({ cube, years, yearCube: Int32Array.from(years, (y) => cube.yearIndex(y)), unitCube: Int32Array.from(units, (u) => cube.unitIndex(u)), formulas }, leaves);
  const U = units.length;
  const out = new Map<string, IndicatorSeries>();
  units.forEach((unit, u) => {
    const series: IndicatorSeries = new Map();
    for (const code of leaves) {
      const t = tables.get(code)!;
      series.set(code, new Map(years.map((y, i) => [y, t[i * U + u]!])));
    }
    out.set(unit, series);
  });
  return out;
}
