/**
 * The p-quantile of ascending values, interpolated between order statistics as R's default
 * (`quantile(type = 7)`, Hyndman & Fan 1996): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * NaN for no values.
 * @example quantileSorted([1, 2, 3, 4], 0.5) // => 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!n) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * {@link quantileSorted} of whole numbers given by their counts (`counts[x]` values equal to x,
 * `n` values in all): the same interpolation between the order statistics.
 */
export function quantileOfCounts(counts: ArrayLike<number>, n: number, p: number): number {
  if (!n) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const at = (i: number): number => {
    // the value of order statistic i (0-based)
    let seen = 0;
    for (let x = 0; x < counts.length; x++) {
      seen += counts[x]!;
      if (seen > i) return x;
    }
    return NaN;
  };
  const a = at(lo);
  const b = lo + 1 < n ? at(lo + 1) : a;
  return a + (h - lo) * (b - a);
}
