import { spread, num, warnConstant } from './common.ts';
import type { NormaliserDef } from './types.ts';

/** How the rank-type normalisers rank tied values (R's `rank(ties.method = …)`). */
export const RANK_TIE_METHODS = ['average', 'min', 'max'] as const;
/** How the rank-type normalisers rank tied values. */
export type RankTieMethod = (typeof RANK_TIE_METHODS)[number];

/**
 * Ascending ranks of d·x among the finite values, NaN for missing: R's `rank(d * x, ties.method,
 * na.last = "keep")`. Tied (equal) values get the average of the ranks they span (`average`,
 * default), the lowest (`min`: COINr's default) or the highest (`max`).
 * @example averageRanks([10, 30, 20, 30], 1, 'min') // => [1, 3, 2, 3]
 */
export function averageRanks(x: ArrayLike<number>, d: 1 | -1, ties: RankTieMethod = 'average'): number[] {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) idx.push(i);
  idx.sort((a, b) => d * (x[a]! - x[b]!));
  const out = new Array<number>(x.length).fill(NaN);
  for (let start = 0; start < idx.length; ) {
    let end = start;
    while (end + 1 < idx.length && x[idx[end + 1]!]! === x[idx[start]!]!) end++;
    const r = ties === 'min' ? start + 1 : ties === 'max' ? end + 1 : (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[idx[k]!] = r;
    start = end + 1;
  }
  return out;
}

/**
 * Rank-based normalisers: rank, percentile rank and Borda score (ties averaged).
 */
export const RANK_NORMALISERS = {
  /**
   * Rank: the ascending rank of the value among the units present, ties getting the average of the
   * ranks they span (R's `rank()`, `ties.method = "average"`), so the highest value of a
   * larger-is-better indicator gets rank n. Direction −1 ranks −x. Missing values stay missing and
   * do not count in n. COINr `n_rank` (which defaults to `ties.method = "min"`); OECD/JRC
   * Handbook (2008) §5 (ranking).
   * @example normalise([10, 30, 20, 30], { method: 'rank' }).values // => [1, 3.5, 2, 3.5]
   */
  rank: {
    describe: { zh: '排序法：按数值升序排名（并列取平均名次），最好者得 n', en: 'Rank: ascending rank, ties averaged (best = n)' },
    formula: 'rank(d·x), ties averaged (ties: min, max)',
    defaults: {},
    stringDefaults: { ties: 'average' },
    choices: { ties: RANK_TIE_METHODS },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const r = averageRanks(x, ctx.direction, p.ties as RankTieMethod);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, `rank ${(s.n + 1) / 2}`);
      return r;
    },
  },
  /**
   * Percentile rank: scale·(r − 1)/(n − 1), r the rank of {@link NORMALISERS.rank} (ties averaged)
   * and n the number of units present, so the lowest value scores 0 and the highest `scale`
   * (default 100). This is COINr's `n_prank` definition (r − 1)/(n − 1), which COINr leaves in
   * [0, 1] and ranks with `ties.method = "min"`; here ties share their average rank, so tied units
   * sit at the middle of their block. One present unit, or all equal, scores scale/2 with a
   * `zero-spread` warning. OECD/JRC Handbook (2008) §5.
   * @example normalise([10, 20, 30, 40, 50], { method: 'percentile' }).values // => [0, 25, 50, 75, 100]
   */
  percentile: {
    describe: { zh: '百分位排名：100·(名次 − 1)/(n − 1)，并列取平均名次', en: 'Percentile rank: 100·(rank − 1)/(n − 1), ties averaged' },
    formula: 'scale·(rank(d·x) − 1)/(n − 1), ties averaged (ties: min, max)',
    defaults: { scale: 100 },
    stringDefaults: { ties: 'average' },
    choices: { ties: RANK_TIE_METHODS },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const scale = num(p.scale);
      const r = averageRanks(x, ctx.direction, p.ties as RankTieMethod);
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String(scale / 2));
      return r.map((v) => (!Number.isFinite(v) ? NaN : s.n < 2 ? scale / 2 : (scale * (v - 1)) / (s.n - 1)));
    },
  },
  /**
   * Borda score: the number of units a unit beats, a tie counting as half a win, i.e. r − 1 with r
   * the average rank of {@link NORMALISERS.rank}; scores lie in [0, n − 1]. Direction −1 ranks −x.
   * COINr `n_borda` (rank − 1, with `ties.method = "min"` by default, where a tie counts as a loss);
   * OECD/JRC Handbook (2008) §6 (Borda).
   * @example normalise([10, 30, 20, 30], { method: 'borda' }).values // => [0, 2.5, 1, 2.5]
   */
  borda: {
    describe: { zh: 'Borda 计分：胜过的单位个数（并列各记半胜），即名次 − 1', en: 'Borda score: number of units beaten (ties count half), rank − 1' },
    formula: 'rank(d·x) − 1, ties averaged (ties: min, max)',
    defaults: {},
    stringDefaults: { ties: 'average' },
    choices: { ties: RANK_TIE_METHODS },
    usesBounds: true,
    fn: (x, p, ctx) => {
      const s = spread(x);
      if (s.same) warnConstant(ctx, s, String((s.n - 1) / 2));
      return averageRanks(x, ctx.direction, p.ties as RankTieMethod).map((v) => v - 1);
    },
  },
} satisfies Record<string, NormaliserDef>;
