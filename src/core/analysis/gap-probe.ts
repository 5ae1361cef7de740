import { IpIndexError } from '../errors.ts';
import { rankDescending } from '../methods/rank.ts';
import type { CellChange } from '../plan/derive.ts';
import type { Plan } from '../plan/plan.ts';
import type { EvaluationResult } from '../plan/result.ts';

/** A target on a node: rank k or better (1 = best), or a score of at least s. */
export type GapTarget = { rank: number } | { score: number };

/** What one evaluation of changed values gives for the unit and node the gap is about. */
export interface ProbeOutcome {
  /** The unit's score and rank (NaN when it has none). */
  score: number;
  rank: number;
  /** Whether the target is reached: rank ≤ k (ties share the best rank), or score ≥ s. */
  reached: boolean;
  /**
   * The score to reach: the target score, or for a rank target the k-th highest score among the
   * other units (which moves when the changes move the bounds).
   */
  needed: number;
  /** score − needed: how far past the target (< 0 below it); for a rank, with the ranks' tie tolerance added. */
  margin: number;
  /** The result of the evaluation (shares arrays with the plan: read only). */
  result: EvaluationResult;
}

/** Where a gap is measured: a unit, a node and an edition of a plan. */
export interface ProbeSpec {
  unit: string;
  node: string;
  edition: number;
  target: GapTarget;
}

/** The target as text: `rank<=5`, `score>=85`. */
export function targetLabel(t: GapTarget): string {
  return 'rank' in t ? `rank<=${t.rank}` : `score>=${t.score}`;
}

/**
 * Evaluates changed values of one data year on a compiled plan and reads off, for one unit, node
 * and edition, the score, the rank among the units and whether a target is reached. Every
 * evaluation is a real re-run of the plan (`plan.rerun`), so bounds pooled over units and years,
 * imputation, treatment and renormalised weights all follow the changes.
 */
export class GapProbe {
  readonly plan: Plan;
  readonly spec: ProbeSpec;
  /** Positions of the unit and edition in the plan's results. */
  readonly u: number;
  readonly e: number;
  /** The data year of the edition (edition − dataLag). */
  readonly year: number;
  /** Re-runs made so far. */
  evaluations = 0;

  /** @throws IpIndexError when the unit, node or edition is not in the run, or the target is malformed */
  constructor(plan: Plan, spec: ProbeSpec) {
    this.plan = plan;
    this.spec = spec;
    this.u = plan.units.indexOf(spec.unit);
    if (this.u < 0) throw new IpIndexError(`gap: unit ${spec.unit} is not in the run (units: ${plan.units.slice(0, 8).join(', ')}${plan.units.length > 8 ? ', …' : ''})`);
    this.e = plan.editions.indexOf(spec.edition);
    if (this.e < 0) throw new IpIndexError(`gap: edition ${spec.edition} is not in the run (editions ${plan.editions[0]}–${plan.editions[plan.editions.length - 1]})`);
    if (!plan.compiled.tree.index.has(spec.node)) throw new IpIndexError(`gap: node ${spec.node} is not a node of framework ${plan.compiled.framework.id}`);
    const t = spec.target;
    if ('rank' in t) {
      if (!Number.isInteger(t.rank) || t.rank < 1) throw new IpIndexError(`gap: a rank target must be a whole number ≥ 1, got ${t.rank}`);
    } else if (!Number.isFinite(t.score)) throw new IpIndexError(`gap: a score target must be a finite number, got ${t.score}`);
    this.year = plan.compiled.dataYears[this.e]!;
  }

  /** The outcome of the plan's own run (no change). */
  nominal(): ProbeOutcome {
    return this.read(this.plan.run());
  }

  /** The outcome with these cells of the data year changed (code → value). */
  at(values: ReadonlyMap<string, number>): ProbeOutcome {
    if (!values.size) return this.nominal();
    const changes: CellChange[] = [];
    for (const [code, value] of values) changes.push({ code, unit: this.spec.unit, year: this.year, value });
    this.evaluations++;
    return this.read(this.plan.rerun({ values: changes, editions: [this.spec.edition] }));
  }

  /** Index of the unit's cell in a result's edition-major arrays. */
  cellOf(result: EvaluationResult): number {
    return result.editions.indexOf(this.spec.edition) * result.units.length + this.u;
  }

  private read(result: EvaluationResult): ProbeOutcome {
    const U = result.units.length;
    const e = result.editions.indexOf(this.spec.edition);
    const scores = result.scores[this.spec.node]!.subarray(e * U, (e + 1) * U);
    const score = scores[this.u]!;
    const t = this.spec.target;
    if (!Number.isFinite(score)) return { score: NaN, rank: NaN, reached: false, needed: NaN, margin: NaN, result };
    // ranks as the engine makes them (competition ranks, ties within 1e-9 relative)
    const rank = rankDescending(scores)[this.u]!;
    if (!('rank' in t)) return { score, rank, reached: score >= t.score, needed: t.score, margin: score - t.score, result };
    const others: number[] = [];
    for (let v = 0; v < U; v++) if (v !== this.u && Number.isFinite(scores[v]!)) others.push(scores[v]!);
    others.sort((x, y) => y - x);
    const needed = others.length >= t.rank ? others[t.rank - 1]! : -Infinity;
    // a score within the ranks' tie tolerance of the k-th counts as level with it: the margin
    // crosses 0 where the rank does (so the search aims at the switching point)
    const margin = score - needed + 1e-9 * Math.max(1, Math.abs(score), Math.abs(needed));
    return { score, rank, reached: rank <= t.rank, needed, margin, result };
  }
}
