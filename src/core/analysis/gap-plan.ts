import type { LocalName } from '../framework/types.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { GapProbe, ProbeOutcome } from './gap-probe.ts';
import { leafScore, type IndicatorProfile } from './gap-profile.ts';
import { smallestReaching } from './gap-search.ts';
import { followersOf, type Follower, type GapStatus, type IndicatorGap, type Standing } from './gap-single.ts';
import { tieBlock, type TieBlock } from './gap-ties.ts';

/**
 * What a plan over several indicators minimises: `normalised` — the sum of the normalised score
 * improvements (points of each indicator's normalised scale); `relative` — the sum of the
 * relative raw changes (% of each current value).
 */
export type GapCost = 'normalised' | 'relative';

/** One indicator change of a plan. */
export interface PlanStep {
  /** Position in the plan (greedy plans: 1 = the highest marginal gain per unit of cost). */
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
  /**
   * `greedy`: the greedy linear plan, its gain corrected by re-evaluation; `single`: one of the
   * single-indicator answers, which cost less than that (a plan may be one change).
   */
  from: 'greedy' | 'single';
  steps: PlanStep[];
  /** Derived indicators outside the plan that moved with it. */
  follows: Follower[];
  /** The plan's cost: the sum of the normalised changes of its steps and of the derived indicators that follow them, and the sum of the steps' |change %|. */
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
 * reaches the target, to `tolerance` × the largest gain, by {@link smallestReaching}. When one of
 * the single-indicator answers (`singles`, verified) within its cap costs less, it is the plan.
 * A plan keeps every indicator within its cap — for bounds pooled over the run, at most the best
 * value observed, so the bounds do not move up — and is infeasible when every indicator at its
 * cap does not reach the target (a single answer may go past the cap).
 */
export function cheapestPlan(ctx: PlanContext, profiles: IndicatorProfile[], singles: IndicatorGap[] = []): GapPlan {
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
      // a step of ds/slope, at most the cap (for a cap at a bound the secant makes them meet)
      const t = ds >= c.room ? c.p.cap : Math.min(c.p.cap, c.p.capIsBound ? (c.p.cap * ds) / c.room : ds / c.p.slope);
      m.set(c.p.code, c.p.current + c.p.direction * t);
    });
    return m;
  };
  const evaluate = (gain: number): ProbeOutcome => probe.at(withInputs(ctx, valuesOf(allocate(gain))));

  const linearGain = Math.max(0, nominal.needed - nominal.score);
  /** The plan the outcome `o` came from: the candidates picked (by index) and whether each is at its cap. */
  const report = (status: GapPlan['status'], gain: number, o: ProbeOutcome, picks: { i: number; atCap: boolean }[], from: GapPlan['from']): GapPlan => {
    const k1 = probe.cellOf(o.result);
    const planned = new Set<string>();
    const steps: PlanStep[] = picks.map(({ i, atCap }, n) => {
      const p = cands[i]!.p;
      planned.add(p.code);
      const required = o.result.values[p.code]![k1]!;
      return {
        order: n + 1,
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
        atCap,
      };
    });
    const readers = new Set(steps.flatMap((s) => profiles.find((p) => p.code === s.code)!.readers));
    const follows = followersOf(probe, ctx.r0, o.result, [...readers].filter((code) => !planned.has(code)));
    const tie = status === 'reached' || status === 'met' ? undefined : tieBlock(probe, o);
    return {
      cost,
      status: tie ? 'tie' : status,
      feasible: status === 'reached' || status === 'met',
      from,
      steps,
      follows,
      totalNormalised: steps.reduce((s, x) => s + x.normalisedChange, 0) + follows.reduce((s, f) => s + f.normalisedChange, 0),
      totalRelative: steps.reduce((s, x) => s + Math.abs(x.changePct ?? 0), 0),
      linearGain,
      gain,
      outcome: { score: o.score, rank: o.rank },
      ...(tie ? { tie } : {}),
      excluded,
      evaluations: probe.evaluations - start,
    };
  };
  const greedyPicks = (gain: number): { i: number; atCap: boolean }[] =>
    allocate(gain)
      .map((ds, i) => ({ i, ds }))
      .filter((x) => x.ds > 0)
      .map(({ i, ds }) => ({ i, atCap: ds >= cands[i]!.room }));

  if (nominal.reached) return report('met', 0, nominal, [], 'greedy');
  if (!cands.length) return report('capped', 0, nominal, [], 'greedy');
  const top = evaluate(maxGain);
  if (!top.reached) return report('capped', maxGain, top, greedyPicks(maxGain), 'greedy');
  const s = smallestReaching(evaluate, {
    lo: 0,
    loOutcome: nominal,
    hi: maxGain,
    hiOutcome: top,
    ...(linearGain > 0 && linearGain < maxGain ? { start: linearGain } : {}),
    tol: ctx.tolerance * maxGain,
  });
  const plan = report('reached', s.hi, s.hiOutcome, greedyPicks(s.hi), 'greedy');
  // a single-indicator answer is a plan too: the cheaper one under the cost measure is kept
  // (the linear view can misjudge a convex score, or bounds that move)
  const costOf = (n: number, r: number): number => (cost === 'normalised' ? n : r);
  let best: { i: number; x: IndicatorGap } | undefined;
  for (const x of singles) {
    const i = cands.findIndex((c) => c.p.code === x.code);
    // only an answer within the cap (past it the bounds move: the plan stays within the maximum)
    if (x.status !== 'reached' || i < 0 || cands[i]!.p.direction * (x.required! - cands[i]!.p.current) > cands[i]!.p.cap) continue;
    const c = costOf(x.totalNormalisedChange!, Math.abs(x.changePct ?? Infinity));
    if (c < costOf(plan.totalNormalised, plan.totalRelative) - 1e-12 && (!best || c < costOf(best.x.totalNormalisedChange!, Math.abs(best.x.changePct ?? Infinity)))) best = { i, x };
  }
  if (!best) return plan;
  const o = probe.at(new Map([[best.x.code, best.x.required!]]));
  if (!o.reached) return plan;
  const p = cands[best.i]!.p;
  return report('reached', p.effectiveWeight * best.x.normalisedChange!, o, [{ i: best.i, atCap: p.direction * (best.x.required! - p.current) === p.cap }], 'single');
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
