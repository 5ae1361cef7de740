import { evaluateFormula, parseFormula, type Expr } from '../expr/formula.ts';
import type { Framework } from '../framework/types.ts';
import type { Panel } from './panel.ts';

/** Indicator values for one unit: code → year → value (NaN = missing). */
export type IndicatorSeries = Map<string, Map<number, number>>;

/**
 * Computes every indicator of a framework for the given units and years: raw indicators are read
 * from the panel, derived ones evaluated from their formulas (a formula may read other derived
 * indicators). A derived value is missing when an input is missing or a denominator is zero.
 */
export function deriveIndicators(fw: Framework, panel: Panel, units: string[], years: number[]): Map<string, IndicatorSeries> {
  const formulas = new Map<string, Expr>();
  for (const n of fw.nodes) if (n.kind === 'derived' && n.formula) formulas.set(n.code, parseFormula(n.formula));
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate');
  const out = new Map<string, IndicatorSeries>();
  for (const unit of units) {
    const series: IndicatorSeries = new Map();
    for (const year of years) {
      const memo = new Map<string, number | null>();
      const get = (code: string): number | null => {
        if (memo.has(code)) return memo.get(code)!;
        const f = formulas.get(code);
        const v = f ? evaluateFormula(f, get) : panel.value(unit, code, year);
        memo.set(code, v);
        return v;
      };
      for (const n of leaves) {
        let m = series.get(n.code);
        if (!m) series.set(n.code, (m = new Map()));
        m.set(year, get(n.code) ?? NaN);
      }
    }
    out.set(unit, series);
  }
  return out;
}
