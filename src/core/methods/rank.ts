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
  keys?: Float64Array;
}

/** Work space for ranking slices of up to `n` scores. */
export function rankScratch(n: number): RankScratch {
  return { values: new Float64Array(n), rankAt: new Float64Array(n), order: new Int32Array(n) };
}

const SMALL = 48;

/**
 * {@link rankDescending} of `scores[from .. to)` written into `out[from .. to)`, without
 * comparator sorts: a few dozen scores by an insertion sort of (score, position) pairs, more by
 * the native numeric sort of keys that pack a score's leading bits with its position. Equal
 * scores sit together after any sort, so the ranks do not depend on how ties were ordered.
 */
export function rankInto(scores: ArrayLike<number>, out: Float64Array, from = 0, to = scores.length, scratch?: RankScratch): void {
  const n = to - from;
  if (n > POSITIONS) throw new RangeError(`rankInto: at most ${POSITIONS} scores at a time, got ${n}`);
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
  // many: sort packed keys natively — the score's top 32 bits in sortable form, times 2²¹, plus
  // the score's position — then put neighbours whose top bits are equal into full order (a few
  // insertion steps) and walk the order from the top: no comparator and no search back
  const order = ws.order;
  for (let i = from; i < to; i++) {
    const s = scores[i]!;
    if (s === s && s !== Infinity && s !== -Infinity) {
      vals[m] = s;
      order[m++] = i - from;
    } else out[i] = NaN;
  }
  const hi = new Uint32Array(vals.buffer, vals.byteOffset, 2 * m);
  const keys = ws.keys && ws.keys.length >= m ? ws.keys : (ws.keys = new Float64Array(m));
  for (let k = 0; k < m; k++) {
    const h = hi[2 * k + 1]!; // little-endian: the high word (sign, exponent, top of the mantissa)
    const sortable = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    keys[k] = sortable * POSITIONS + order[k]!;
  }
  const sorted = keys.subarray(0, m);
  sorted.sort();
  for (let k = 0; k < m; k++) {
    const p = sorted[k]! % POSITIONS;
    order[k] = p;
    rankAt[k] = scores[from + p]!;
  }
  for (let k = 1; k < m; k++) {
    const v = rankAt[k]!;
    const p = order[k]!;
    let j = k - 1;
    while (j >= 0 && rankAt[j]! > v) {
      rankAt[j + 1] = rankAt[j]!;
      order[j + 1] = order[j]!;
      j--;
    }
    rankAt[j + 1] = v;
    order[j + 1] = p;
  }
  let rank = 1;
  let prev = NaN;
  for (let k = m - 1; k >= 0; k--) {
    const v = rankAt[k]!;
    if (k < m - 1 && !tie(prev, v)) rank = m - k;
    prev = v;
    out[from + order[k]!] = rank;
  }
}

/** Room for the position in a packed sort key: slices of up to 2²¹ scores (32 + 21 bits < 2⁵³). */
const POSITIONS = 2 ** 21;

/** Whether two neighbouring sorted scores tie (within a relative 1e-9). */
function tie(prev: number, v: number): boolean {
  return Math.abs(prev - v) <= 1e-9 * Math.max(1, Math.abs(prev), Math.abs(v));
}
