/**
 * Plan-target attainment (chapter 1 of the report: "提前达到13%的预期目标值", "连续四年高于3500亿元的
 * 预期目标值", "连续第2年高于2025年预期目标"). Targets are data in the framework, on nodes and on
 * variables ({@link PlanTarget}); the values come from the run (indicator values) or the panel
 * (observed values of raw indicators and variables).
 */
import type { Framework, LocalName, PlanTarget } from '../framework/types.ts';
import type { Panel } from '../panel/panel.ts';
import type { EvaluationResult } from '../plan/result.ts';

/** Whether a year's value meets its target: `met-early` is met before the target year. */
export type TargetStatus = 'met' | 'met-early' | 'not-met';

/** One data year of a target's series. */
export interface TargetYear {
  /** Data year of the value. */
  year: number;
  /** The run's edition whose data year this is, when it is one. */
  edition?: number;
  value: number;
  status: TargetStatus;
  /** Consecutive years (this one included) the target has been met; 0 when not met. */
  running: number;
}

/** A target and how the series of its quantity stands against it. */
export interface TargetCheck {
  /** Node or variable code. */
  code: string;
  name: LocalName;
  unit: string;
  /** Whether the target sits on an indicator node or a variable. */
  on: 'node' | 'variable';
  target: PlanTarget;
  /** The unit (region) whose values are checked. */
  unitCode: string;
  /** Observed values by data year, ascending (carried-forward and imputed values left out). */
  series: TargetYear[];
  /** The latest year of the series up to the described data year (undefined: no data). */
  latest?: TargetYear;
  /** The year before `latest`, when observed (for the change). */
  previous?: TargetYear;
  /** First data year of the series that met the target (null: never). */
  firstMet: number | null;
}

/** Options of {@link checkTargets}. */
export interface CheckTargetsOptions {
  /** The unit whose values are checked (default: the run's only unit, else `CN`). */
  unit?: string;
  /** The data year described (default: the run's last data year); later years are ignored. */
  upTo?: number;
  /**
   * Observed values of raw indicators and variables (every year the data holds, before the run's
   * first data year too, so that "N years running" counts from the first). Without it, targets on
   * variables have no data and node targets read the run's values.
   */
  panel?: Panel;
}

/** Tolerance of a comparison with a target (values equal to a target meet it). */
const tol = (v: number): number => 1e-9 * Math.max(1, Math.abs(v));

/**
 * Whether a value meets a target: at least its value (`at-least`, the default) or at most
 * (`at-most`), a value equal to the target meeting it.
 * @example meets(13.04, { value: 13, year: 2025 }) // => true
 * @example meets(16, { value: 15, year: 2025, kind: 'at-most' }) // => false
 */
export function meets(value: number, target: PlanTarget): boolean {
  return target.kind === 'at-most' ? value <= target.value + tol(target.value) : value >= target.value - tol(target.value);
}

/**
 * Every plan target of a framework (nodes in framework order, then variables) checked against
 * the values of one unit: per data year met / met early (before the target year) / not met, how
 * many years running it has been met, the first year it was met, the latest value and the one
 * before it.
 */
export function checkTargets(fw: Framework, res: EvaluationResult, options: CheckTargetsOptions = {}): TargetCheck[] {
  const unitCode = options.unit ?? (res.units.length === 1 ? res.units[0]! : 'CN');
  const upTo = options.upTo ?? res.dataYears[res.dataYears.length - 1]!;
  const u = res.units.indexOf(unitCode);
  const U = res.units.length;
  const editionOf = new Map(res.dataYears.map((y, e) => [y, res.editions[e]!]));
  /** Values by data year: observed in the panel, else the run's values not carried forward or imputed. */
  const seriesOf = (code: string, raw: boolean): { year: number; value: number }[] => {
    const out = new Map<number, number>();
    if (options.panel && raw) {
      for (const y of options.panel.yearsOf(unitCode, code)) {
        const v = options.panel.value(unitCode, code, y);
        if (v !== null && Number.isFinite(v) && y <= upTo) out.set(y, v);
      }
    } else if (u >= 0 && res.values[code]) {
      res.dataYears.forEach((y, e) => {
        const k = e * U + u;
        const v = res.values[code]![k]!;
        const flag = res.flags[code]?.[k] ?? '';
        if (Number.isFinite(v) && y <= upTo && !/^(carried-forward|imputed|missing)/.test(flag)) out.set(y, v);
      });
    }
    return [...out].sort((a, b) => a[0] - b[0]).map(([year, value]) => ({ year, value }));
  };
  const checks: TargetCheck[] = [];
  const add = (code: string, name: LocalName, unit: string, on: 'node' | 'variable', targets: PlanTarget[], raw: boolean): void => {
    const obs = seriesOf(code, raw);
    for (const target of targets) {
      const series: TargetYear[] = [];
      obs.forEach(({ year, value }, i) => {
        const met = meets(value, target);
        const prev = series[i - 1];
        const running = met ? (prev && prev.year === year - 1 ? prev.running : 0) + 1 : 0;
        const edition = editionOf.get(year);
        series.push({ year, ...(edition !== undefined ? { edition } : {}), value, status: met ? (year < target.year ? 'met-early' : 'met') : 'not-met', running });
      });
      const latest = series[series.length - 1];
      const before = series[series.length - 2];
      const previous = latest && before && before.year === latest.year - 1 ? before : undefined;
      const first = series.find((s) => s.status !== 'not-met');
      checks.push({ code, name, unit, on, target, unitCode, series, ...(latest ? { latest } : {}), ...(previous ? { previous } : {}), firstMet: first ? first.year : null });
    }
  };
  for (const n of fw.nodes) if (n.targets?.length) add(n.code, n.name, n.unit ?? '', 'node', n.targets, n.kind === 'raw');
  for (const v of fw.variables) if (v.targets?.length) add(v.code, v.name, v.unit, 'variable', v.targets, true);
  return checks;
}
