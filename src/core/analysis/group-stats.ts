import type { EvaluationResult } from '../plan/result.ts';
import { mean, median } from '../methods/stats.ts';
import type { Grouping } from '../panel/groupings.ts';

/** Statistics of one node's scores over one group's members in one edition. */
export interface GroupStat {
  edition: number;
  grouping: string;
  group: string;
  node: string;
  /** Members with a score. */
  members: number;
  mean: number;
  median: number;
  /** Members scoring above the group's own mean. */
  aboveMean: number;
  /** Members scoring at least the threshold (80 by default, as the report counts). */
  atLeastThreshold: number;
  /** Change of the mean on the previous edition of the run (NaN for the first). */
  meanChange: number;
  medianChange: number;
}

/** Floating-point tolerance for comparisons of scores (as {@link rankDescending} uses). */
const tol = (v: number): number => 1e-9 * Math.max(1, Math.abs(v));

/** The implicit grouping of all units (全国). */
export function allUnitsGrouping(res: EvaluationResult): Grouping {
  return { id: 'all', name: { zh: '全国', en: 'All units' }, groups: [{ code: 'ALL', name: { zh: '全国', en: 'All' }, members: [...res.units] }] };
}

/**
 * Mean, median, counts above the mean and at or above a threshold, and changes on the previous
 * edition, for every grouping × group × node × edition of a run. Members without a score in an
 * edition are left out of that edition's statistics.
 */
export function groupStats(res: EvaluationResult, groupings: Grouping[], options: { threshold?: number } = {}): GroupStat[] {
  const threshold = options.threshold ?? res.recipe.reporting.threshold;
  const U = res.units.length;
  const out: GroupStat[] = [];
  const index = new Map(res.units.map((u, i) => [u, i]));
  for (const g of [allUnitsGrouping(res), ...groupings]) {
    for (const group of g.groups) {
      const idx = group.members.map((m) => index.get(m)).filter((i): i is number => i !== undefined);
      for (const node of res.nodes) {
        const s = res.scores[node]!;
        let prev: { mean: number; median: number } | undefined;
        res.editions.forEach((edition, e) => {
          const xs = idx.map((u) => s[e * U + u]!).filter(Number.isFinite);
          const m = mean(xs);
          const md = median(xs);
          out.push({
            edition,
            grouping: g.id,
            group: group.code,
            node,
            members: xs.length,
            mean: m,
            median: md,
            // with the tolerance ranks use, so equal scores never count as above their own mean
            aboveMean: xs.filter((x) => x > m + tol(m)).length,
            atLeastThreshold: xs.filter((x) => x >= threshold - tol(threshold)).length,
            meanChange: prev ? m - prev.mean : NaN,
            medianChange: prev ? md - prev.median : NaN,
          });
          prev = { mean: m, median: md };
        });
      }
    }
  }
  return out;
}
