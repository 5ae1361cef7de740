/** Deterministic randomness of the sample: keyed standard-normal draws from a fixed seed. */

/** Fixed PRNG seed. Change it and every sample value changes (the seed figures do not). */
export const SEED = 0x20250613;

// ================================================================================== 1. PRNG
/** mulberry32: a small, fast, well-mixed 32-bit PRNG (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
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
