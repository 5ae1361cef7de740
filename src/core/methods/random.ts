/**
 * Seeded randomness for everything stochastic (sample data, synthetic panels, Monte Carlo):
 * a generator is made from a seed and passed in, never a module-global one.
 */

/**
 * mulberry32: a small, fast, well-mixed 32-bit PRNG (Tommy Ettinger, public domain). The same
 * seed always gives the same sequence of uniforms in [0, 1).
 * @example mulberry32(1)() // => 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
