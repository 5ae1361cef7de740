/** Small descriptive statistics over finite numbers. NaN entries are ignored. */

/** Finite values of an array. */
export function finite(xs: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Arithmetic mean; NaN for no values. @example mean([1, 2, 6]) // => 3 */
export function mean(xs: ArrayLike<number>): number {
  const f = finite(xs);
  if (!f.length) return NaN;
  let s = 0;
  for (const v of f) s += v;
  return s / f.length;
}

/** Median (mean of the two middle values for an even count). @example median([3, 1, 4, 2]) // => 2.5 */
export function median(xs: ArrayLike<number>): number {
  const f = finite(xs).sort((a, b) => a - b);
  if (!f.length) return NaN;
  const m = f.length >> 1;
  return f.length % 2 ? f[m]! : (f[m - 1]! + f[m]!) / 2;
}

/** Sample standard deviation (n − 1 denominator, as R's sd()). NaN for fewer than 2 values. */
export function sd(xs: ArrayLike<number>): number {
  const f = finite(xs);
  if (f.length < 2) return NaN;
  const m = mean(f);
  let s = 0;
  for (const v of f) s += (v - m) * (v - m);
  return Math.sqrt(s / (f.length - 1));
}

/** Minimum and maximum of the finite values; [NaN, NaN] for none. */
export function extent(xs: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}
