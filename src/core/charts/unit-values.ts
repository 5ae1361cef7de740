/**
 * The adapter most chart kinds share: one node's score (or raw value), rank and change on the
 * previous edition for every unit of a run in one edition — the input of the choropleth, the
 * tile grid and the ranking bars.
 */
import { IpIndexError } from '../errors.ts';
import type { EvaluationResult } from '../plan/result.ts';

/** One unit's value of a node in an edition. */
export interface UnitValue {
  code: string;
  /** Display name (from `unitName`, default the code). */
  name: string;
  value: number | null;
  /** Change on the previous edition of the run (null for the first edition or a missing value). */
  change: number | null;
  /** Rank within the edition (1 = best), null when missing. */
  rank: number | null;
  /** Previous rank minus this rank: positive = moved up (null when either is missing). */
  rankChange: number | null;
}

/** Options of {@link unitValuesFromResult}. */
export interface UnitValuesOptions {
  node: string;
  edition: number;
  /** `score` (default: the normalised or aggregate score) or `value` (an indicator's raw value). */
  measure?: 'score' | 'value';
  /** Display name of a unit code. */
  unitName?: (code: string) => string;
}

/**
 * Every unit's value, change and rank of a node in an edition, in the run's unit order.
 * @throws IpIndexError naming the node or edition that is not in the run
 * @example unitValuesFromResult({ editions: [2024, 2025], units: ['A'], nodes: ['X'], values: {}, scores: { X: Float64Array.of(80, 82.5) }, ranks: { X: Float64Array.of(2, 1) } }, { node: 'X', edition: 2025 }) // => [{ code: 'A', name: 'A', value: 82.5, change: 2.5, rank: 1, rankChange: 1 }]
 */
export function unitValuesFromResult(res: EvaluationResult, o: UnitValuesOptions): UnitValue[] {
  const e = res.editions.indexOf(o.edition);
  if (e < 0) throw new IpIndexError(`图表：结果中没有 ${o.edition} 年版（有 ${res.editions.join('、')}）/ chart: edition ${o.edition} is not in the results (editions ${res.editions.join(', ')})`);
  const table = (o.measure ?? 'score') === 'value' ? res.values : res.scores;
  const s = table[o.node];
  if (!s) {
    const what = (o.measure ?? 'score') === 'value' ? 'raw values (an indicator code)' : 'scores';
    throw new IpIndexError(`图表：结果中没有节点 ${o.node} / chart: node ${o.node} has no ${what} in the results (nodes: ${res.nodes.slice(0, 12).join(', ')}${res.nodes.length > 12 ? ', …' : ''})`);
  }
  const r = res.ranks[o.node];
  const U = res.units.length;
  const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  return res.units.map((code, u) => {
    const value = num(s[e * U + u]);
    const prev = e > 0 ? num(s[(e - 1) * U + u]) : null;
    const rank = r ? num(r[e * U + u]) : null;
    const prevRank = r && e > 0 ? num(r[(e - 1) * U + u]) : null;
    return {
      code,
      name: o.unitName?.(code) ?? code,
      value,
      change: value !== null && prev !== null ? value - prev : null,
      rank,
      rankChange: rank !== null && prevRank !== null ? prevRank - rank : null,
    };
  });
}
