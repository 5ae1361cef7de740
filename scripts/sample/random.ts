/** Deterministic randomness of the sample: keyed standard-normal draws from a fixed seed. */

/** Fixed PRNG seed. Change it and every sample value changes (the seed figures do not). */
export const SEED = 0x20250613;

// ================================================================================== 1. PRNG
import { mulberry32 } from '../../src/core/methods/random.ts';
export { mulberry32 };
/** FNV-1a hash of a string (32 bit). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
/** Keyed standard-normal draw (Box–Muller): the same key always gives the same number. */
export function z(key: string): number {
  const r = mulberry32(fnv1a(key) ^ SEED);
  r();
  const u1 = Math.max(r(), 1e-12);
  const u2 = r();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
