import type { LocalName } from '../framework/types.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { GapProbe, ProbeOutcome } from './gap-probe.ts';
import { leafScore, type IndicatorProfile } from './gap-profile.ts';
import { smallestReaching } from './gap-search.ts';
import type { Follower, GapStatus, Standing } from './gap-single.ts';
import { tieBlock, type TieBlock } from './gap-ties.ts';

/**
 * What a plan over several indicators minimises: `normalised` — the sum of the normalised score
 * improvements (points of each indicator's normalised scale); `relative` — the sum of the
 * relative raw changes (% of each current value).
 */
export type GapCost = 'normalised' | 'relative';

/** One indicator change of a plan. */
export interface PlanStep {
  /** Position in the greedy order (1 = highest marginal gain per unit of cost). */
  order: number;
  code: string;
  name: LocalName;
  unit?: string;
  direction: 1 | -1;
  current: number;
  /** The value the plan gives it (a derived indicator: including what its changed inputs give it). */
  required: number;
  change: number;
  changePct: number | null;
  /** Change of the unit's normalised score on it, as re-evaluated. */
  normalisedChange: number;
  effectiveWeight: number;
  /** Whether the plan takes it to its cap (the normaliser's maximum). */
  atCap: boolean;
}

/** The cheapest plan found over several indicators. */
export interface GapPlan {
  cost: GapCost;
  status: Exclude<GapStatus, 'missing'>;
  feasible: boolean;
  steps: PlanStep[];
  /** Derived indicators outside the plan that moved with it. */
  follows: Follower[];
  /** The plan's cost: the sum of the steps' normalised changes, and of |change %|. */
  totalNormalised: number;
  totalRelative: number;
  /** The score gain the linear view asked for first, and the one the re-evaluated plan needed. */
  linearGain: number;
  gain: number;
  /** Score and rank the plan reaches (every indicator at its cap when infeasible). */
  outcome: Standing;
  tie?: TieBlock;
  /** Indicators left out of the plan, and why. */
  excluded: { code: string; why: 'missing' | 'no-room' | 'zero-weight' | 'zero-value' }[];
  evaluations: number;
}

interface Candidate {
  p: IndicatorProfile;
  /** Normalised points of room up to the cap. */
  room: number;
  /** Node score gained per unit of cost. */
  ratio: number;
}

/** What the plan needs besides the profiles. */
export interface PlanContext {
  probe: GapProbe;
  r0: EvaluationResult;
  nominal: ProbeOutcome;
  cost: GapCost;
  /** Relative tolerance on the score gain the plan is asked for. */
  tolerance: number;
}

/**
 * The cheapest plan over several indicators. The linear view — the node gains effective weight ×
 * normalised change of each indicator, each capped at its maximum — makes minimising the cost a
 * fractional knapsack, which the greedy order solves: indicators by marginal gain per unit of
 * cost (effective weight; × slope × |current| / 100 for the relative cost), each filled to its
 * cap before the next. The plan for a gain G is that allocation; the gain is then corrected by
 * re-evaluating the plan (bounds move, other units' scores with them): the smallest G whose plan
 * reaches the target, to `tolerance` × the largest gain, by {@link smallestReaching}. Infeasible
 * when every indicator at its cap does not reach the target.
 */
export function cheapestPlan(ctx: PlanContext, profiles: IndicatorProfile[]): GapPlan {
  const { probe, nominal, cost } = ctx;
  const start = probe.evaluations;
  const excluded: GapPlan['excluded'] = [];
  const cands: Candidate[] = [];
  for (const p of profiles) {
    if (!Number.isFinite(p.current)) excluded.push({ code: p.code, why: 'missing' });
    else if (!(p.effectiveWeight > 0)) excluded.push({ code: p.code, why: 'zero-weight' });
    else if (!(p.slope > 0) || !(p.capScore > p.score)) excluded.push({ code: p.code, why: 'no-room' });
    else if (cost === 'relative' && p.current === 0) excluded.push({ code: p.code, why: 'zero-value' });
    else cands.push({ p, room: p.capScore - p.score, ratio: cost === 'normalised' ? p.effectiveWeight : (p.effectiveWeight * p.slope * Math.abs(p.current)) / 100 });
  }
  // highest gain per cost first; then the one with more room (fewer changes), then framework order
  cands.sort((a, b) => b.ratio - a.ratio || b.room - a.room);
  const maxGain = cands.reduce((s, c) => s + c.p.effectiveWeight * c.room, 0);

  /** The greedy allocation for a gain: normalised points per candidate. */
  const allocate = (gain: number): number[] => {
    let left = gain;
    return cands.map((c) => {
      if (left <= 0) return 0;
      const ds = Math.min(c.room, left / c.p.effectiveWeight);
      left -= ds * c.p.effectiveWeight;
      return ds;
    });
  };
  /** The raw values of an allocation: a step along each indicator's secant to its cap. */
  const valuesOf = (alloc: number[]): Map<string, number> => {
    const m = new Map<string, number>();
    alloc.forEach((ds, i) => {
      if (!(ds > 0)) return;
      const c = cands[i]!;
      const t = ds >= c.room ? c.p.cap : (c.p.cap * ds) / c.room;
      m.set(c.p.code, c.p.current + c.p.direction * t);
    });
    return m;
  };
  const evaluate = (gain: number): ProbeOutcome => probe.at(withInputs(ctx, valuesOf(allocate(gain))));

  const linearGain = Math.max(0, nominal.needed - nominal.score);
  const report = (status: GapPlan['status'], gain: number, o: ProbeOutcome): GapPlan => {
    const alloc = allocate(gain);
    const k0 = probe.cellOf(ctx.r0);
    const k1 = probe.cellOf(o.result);
    const planned = new Set<string>();
    const steps: PlanStep[] = [];
    alloc.forEach((ds, i) => {
      if (!(ds > 0)) return;
      const p = cands[i]!.p;
      planned.add(p.code);
      const required = o.result.values[p.code]![k1]!;
      steps.push({
        order: i + 1,
        code: p.code,
        name: p.name,
        ...(p.unit ? { unit: p.unit } : {}),
        direction: p.direction,
        current: p.current,
        required,
        change: required - p.current,
        changePct: p.current !== 0 ? (100 * (required - p.current)) / Math.abs(p.current) : null,
        normalisedChange: leafScore(probe, o, p.code) - p.score,
        effectiveWeight: p.effectiveWeight,
        atCap: ds >= cands[i]!.room,
      });
    });
    const follows: Follower[] = [];
    for (const code of new Set(steps.flatMap((s) => profiles.find((p) => p.code === s.code)!.readers))) {
      if (planned.has(code)) continue;
      const from = ctx.r0.values[code]![k0]!;
      const to = o.result.values[code]![k1]!;
      if (from !== to) follows.push({ code, from, to });
    }
    const tie = status === 'reached' || status === 'met' ? undefined : tieBlock(probe, o);
    return {
      cost,
      status: tie ? 'tie' : status,
      feasible: status === 'reached' || status === 'met',
      steps,
      follows,
      totalNormalised: steps.reduce((s, x) => s + x.normalisedChange, 0),
      totalRelative: steps.reduce((s, x) => s + Math.abs(x.changePct ?? 0), 0),
      linearGain,
      gain,
      outcome: { score: o.score, rank: o.rank },
      ...(tie ? { tie } : {}),
      excluded,
      evaluations: probe.evaluations - start,
    };
  };

  if (nominal.reached) return report('met', 0, nominal);
  if (!cands.length) return report('capped', 0, nominal);
  const top = evaluate(maxGain);
  if (!top.reached) return report('capped', maxGain, top);
  const s = smallestReaching(evaluate, {
    lo: 0,
    loOutcome: nominal,
    hi: maxGain,
    hiOutcome: top,
    ...(linearGain > 0 && linearGain < maxGain ? { start: linearGain } : {}),
    tol: ctx.tolerance * maxGain,
  });
  return report('reached', s.hi, s.hiOutcome);
}

/**
 * The plan's values with derived indicators that read a changed raw indicator given what their
 * inputs now give them plus the plan's own change of them (so that both changes add up, as they
 * would in the data). One extra re-run when there is such a pair.
 */
function withInputs(ctx: PlanContext, values: Map<string, number>): Map<string, number> {
  const { probe, r0 } = ctx;
  const c = probe.plan.compiled;
  const isDerived = (code: string): boolean => !!c.leaves.find((l) => l.node.code === code)?.formula;
  const raw = new Map([...values].filter(([code]) => !isDerived(code)));
  const derived = [...values].filter(([code]) => isDerived(code));
  if (!raw.size || !derived.length) return values;
  const first = probe.at(raw);
  const k0 = probe.cellOf(r0);
  const k1 = probe.cellOf(first.result);
  const out = new Map(raw);
  for (const [code, v] of derived) out.set(code, v + (first.result.values[code]![k1]! - r0.values[code]![k0]!));
  return out;
}
