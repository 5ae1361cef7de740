/**
 * Competition ranks: the engine's comparator-free ranking gives the same ranks as the textbook
 * algorithm (sort indices by score, walk them, a new rank where two neighbours differ by more
 * than a relative 1e-9), for small and large slices with exact ties, near ties, chains of near
 * ties, −0, infinities and missing scores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, rankDescending } from '../src/core/index.ts';
import { rankInto, rankScratch } from '../src/core/methods/rank.ts';

/** The reference: a comparator sort of indices (the engine's algorithm before the evaluation plan). */
function reference(scores: number[]): number[] {
  const idx = scores.map((_, i) => i).filter((i) => Number.isFinite(scores[i]!));
  idx.sort((a, b) => scores[b]! - scores[a]!);
  const out = scores.map(() => NaN);
  let rank = 1;
  idx.forEach((i, k) => {
    if (k > 0) {
      const p = scores[idx[k - 1]!]!;
      const v = scores[i]!;
      if (!(Math.abs(p - v) <= 1e-9 * Math.max(1, Math.abs(p), Math.abs(v)))) rank = k + 1;
    }
    out[i] = rank;
  });
  return out;
}

const rng = mulberry32;

test('hand-checked ranks: ties share the best rank, the next rank skips, missing stays missing', () => {
  assert.deepEqual(rankDescending([90, 95, 90, 80]), [2, 1, 2, 4]);
  assert.deepEqual(rankDescending([NaN, 1, 1 + 1e-12, 0, -0]), [NaN, 1, 1, 3, 3]);
  assert.deepEqual(rankDescending([Infinity, 5, -Infinity]), [NaN, 1, NaN]);
});

test('comparator-free ranks equal the reference on 4 000 random slices (sizes 0–3 000, both sides of the insertion/radix boundary at 128; ties, near ties, negatives, shared leading bits)', () => {
  const next = rng(2026);
  const scratch = rankScratch(64);
  for (let trial = 0; trial < 4000; trial++) {
    const n = trial < 3900 ? Math.floor(next() * 200) : 500 + Math.floor(next() * 2500);
    const pool = [0, -0, 60, 60 + 1e-10, 60 + 2e-10, 60 + 3e-8, 100, NaN, -1.5, -1.5 - 1e-12, 1e-300, -1e-300, 1e12, 1e12 + 1e-4];
    // scores on a 60–100 scale, z-scores around 0, and values that share their leading bits
    const draw = (): number => (next() < 0.4 ? pool[Math.floor(next() * pool.length)]! : next() < 0.5 ? 60 + next() * 40 : next() < 0.5 ? (next() - 0.5) * 6 : 70 + next() * 1e-7);
    const scores = Array.from({ length: n }, draw);
    const expected = reference(scores);
    assert.deepEqual(rankDescending(scores), expected, `trial ${trial}`);
    // a slice of a larger array, with reused scratch, writes only its own cells
    const padded = Float64Array.from([7, ...scores, 9]);
    const out = new Float64Array(n + 2).fill(-1);
    rankInto(padded, out, 1, n + 1, scratch);
    assert.deepEqual(Array.from(out.subarray(1, n + 1)), expected, `slice, trial ${trial}`);
    assert.equal(out[0], -1);
    assert.equal(out[n + 1], -1);
  }
});

test('large slices of scores that differ only in their last bits (noise apart) still rank exactly', () => {
  const next = rng(99);
  for (let trial = 0; trial < 20; trial++) {
    const n = 200 + Math.floor(next() * 3000);
    // 70 + k·ulp-sized steps: every score shares its leading 40+ bits with the others
    const scores = Array.from({ length: n }, () => 70 + Math.floor(next() * 1e6) * 1.4210854715202004e-14 * (next() < 0.5 ? 1 : -1));
    assert.deepEqual(rankDescending(scores), reference(scores), `trial ${trial}`);
  }
});
