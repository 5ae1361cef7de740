import { MethodError } from '../../errors.ts';

/** Fixed weighting schemes that need no data: equal and child-count (proportional) weights. */


/**
 * Equal weights: wᵢ = 1/n.
 * Reference: OECD/JRC Handbook on Constructing Composite Indicators (2008), §6.1.
 * @throws MethodError unless n is a positive integer
 * @example equalWeights(4) // => [0.25, 0.25, 0.25, 0.25]
 */
export function equalWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new MethodError(`equal weights: the number of items must be a positive integer, got ${n}`);
  return new Array<number>(n).fill(1 / n);
}

/**
 * Child-count (proportional) weights: wᵢ = cᵢ / Σc, e.g. a pillar weighted by its number of
 * indicators so that every indicator counts equally in the index.
 * Reference: OECD/JRC Handbook (2008), §6.1 (equal weighting at the indicator level).
 * @throws MethodError for a negative or non-finite count, or counts summing to zero
 * @example childCountWeights([3, 1]) // => [0.75, 0.25]
 */
export function childCountWeights(counts: number[]): number[] {
  if (!Array.isArray(counts) || counts.length === 0) throw new MethodError('child-count weights: pass at least one count');
  counts.forEach((c, i) => {
    if (!Number.isFinite(c) || c < 0) throw new MethodError(`child-count weights: count ${i + 1} is ${c}; counts must be finite and ≥ 0`);
  });
  const s = counts.reduce((a, b) => a + b, 0);
  if (!(s > 0)) throw new MethodError('child-count weights: the counts sum to zero; at least one item needs a positive count');
  return counts.map((c) => c / s);
}
