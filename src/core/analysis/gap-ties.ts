import type { GapProbe, ProbeOutcome } from './gap-probe.ts';

/** Whether two scores are a tie as ranks count them (within 1e-9 relative; see `rankDescending`). */
export function isTie(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Other units tied at the score a rank target needs, when the target rank lies inside their tie. */
export interface TieBlock {
  /** The score they share. */
  score: number;
  /** The tied units, best first. */
  units: string[];
  /** The ranks their tie spans among the units (they all hold the first of them). */
  ranks: [number, number];
}

/**
 * For a rank target k not reached in an outcome: the tie of other units at the k-th highest
 * score of the others, when it reaches above place k (so the unit must equal their score to
 * reach rank k, and taking rank k alone is not possible). Undefined for a score target or when
 * the k-th place is not inside a tie.
 */
export function tieBlock(probe: GapProbe, o: ProbeOutcome): TieBlock | undefined {
  const t = probe.spec.target;
  if (!('rank' in t) || o.reached) return undefined;
  const r = o.result;
  const U = r.units.length;
  const e = r.editions.indexOf(probe.spec.edition);
  const s = r.scores[probe.spec.node]!;
  const others: { unit: string; score: number }[] = [];
  for (let v = 0; v < U; v++) if (v !== probe.u && Number.isFinite(s[e * U + v]!)) others.push({ unit: r.units[v]!, score: s[e * U + v]! });
  others.sort((a, b) => b.score - a.score);
  const k = t.rank;
  if (others.length < k || k < 2) return undefined;
  const at = others[k - 1]!.score;
  if (!isTie(others[k - 2]!.score, at)) return undefined;
  const group = others.map((x, i) => ({ ...x, i })).filter((x) => isTie(x.score, at));
  return { score: at, units: group.map((x) => x.unit), ranks: [group[0]!.i + 1, group[group.length - 1]!.i + 1] };
}
