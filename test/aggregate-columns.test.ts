/**
 * The engine's column form of an aggregator gives exactly (bit for bit) what the per-cell form
 * gives through aggregatePresent: missing children and zero weights dropped, weights renormalised.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATORS, aggregatePresent, type AggregatorDef } from '../src/core/index.ts';

test('every aggregator with a column form agrees with its per-cell form on random columns', () => {
  let seed = 12345;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const defs = Object.entries(AGGREGATORS as Record<string, AggregatorDef>).filter(([, d]) => d.columns);
  assert.ok(defs.some(([name]) => name === 'arithmetic'));
  for (const [name, def] of defs) {
    for (let trial = 0; trial < 200; trial++) {
      const K = 1 + Math.floor(next() * 6);
      const N = 1 + Math.floor(next() * 40);
      const kids = Array.from({ length: K }, () => Float64Array.from({ length: N }, () => (next() < 0.2 ? NaN : 60 + next() * 40)));
      const w = Array.from({ length: K }, () => (next() < 0.15 ? 0 : next() * 3));
      const out = new Float64Array(N).fill(-1);
      def.columns!(kids, w, out, 0, N);
      for (let k = 0; k < N; k++) {
        const expected = aggregatePresent(def.fn, kids.map((c) => c[k]!), w);
        assert.ok(Object.is(out[k], expected) || (Number.isNaN(out[k]) && Number.isNaN(expected)), `${name} trial ${trial} cell ${k}: ${out[k]} vs ${expected}`);
      }
    }
  }
});
