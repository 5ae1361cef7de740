/**
 * Where the time of a full run goes: each stage of a compiled plan timed alone, on the plan's
 * own inputs (the stage modules are the ones `plan.run()` calls).
 */
import type { Plan } from '../src/core/index.ts';
import { aggregateNode } from '../src/core/plan/aggregate-stage.ts';
import { deriveTables } from '../src/core/plan/derive.ts';
import { imputeLeaf } from '../src/core/plan/impute-stage.ts';
import { normaliseLeaf } from '../src/core/plan/normalise-stage.ts';
import { Ranks } from '../src/core/plan/ranks.ts';
import { Arena } from '../src/core/plan/arena.ts';
import { time } from './timing.ts';

/** Median time of each stage over `runs` runs. */
export function stageTimes(plan: Plan, runs: number): { stage: string; median: number }[] {
  const c = plan.compiled;
  const formulas = new Map(c.leaves.filter((l) => l.formula).map((l) => [l.node.code, l.formula!]));
  const source = { cube: c.cube, years: c.years, yearCube: c.yearCube, unitCube: c.unitCube, formulas };
  const codes = c.leaves.map((l) => l.node.code);
  const tables = deriveTables(source, codes);
  const imputed = c.leaves.map((l) => imputeLeaf(c, tables.get(l.node.code)!));
  const scores = new Map<number, Float64Array>();
  c.leaves.forEach((l, i) => scores.set(l.at, normaliseLeaf(c, l, imputed[i]!.values, imputed[i]!.table).scores));
  const aggregate = (): void => {
    const arena = new Arena();
    for (const a of c.aggregates) scores.set(a.at, aggregateNode(c, a, a.children.map((ch) => scores.get(ch)!), { arena }).scores);
  };
  aggregate();
  const editions = c.editions.map((_, e) => e);
  return [
    // each stage with an arena of its own, as a run gives its stages one
    { stage: 'derive (raw indicators gathered, 30 formulas evaluated over whole tables)', median: time(runs, () => deriveTables(source, codes, undefined, undefined, new Arena()), 5).median },
    {
      stage: 'impute (carry-forward in place, flags)',
      median: time(runs, () => {
        const arena = new Arena();
        c.leaves.forEach((l) => imputeLeaf(c, tables.get(l.node.code)!, arena));
      }, 5).median,
    },
    {
      stage: 'normalise (pooled efficacy coefficient)',
      median: time(runs, () => {
        const arena = new Arena();
        c.leaves.forEach((l, i) => normaliseLeaf(c, l, imputed[i]!.values, imputed[i]!.table, undefined, arena));
      }, 5).median,
    },
    { stage: 'aggregate (13 nodes, missing children dropped)', median: time(runs, aggregate, 5).median },
    {
      stage: 'rank (99 nodes × editions)',
      median: time(runs, () => {
        const r = new Ranks(c.units.length, editions, (at) => scores.get(at)!, undefined, undefined, new Arena());
        c.tree.nodes.forEach((_, at) => r.get(at));
      }, 5).median,
    },
  ];
}
