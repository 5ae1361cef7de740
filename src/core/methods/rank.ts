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

/** Reusable work space of {@link rankInto}, so that ranking many slices allocates nothing. */
export interface RankScratch {
  values: Float64Array;
  rankAt: Float64Array;
  order: Int32Array;
}

/** Work space for ranking slices of up to `n` scores. */
export function rankScratch(n: number): RankScratch {
  return { values: new Float64Array(n), rankAt: new Float64Array(n), order: new Int32Array(n) };
}

const SMALL = 48;

/**
 * {@link rankDescending} of `scores[from .. to)` written into `out[from .. to)`, without
 * comparator sorts: a few dozen scores by an insertion sort of (score, position) pairs, more by
 * the native numeric sort and a binary search back to each score. Equal scores sit together after
 * any sort, so the ranks do not depend on how ties were ordered.
 */
export function rankInto(scores: ArrayLike<number>, out: Float64Array, from = 0, to = scores.length, scratch?: RankScratch): void {
  const n = to - from;
  const ws = scratch && scratch.values.length >= n ? scratch : rankScratch(n);
  const vals = ws.values;
  const rankAt = ws.rankAt;
  let m = 0;
  if (n <= SMALL) {
    // a few dozen: insertion sort of (score, position) pairs, descending, then ranks in order
    const order = ws.order;
    for (let i = from; i < to; i++) {
      const s = scores[i]!;
      if (s === s && s !== Infinity && s !== -Infinity) {
        vals[m] = s;
        order[m++] = i;
      } else out[i] = NaN;
    }
    for (let j = 1; j < m; j++) {
      const v = vals[j]!;
      const o = order[j]!;
      let k = j - 1;
      while (k >= 0 && vals[k]! < v) {
        vals[k + 1] = vals[k]!;
        order[k + 1] = order[k]!;
        k--;
      }
      vals[k + 1] = v;
      order[k + 1] = o;
    }
    let rank = 1;
    for (let k = 0; k < m; k++) {
      if (k > 0 && !tie(vals[k - 1]!, vals[k]!)) rank = k + 1;
      out[order[k]!] = rank;
    }
    return;
  }
  // many: the native numeric sort (ascending), each sorted position's descending rank, and each
  // score the rank of the last position holding it (binary search)
  for (let i = from; i < to; i++) {
    const s = scores[i]!;
    if (s === s && s !== Infinity && s !== -Infinity) vals[m++] = s;
    else out[i] = NaN;
  }
  vals.subarray(0, m).sort();
  let rank = 1;
  for (let k = m - 1; k >= 0; k--) {
    if (k < m - 1 && !tie(vals[k + 1]!, vals[k]!)) rank = m - k;
    rankAt[k] = rank;
  }
  for (let i = from; i < to; i++) {
    const s = scores[i]!;
    if (!(s === s && s !== Infinity && s !== -Infinity)) continue;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vals[mid]! > s) hi = mid;
      else lo = mid + 1;
    }
    out[i] = rankAt[lo - 1]!;
  }
}

/** Whether two neighbouring sorted scores tie (within a relative 1e-9). */
function tie(prev: number, v: number): boolean {
  return Math.abs(prev - v) <= 1e-9 * Math.max(1, Math.abs(prev), Math.abs(v));
}
