/**
 * How ranks decide a tie: `tolerant` (ipindex's default) — scores within a relative
 * {@link TIE_TOLERANCE} (1e-9) of each other are ties, so floating-point noise in aggregation never
 * splits a tie (7.1 computed two ways as 7.1 and 7.1000000000000005 is one rank); `exact` — only
 * equal numbers tie, as R's `rank(-x, ties.method = "min")` and so COINr's `rank_df()` /
 * `get_results()` rank.
 */
export const RANK_TIES = ['tolerant', 'exact'] as const;
/** How ranks decide a tie (see {@link RANK_TIES}). */
export type RankTies = (typeof RANK_TIES)[number];

/** The relative tolerance of `tolerant` ties: |a − b| ≤ 1e-9·max(1, |a|, |b|). */
export const TIE_TOLERANCE = 1e-9;

/** Options of {@link rankDescending}. */
export interface RankOptions {
  /** `tolerant` (default) or `exact` ties (see {@link RANK_TIES}). */
  ties?: RankTies;
}

/**
 * Competition ranks ("1224"): 1 = the highest score, ties share the lowest (best) rank, the next
 * rank skips. By default scores within a relative 1e-9 of each other are ties, so floating-point
 * noise in aggregation never splits a tie; `ties: 'exact'` ties only equal scores (COINr, R's
 * `rank(-x, ties.method = "min")`). Missing (NaN) scores get rank NaN.
 * @example rankDescending([90, 95, 90, 80]) // => [2, 1, 2, 4]
 * @example rankDescending([5.1, 5.1000000000000005], { ties: 'exact' }) // => [2, 1]
 */
export function rankDescending(scores: ArrayLike<number>, options: RankOptions = {}): number[] {
  const out = new Float64Array(scores.length);
  rankInto(scores, out, 0, scores.length, undefined, options.ties === 'exact' ? 0 : TIE_TOLERANCE);
  return Array.from(out);
}

/** Reusable work space of {@link rankInto}, so that ranking many slices allocates nothing. */
export interface RankScratch {
  values: Float64Array;
  rankAt: Float64Array;
  order: Int32Array;
  /** Buffers of the radix sort, made on first use. */
  big?: { keyA: Uint32Array; keyB: Uint32Array; posA: Int32Array; posB: Int32Array; count: Uint32Array };
}

/** Work space for ranking slices of up to `n` scores. */
export function rankScratch(n: number): RankScratch {
  return { values: new Float64Array(n), rankAt: new Float64Array(n), order: new Int32Array(n) };
}

const SMALL = 128;

/**
 * {@link rankDescending} of `scores[from .. to)` written into `out[from .. to)`, without
 * comparator sorts: up to 128 scores by an insertion sort of (score, position) pairs, more by a
 * radix sort on the scores' leading bits finished by insertion. Equal scores sit together after
 * any sort, so the ranks do not depend on how ties were ordered. `tol` is the relative tie
 * tolerance: {@link TIE_TOLERANCE} by default, 0 for exact ties.
 */
export function rankInto(scores: ArrayLike<number>, out: Float64Array, from = 0, to = scores.length, scratch?: RankScratch, tol = TIE_TOLERANCE): void {
  const n = to - from;
  const ws = scratch && scratch.values.length >= n ? scratch : rankScratch(n);
  const vals = ws.values;
  const rankAt = ws.rankAt;
  let m = 0;
  if (n <= SMALL) {
    // up to 128: insertion sort of (score, position) pairs, descending, then ranks in order
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
      if (k > 0 && !tie(vals[k - 1]!, vals[k]!, tol)) rank = k + 1;
      out[order[k]!] = rank;
    }
    return;
  }
  // many: a stable radix sort (3 passes of 11 bits) of positions by the scores' high words in
  // sortable form (sign, exponent and the top 20 bits of the mantissa), then an insertion pass
  // that puts neighbours with equal high words into full order, and a walk from the top
  const big = ws.big ?? (ws.big = { keyA: new Uint32Array(n), keyB: new Uint32Array(n), posA: new Int32Array(n), posB: new Int32Array(n), count: new Uint32Array(3 * STRIDE) });
  if (big.keyA.length < n) Object.assign(big, { keyA: new Uint32Array(n), keyB: new Uint32Array(n), posA: new Int32Array(n), posB: new Int32Array(n) });
  let ka = big.keyA;
  let kb = big.keyB;
  let pa = big.posA;
  let pb = big.posB;
  const count = big.count;
  for (let i = from; i < to; i++) {
    const s = scores[i]!;
    if (s === s && s !== Infinity && s !== -Infinity) {
      vals[m] = s;
      pa[m++] = i - from;
    } else out[i] = NaN;
  }
  // the keys and all three digit histograms in one pass
  const words = new Uint32Array(vals.buffer, vals.byteOffset, 2 * m);
  count.fill(0);
  for (let k = 0; k < m; k++) {
    const h = words[2 * k + 1]!; // little-endian: the high word
    const key = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    ka[k] = key;
    count[(key & MASK) + 1]!++;
    count[STRIDE + 1 + ((key >>> 11) & MASK)]!++;
    count[2 * STRIDE + 1 + (key >>> 22)]!++;
  }
  for (let pass = 0; pass < 3; pass++) {
    const c0 = pass * STRIDE; // count[c0] stays 0: the start of digit 0
    // a digit every key shares orders nothing: skip its pass
    let nonEmpty = 0;
    for (let d = 0; d < RADIX && nonEmpty < 2; d++) if (count[c0 + 1 + d]) nonEmpty++;
    if (nonEmpty < 2) continue;
    for (let d = 0; d < RADIX - 1; d++) count[c0 + d + 2]! += count[c0 + d + 1]!;
    const shift = 11 * pass;
    for (let k = 0; k < m; k++) {
      const at = count[c0 + ((ka[k]! >>> shift) & MASK)]!++;
      kb[at] = ka[k]!;
      pb[at] = pa[k]!;
    }
    [ka, kb] = [kb, ka];
    [pa, pb] = [pb, pa];
  }
  for (let k = 0; k < m; k++) rankAt[k] = scores[from + pa[k]!]!;
  let moves = 0;
  for (let k = 1; k < m; k++) {
    const v = rankAt[k]!;
    const p = pa[k]!;
    let j = k - 1;
    while (j >= 0 && rankAt[j]! > v) {
      rankAt[j + 1] = rankAt[j]!;
      pa[j + 1] = pa[j]!;
      j--;
      moves++;
    }
    rankAt[j + 1] = v;
    pa[j + 1] = p;
    // scores that agree in their high words are close; when very many are, sort them natively
    if (moves > 16 * m) {
      rankAt.subarray(0, m).sort();
      return rankBySearch(scores, out, from, to, rankAt, m, vals, tol);
    }
  }
  let rank = 1;
  let prev = NaN;
  for (let k = m - 1; k >= 0; k--) {
    const v = rankAt[k]!;
    if (k < m - 1 && !tie(prev, v, tol)) rank = m - k;
    prev = v;
    out[from + pa[k]!] = rank;
  }
}

/** Buckets of a radix pass (11 bits), and the digit mask. */
const RADIX = 2048;
const MASK = RADIX - 1;
/** Counters per pass: one before the buckets, so that count[c0 + d] is where digit d starts. */
const STRIDE = RADIX + 1;

/**
 * Ranks from the `m` present scores sorted ascending in `sorted`: each sorted position's
 * descending rank (into `rankAt`), then each score the rank of the last position holding it.
 */
function rankBySearch(scores: ArrayLike<number>, out: Float64Array, from: number, to: number, sorted: Float64Array, m: number, rankAt: Float64Array, tol: number): void {
  let rank = 1;
  for (let k = m - 1; k >= 0; k--) {
    if (k < m - 1 && !tie(sorted[k + 1]!, sorted[k]!, tol)) rank = m - k;
    rankAt[k] = rank;
  }
  for (let i = from; i < to; i++) {
    const s = scores[i]!;
    if (!(s === s && s !== Infinity && s !== -Infinity)) continue;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > s) hi = mid;
      else lo = mid + 1;
    }
    out[i] = rankAt[lo - 1]!;
  }
}

/** Whether two neighbouring sorted scores tie: within a relative `tol`, or equal when `tol` is 0. */
function tie(prev: number, v: number, tol: number): boolean {
  return tol === 0 ? prev === v : Math.abs(prev - v) <= tol * Math.max(1, Math.abs(prev), Math.abs(v));
}
