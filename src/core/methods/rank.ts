/**
 * Competition ranks ("1224"): 1 = the highest score, ties share the lowest (best) rank, the next
 * rank skips. Scores within a relative 1e-9 of each other are ties, so floating-point noise in
 * aggregation never splits a tie. Missing (NaN) scores get rank NaN.
 * @example rankDescending([90, 95, 90, 80]) // => [2, 1, 2, 4]
 */
export function rankDescending(scores: ArrayLike<number>): number[] {
  const n = scores.length;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i]!)) idx.push(i);
  idx.sort((a, b) => scores[b]! - scores[a]!);
  const out = new Array<number>(n).fill(NaN);
  let rank = 1;
  for (let k = 0; k < idx.length; k++) {
    const v = scores[idx[k]!]!;
    if (k > 0) {
      const prev = scores[idx[k - 1]!]!;
      if (!(Math.abs(prev - v) <= 1e-9 * Math.max(1, Math.abs(prev), Math.abs(v)))) rank = k + 1;
    }
    out[idx[k]!] = rank;
  }
  return out;
}
