/**
 * Competition ranks ("1224"): 1 = the highest score, ties share the lowest (best) rank, the next
 * rank skips. Scores within a relative 1e-9 of each other are ties, so floating-point noise in
 * aggregation never splits a tie. Missing (NaN) scores get rank NaN.
 * @example rankDescending([90, 95, 90, 80]) // => [2, 1, 2, 4]
 */
export function rankDescending(scores: ArrayLike<number>): number[] {
  const out = new Float64Array(scores.length);
  rankInto(scores, out);
  return Array.from(out);
}

/**
 * {@link rankDescending} written into `out` (same length as `scores`), without comparator sorts:
 * the present scores are sorted natively, each sorted position gets its competition rank, and
 * each unit takes the rank of the first position holding its score.
 */
export function rankInto(scores: ArrayLike<number>, out: Float64Array): void {
  const n = scores.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i]!)) m++;
  const sorted = new Float64Array(m);
  for (let i = 0, j = 0; i < n; i++) if (Number.isFinite(scores[i]!)) sorted[j++] = -scores[i]!;
  sorted.sort(); // ascending negated = descending scores
  const rankAt = new Float64Array(m);
  let rank = 1;
  for (let k = 0; k < m; k++) {
    if (k > 0) {
      const prev = -sorted[k - 1]!;
      const v = -sorted[k]!;
      if (!(Math.abs(prev - v) <= 1e-9 * Math.max(1, Math.abs(prev), Math.abs(v)))) rank = k + 1;
    }
    rankAt[k] = rank;
  }
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) {
      out[i] = NaN;
      continue;
    }
    // first position whose value is not below −s (equal values sit together after the sort)
    const key = -s;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    out[i] = rankAt[lo]!;
  }
}
