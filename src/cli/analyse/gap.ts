import { Option, type Command } from 'commander';
import { IpIndexError } from '../../core/index.ts';
import { targetGap, type GapOptions } from '../../core/analysis/gap.ts';
import { gapJson, gapLines, gapPlanTable, gapTable } from '../../core/analysis/gap-report.ts';
import type { AnalysisCommand } from './register.ts';
import type { AnalyseOptions, AnalysisOutput, Prepared } from './common.ts';

const positiveInt = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !(n >= 1)) throw new IpIndexError(`${flag} must be a whole number ≥ 1, got "${v}"`);
  return n;
};
const number = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new IpIndexError(`${flag} must be a number, got "${v}"`);
  return n;
};

/** The gap command's own options, as commander parses them. */
interface GapCliOptions {
  unit: string;
  node?: string;
  rank?: number;
  score?: number;
  indicators?: string;
  cost: 'normalised' | 'relative';
  top: number;
  reach?: number;
}

/** The gap's options from the command line: the unit resolved as `whatif` resolves it, the target checked. */
export function gapOptions(p: Prepared, o: AnalyseOptions & GapCliOptions): GapOptions {
  const plan = p.plan;
  const unit = p.inputs.registry.resolve(o.unit)?.code ?? (plan.units.includes(o.unit) ? o.unit : undefined);
  if (!unit) throw new IpIndexError(`--unit ${o.unit}: expected a known unit (a 6-digit code, a province name or CN), got "${o.unit}"`);
  if (!plan.units.includes(unit)) throw new IpIndexError(`--unit ${o.unit}: ${p.unitName(unit)} (${unit}) is not in this run (too little data, or not in the data files)`);
  if ((o.rank === undefined) === (o.score === undefined)) throw new IpIndexError('analyse gap: give one target, --rank K (rank K or better) or --score S (a score of at least S)');
  if (o.rank !== undefined && o.rank > plan.units.length) throw new IpIndexError(`--rank ${o.rank}: the run has ${plan.units.length} units`);
  const indicators = o.indicators?.split(/[,，\s]+/).filter(Boolean);
  return {
    unit,
    ...(o.node ? { node: o.node } : {}),
    edition: o.edition,
    target: o.rank !== undefined ? { rank: o.rank } : { score: o.score! },
    ...(indicators?.length ? { indicators } : {}),
    cost: o.cost,
    ...(o.reach !== undefined ? { reach: o.reach } : {}),
  };
}

/** `ipindex analyse gap`: what it would take a unit to reach a rank or a score (目标差距分析). */
export const GAP_COMMAND: AnalysisCommand = {
  name: 'gap',
  description: 'target gap: the smallest change of each indicator, and the cheapest plan over several, that takes a unit to a rank or score (目标差距)',
  options: (cmd: Command) =>
    cmd
      .requiredOption('--unit <unit>', 'the unit: a code or a name (海南, 460000)')
      .option('-n, --node <code>', 'the node whose rank or score is the target (default: the index)')
      .option('--rank <k>', 'target: rank k or better', positiveInt('--rank'))
      .option('--score <s>', 'target: a score of at least s', number('--score'))
      .option('--indicators <codes>', 'only these indicators, comma-separated (default: every indicator below the node)')
      .addOption(new Option('--cost <measure>', 'what the plan minimises: the sum of normalised improvements, or of relative raw changes (%)').choices(['normalised', 'relative']).default('normalised'))
      .option('--top <n>', 'single-indicator answers printed (the CSV has all)', positiveInt('--top'), 10)
      .option('--reach <x>', 'search values up to x times the indicator range beyond the observed extreme (default 1000)', number('--reach')),
  run: (p: Prepared, o: AnalyseOptions): AnalysisOutput => {
    const go = gapOptions(p, o as AnalyseOptions & GapCliOptions);
    const g = targetGap(p.plan, go);
    const report = { lang: o.lang, unitName: p.unitName, top: (o as unknown as GapCliOptions).top };
    return {
      lines: gapLines(g, report),
      tables: { gap: gapTable(g, report), 'gap-plan': gapPlanTable(g, report) },
      json: { gap: gapJson(g, report) },
      manifest: { unit: g.unit, node: g.node, edition: g.edition, target: g.targetLabel, cost: go.cost, tolerance: g.tolerance, reach: g.reach, evaluations: g.evaluations },
    };
  },
};
