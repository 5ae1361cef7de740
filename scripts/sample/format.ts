/** Rounding and plain decimal text of the sample values. */

// ================================================================================== 2. rounding
/** Decimals: a fixed count, or {sig} significant digits (at least 2 decimals) for tiny ratios. */
export type Dec = number | { sig: number };
export function decimalsFor(v: number, dec: Dec): number {
  if (typeof dec === 'number') return dec;
  if (v === 0) return 2;
  return Math.max(2, dec.sig - 1 - Math.floor(Math.log10(Math.abs(v))));
}
export const roundTo = (v: number, dec: Dec): number => Number(v.toFixed(decimalsFor(v, dec)));
/** Plain decimal text without trailing zeros or thousands separators. */
export function fmt(v: number, dec: Dec): string {
  let s = v.toFixed(decimalsFor(v, dec));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
