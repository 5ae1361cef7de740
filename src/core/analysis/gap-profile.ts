import type { LocalName } from '../framework/types.ts';
import { formulaInputs } from '../plan/derive.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { extent } from '../methods/stats.ts';
import type { GapProbe, ProbeOutcome } from './gap-probe.ts';

/**
 * What the gap needs to know of one indicator for one unit: where it stands, how far it can go,
 * and the linear view of it (effective weight × normaliser slope) that starts the searches.
 * Steps are measured as a distance t ≥ 0 in the direction that raises the score: the value is
 * `current + direction · t`.
 */
export interface IndicatorProfile {
  code: string;
  name: LocalName;
  /** The framework node's unit text (件/万人). */
  unit?: string;
  kind: 'raw' | 'derived';
  /** +1: raised to improve, −1: lowered. */
  direction: 1 | -1;
  /** The unit's value in the edition (after imputation; NaN when missing) and its flag. */
  current: number;
  flag?: string;
  /** The unit's normalised score on it. */
  score: number;
  /**
   * Its weight in the node for this unit: the product of the renormalised weights on the path
   * from the indicator up to the node, with siblings the unit has no score for left out (as the
   * weighted mean drops them). 1 when the node is the indicator itself.
   */
  effectiveWeight: number;
  /** The smallest and largest value of the indicator over every unit and edition of the run. */
  observed: [number, number];
  /** Its range (max − min; |current| or 1 when every value is the same): the scale of the steps. */
  scale: number;
  /** How far the search may go, and what the plan gives there (its best value). */
  limit: number;
  /** Whether the limit is the end of the input's domain (100 for a share in %, 0 for a count). */
  limitIsDomain: boolean;
  atLimit?: ProbeOutcome;
  /**
   * The step at which its normalised score reaches its maximum (the best value in the bounds'
   * scope for bounds-based normalisers: beyond it the bounds move; the limit otherwise), and that
   * maximum.
   */
  cap: number;
  capScore: number;
  /** What the plan gives at the cap (undefined when the cap is the current value). */
  atCap?: ProbeOutcome;
  /** Whether the cap is the best value of the bounds' scope (else the limit). */
  capIsBound: boolean;
  /**
   * Normalised points gained per raw unit (≥ 0): the secant up to a cap at a bound, else the
   * local slope at the current value.
   */
  slope: number;
  /** Derived indicators whose formulas read it (they move with it). */
  readers: string[];
}

/** Where a search may go: `reach` times the indicator's range beyond its observed extreme. */
export interface ProfileOptions {
  reach: number;
}

/** Codes each indicator is read by (transitively), over the plan's derived indicators. */
export function readersOf(probe: GapProbe): Map<string, string[]> {
  const leaves = probe.plan.compiled.leaves;
  const direct = new Map<string, Set<string>>();
  for (const l of leaves) if (l.formula) direct.set(l.node.code, formulaInputs(l.formula));
  const out = new Map<string, string[]>();
  for (const l of leaves) {
    const readers: string[] = [];
    for (const d of leaves) {
      if (d === l || !d.formula) continue;
      const seen = new Set<string>();
      const stack = [...direct.get(d.node.code)!];
      while (stack.length) {
        const x = stack.pop()!;
        if (seen.has(x)) continue;
        seen.add(x);
        for (const y of direct.get(x) ?? []) stack.push(y);
      }
      if (seen.has(l.node.code)) readers.push(d.node.code);
    }
    out.set(l.node.code, readers);
  }
  return out;
}

/** The unit's weight of an indicator in the node (see {@link IndicatorProfile.effectiveWeight}). */
export function effectiveWeight(probe: GapProbe, r0: EvaluationResult, code: string): number {
  const tree = probe.plan.compiled.tree;
  const node = tree.index.get(probe.spec.node)!;
  const k = probe.cellOf(r0);
  let w = 1;
  for (let at = tree.index.get(code)!; at !== node; ) {
    const parent = tree.parent[at]!;
    if (parent < 0) return 0; // not below the node
    let present = 0;
    for (let c = tree.childStart[parent]!; c < tree.childStart[parent]! + tree.childCount[parent]!; c++) {
      const child = tree.children[c]!;
      if (Number.isFinite(r0.scores[tree.codes[child]!]![k]!)) present += r0.weights[tree.codes[child]!]!;
    }
    w *= present > 0 ? r0.weights[tree.codes[at]!]! / present : 0;
    at = parent;
  }
  return w;
}

/**
 * Profiles an indicator: its place, its limit (probed: the best the plan gives there), its cap
 * (probed at the best value of the bounds' scope) and the secant slope up to the cap.
 */
export function profileIndicator(probe: GapProbe, r0: EvaluationResult, code: string, readers: string[], o: ProfileOptions): IndicatorProfile {
  const c = probe.plan.compiled;
  const leaf = c.leaves.find((l) => l.node.code === code)!;
  const node = leaf.node;
  const k = probe.cellOf(r0);
  const current = r0.values[code]![k]!;
  const score = r0.scores[code]![k]!;
  const flag = r0.flags[code]![k];
  const [lo, hi] = extent(r0.values[code]!);
  const observed: [number, number] = [lo, hi];
  const base: IndicatorProfile = {
    code,
    name: node.name,
    ...(node.unit ? { unit: node.unit } : {}),
    kind: node.kind === 'derived' ? 'derived' : 'raw',
    direction: node.direction,
    current,
    ...(flag ? { flag } : {}),
    score,
    effectiveWeight: effectiveWeight(probe, r0, code),
    observed,
    scale: hi > lo ? hi - lo : Math.max(Math.abs(current), 1),
    limit: 0,
    limitIsDomain: false,
    cap: 0,
    capScore: score,
    capIsBound: false,
    slope: 0,
    readers,
  };
  if (!Number.isFinite(current)) return base;
  const d = node.direction;
  // the limit: `reach` ranges beyond the observed extreme, within the values the input may take
  // (the plan's domains: a share within 0–100, a count ≥ 0, a framework range); not below 0 for
  // an indicator whose values are all ≥ 0 when lowering it improves the score
  const domain = domainOf(probe, code);
  let end = d === 1 ? Math.max(current, hi) + o.reach * base.scale : lo >= 0 ? 0 : Math.min(current, lo) - o.reach * base.scale;
  let limitIsDomain = false;
  if (d === 1 && domain?.max !== undefined && domain.max <= end) [end, limitIsDomain] = [domain.max, true];
  if (d === -1 && domain?.min !== undefined && domain.min >= end) [end, limitIsDomain] = [domain.min, true];
  let limit = d * (end - current);
  if (!(limit > 0)) return { ...base, limit: 0, limitIsDomain };
  const at = (t: number): ProbeOutcome => probe.at(new Map([[code, current + d * t]]));
  let atLimit = at(limit);
  if (!Number.isFinite(atLimit.score) || !Number.isFinite(atLimit.result.scores[code]![probe.cellOf(atLimit.result)]!)) {
    // undefined at the very end (a ratio to 0): stop just short of it
    limit *= 1 - 1e-6;
    atLimit = at(limit);
  }
  const limitScore = leafScore(probe, atLimit, code);
  let cap = limit;
  let capScore = limitScore;
  let atCap: ProbeOutcome | undefined = atLimit;
  let capIsBound = false;
  const b = boundsFor(probe, r0, code);
  if (b) {
    const best = d === 1 ? b[1] : b[0];
    const t = d * (best - current);
    if (t <= 0) {
      cap = 0;
      capScore = score;
      atCap = undefined;
      capIsBound = true;
    } else if (t < limit) {
      const o = at(t);
      const s = leafScore(probe, o, code);
      if (s >= limitScore - 1e-9 * Math.max(1, Math.abs(limitScore))) {
        cap = t;
        capScore = s;
        atCap = o;
        capIsBound = true;
      }
    }
  }
  // the secant up to the cap for a bounds-based normaliser (exact where it is linear); where the
  // score has no cap short of the search's limit (a ratio to the base year), the local slope: a
  // secant to a far limit says nothing of a convex score such as 100·x_base/x
  let slope = cap > 0 && capScore > score ? (capScore - score) / cap : 0;
  if (!capIsBound && cap > 0) {
    const h = Math.min(cap, 1e-3 * base.scale);
    const local = (leafScore(probe, at(h), code) - score) / h;
    if (local > 0 && Number.isFinite(local)) slope = local;
  }
  return { ...base, limit, limitIsDomain, atLimit, cap, capScore, ...(atCap ? { atCap } : {}), capIsBound, slope };
}

/** The unit's normalised score on an indicator in an outcome. */
export function leafScore(probe: GapProbe, o: ProbeOutcome, code: string): number {
  return o.result.scores[code]![probe.cellOf(o.result)]!;
}

/** The bounds a bounds-based normaliser uses for the edition (pooled or fixed: the run's; per-year: the edition's extent). */
function boundsFor(probe: GapProbe, r0: EvaluationResult, code: string): [number, number] | undefined {
  const c = probe.plan.compiled;
  const leaf = c.leaves.find((l) => l.node.code === code)!;
  if (!leaf.normaliser.def.usesBounds) return undefined;
  const b = r0.bounds[code];
  if (b) return b;
  const U = r0.units.length;
  const e = r0.editions.indexOf(probe.spec.edition);
  const [lo, hi] = extent(r0.values[code]!.subarray(e * U, (e + 1) * U));
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/**
 * The values a raw input may take, as the plan checks what-if values against them (counts ≥ 0,
 * shares in % within 0–100, framework ranges); undefined for a derived indicator.
 */
function domainOf(probe: GapProbe, code: string): { min?: number; max?: number } | undefined {
  return probe.plan.compiled.domains.get(code);
}
