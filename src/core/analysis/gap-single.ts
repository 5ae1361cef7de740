import { evaluateFormula, formulaVariables } from '../expr/index.ts';
import type { LocalName } from '../framework/types.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { GapProbe, ProbeOutcome } from './gap-probe.ts';
import { leafScore, type IndicatorProfile } from './gap-profile.ts';
import { smallestReaching } from './gap-search.ts';
import { tieBlock, type TieBlock } from './gap-ties.ts';

/**
 * How an answer stands: `met` (the target is reached already), `reached` (the answer reaches it),
 * `capped` (even the indicator's best value does not), `tie` (a rank target inside a tie of other
 * units the unit cannot equal), `missing` (the unit has no value for the indicator in the edition).
 */
export type GapStatus = 'met' | 'reached' | 'capped' | 'tie' | 'missing';

/** A unit's score and rank on the node in one evaluation. */
export interface Standing {
  score: number;
  rank: number;
}

/** A derived indicator that moved with the answer (it reads the changed one). */
export interface Follower {
  code: string;
  from: number;
  to: number;
  /** Change of the unit's normalised score on it. */
  normalisedChange: number;
}

/** The derived indicators (of `readers`) whose value moved between two results, for the unit. */
export function followersOf(probe: GapProbe, r0: EvaluationResult, r1: EvaluationResult, readers: Iterable<string>): Follower[] {
  const k0 = probe.cellOf(r0);
  const k1 = probe.cellOf(r1);
  const out: Follower[] = [];
  for (const code of readers) {
    const from = r0.values[code]![k0]!;
    const to = r1.values[code]![k1]!;
    if (from === to || (Number.isNaN(from) && Number.isNaN(to))) continue;
    const d = r1.scores[code]![k1]! - r0.scores[code]![k0]!;
    out.push({ code, from, to, normalisedChange: Number.isFinite(d) ? d : 0 });
  }
  return out;
}

/** The answer for a derived indicator said on the variable its formula is proportional to. */
export interface NumeratorChange {
  code: string;
  name?: LocalName;
  unit?: string;
  current: number;
  required: number;
  change: number;
  /** Whether that variable is itself an indicator of the framework (changing it moves that indicator too). */
  isIndicator: boolean;
}

/** The smallest change of one indicator that reaches the target, or why there is none. */
export interface IndicatorGap {
  code: string;
  name: LocalName;
  unit?: string;
  kind: 'raw' | 'derived';
  direction: 1 | -1;
  /** The unit's value in the data year (after imputation; null when missing), its flag and normalised score. */
  current: number | null;
  flag?: string;
  currentScore: number | null;
  effectiveWeight: number;
  status: GapStatus;
  feasible: boolean;
  /** The smallest value that reaches the target (verified by re-evaluation). */
  required?: number;
  /** A value within the tolerance short of it that does not reach the target (also evaluated). */
  below?: number;
  /** required − current, in the indicator's unit; relative change in % of |current| (null for 0). */
  change?: number;
  changePct?: number | null;
  /** Change of the unit's normalised score on the indicator, as re-evaluated. */
  normalisedChange?: number;
  /**
   * With the changes of the derived indicators that follow it (`follows`): the answer's cost in
   * normalised points, which orders the answers and is compared with the plan.
   */
  totalNormalisedChange?: number;
  /** The linear estimate the search started from: gap ÷ (effective weight × slope). */
  linearChange?: number;
  /** The unit's score and rank at the answer, or at the indicator's best value when infeasible. */
  outcome?: Standing;
  /**
   * Infeasible answers: the value at which the indicator's normalised score reaches its maximum
   * (`outcome` is the unit's standing there), whether that is the best value of the bounds' scope
   * (beyond it the bounds move), and, when the search went further, its limit and the standing
   * there (past the best value a rank can still improve, as the others' scores fall).
   */
  best?: number;
  bestIsBound?: boolean;
  /** Whether the search's limit is the end of the input's domain (100 for a share, 0 for a count). */
  limitIsDomain?: boolean;
  limit?: number;
  limitOutcome?: Standing;
  tie?: TieBlock;
  /** The indicator's bounds before and after, when the answer moved them. */
  bounds?: { before: [number, number]; after: [number, number] };
  /** Derived indicators that moved with it (a raw indicator their formula reads). */
  follows?: Follower[];
  /** For a derived indicator: the same value reached through its numerator, the rest unchanged. */
  numerator?: NumeratorChange;
  /** Re-evaluations used for this indicator. */
  evaluations: number;
}

/** What the single-indicator search needs besides the profile. */
export interface SingleContext {
  probe: GapProbe;
  r0: EvaluationResult;
  nominal: ProbeOutcome;
  /** Relative tolerance on the raw value. */
  tolerance: number;
}

/**
 * The smallest change of one indicator that reaches the target: probed at the indicator's best
 * value first (infeasible when even that falls short), then from the linear estimate
 * (effective weight × normaliser slope) outwards by doubling until the target is reached, then
 * narrowed by {@link smallestReaching} to `tolerance` × max(|current|, range).
 */
export function singleGap(ctx: SingleContext, p: IndicatorProfile): IndicatorGap {
  const { probe, r0, nominal } = ctx;
  const start = probe.evaluations;
  const base: IndicatorGap = {
    code: p.code,
    name: p.name,
    ...(p.unit ? { unit: p.unit } : {}),
    kind: p.kind,
    direction: p.direction,
    current: Number.isFinite(p.current) ? p.current : null,
    ...(p.flag ? { flag: p.flag } : {}),
    currentScore: Number.isFinite(p.score) ? p.score : null,
    effectiveWeight: p.effectiveWeight,
    status: 'missing',
    feasible: false,
    evaluations: 0,
  };
  const done = (g: IndicatorGap): IndicatorGap => ({ ...g, evaluations: probe.evaluations - start });
  const standing = (o: ProbeOutcome): Standing => ({ score: o.score, rank: o.rank });
  if (nominal.reached) return done({ ...base, status: 'met', feasible: true, required: p.current, change: 0, changePct: 0, normalisedChange: 0, totalNormalisedChange: 0, outcome: standing(nominal) });
  if (!Number.isFinite(p.current)) return done(base);
  const value = (t: number): number => p.current + p.direction * t;
  if (!(p.limit > 0) || !p.atLimit?.reached) {
    // at its maximum normalised score (the cap) and, past it, at the limit of the search
    const atCap = p.atCap ?? nominal;
    const atLimit = p.atLimit ?? nominal;
    // the tie as it stands at the indicator's maximum (else at the end of the search)
    const tie = tieBlock(probe, atCap) ?? tieBlock(probe, atLimit);
    return done({
      ...base,
      status: tie ? 'tie' : 'capped',
      best: value(p.cap),
      bestIsBound: p.capIsBound,
      limitIsDomain: p.limitIsDomain,
      outcome: standing(atCap),
      ...(p.limit > p.cap ? { limit: value(p.limit), limitOutcome: standing(atLimit) } : {}),
      ...(tie ? { tie } : {}),
    });
  }
  const at = (t: number): ProbeOutcome => probe.at(new Map([[p.code, value(t)]]));
  const gap = nominal.needed - nominal.score;
  const linear = p.effectiveWeight > 0 && p.slope > 0 ? gap / (p.effectiveWeight * p.slope) : NaN;
  // a bracket from the linear estimate (or a hundredth of the range) doubling outwards
  let lo = 0;
  let loOutcome = nominal;
  let hi = p.limit;
  let hiOutcome = p.atLimit;
  for (let t = Number.isFinite(linear) && linear > 0 ? linear : p.scale / 100; t < hi; t *= 2) {
    const o = at(t);
    if (o.reached) {
      hi = t;
      hiOutcome = o;
      break;
    }
    lo = t;
    loOutcome = o;
  }
  const tol = ctx.tolerance * Math.max(Math.abs(p.current), p.scale);
  const s = smallestReaching(at, { lo, loOutcome, hi, hiOutcome, tol });
  const required = value(s.hi);
  const res = s.hiOutcome.result;
  const before = r0.bounds[p.code];
  const after = res.bounds[p.code];
  const moved = before && after && (before[0] !== after[0] || before[1] !== after[1]);
  const follows = followersOf(probe, r0, res, p.readers);
  const own = leafScore(probe, s.hiOutcome, p.code) - p.score;
  const numerator = p.kind === 'derived' ? numeratorOf(probe, p, required) : undefined;
  return done({
    ...base,
    status: 'reached',
    feasible: true,
    required,
    below: value(s.lo),
    change: required - p.current,
    changePct: p.current !== 0 ? (100 * (required - p.current)) / Math.abs(p.current) : null,
    normalisedChange: own,
    totalNormalisedChange: own + follows.reduce((t, f) => t + f.normalisedChange, 0),
    ...(Number.isFinite(linear) ? { linearChange: p.direction * linear } : {}),
    outcome: standing(s.hiOutcome),
    ...(moved ? { bounds: { before: [...before], after: [...after] } as IndicatorGap['bounds'] } : {}),
    ...(follows.length ? { follows } : {}),
    ...(numerator ? { numerator } : {}),
  });
}

/**
 * A derived indicator's answer said on its numerator: when the formula is proportional to its
 * first variable A (R18 / POP, R22 / GDP · 100, R47 · 10⁴ / GDP), the value of A that gives the
 * required value with the formula's other inputs as they are in the data year.
 */
export function numeratorOf(probe: GapProbe, p: IndicatorProfile, required: number): NumeratorChange | undefined {
  const c = probe.plan.compiled;
  const leaf = c.leaves.find((l) => l.node.code === p.code);
  if (!leaf?.formula) return undefined;
  const a = formulaVariables(leaf.formula)[0];
  if (!a) return undefined;
  const formulas = new Map(c.leaves.filter((l) => l.formula).map((l) => [l.node.code, l.formula!]));
  const cell = (code: string, seen: Set<string>): number | null => {
    const f = formulas.get(code);
    if (!f) return c.cube.value(probe.spec.unit, code, probe.year);
    if (seen.has(code)) return null;
    return evaluateFormula(f, (x) => cell(x, new Set([...seen, code])));
  };
  const with_ = (v: number): number | null => evaluateFormula(leaf.formula!, (x) => (x === a ? v : cell(x, new Set([p.code]))));
  const a0 = cell(a, new Set());
  const one = with_(1);
  const two = with_(2);
  const now = a0 === null ? null : with_(a0);
  if (a0 === null || one === null || two === null || now === null || one === 0) return undefined;
  const same = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  // proportional to A, and the formula gives the indicator's value (not carried forward from another year)
  if (!same(two, 2 * one) || !same(now, a0 * one) || !same(now, p.current)) return undefined;
  const node = c.framework.nodes.find((n) => n.code === a);
  const variable = c.framework.variables.find((v) => v.code === a);
  const name = node?.name ?? variable?.name;
  const unit = node?.unit ?? variable?.unit;
  // the value that gives at least the required value (a division may round it a step short)
  let requiredA = required / one;
  const up = p.direction * Math.sign(one);
  for (let i = 0; i < 8; i++) {
    const d = with_(requiredA);
    if (d === null || p.direction * (d - required) >= 0) break;
    requiredA += up * Math.max(Math.abs(requiredA) * Number.EPSILON, Number.MIN_VALUE);
  }
  return { code: a, ...(name ? { name } : {}), ...(unit ? { unit } : {}), current: a0, required: requiredA, change: requiredA - a0, isIndicator: !!node };
}
