/**
 * The engine's in-place form of a normaliser (`into`, writing a Float64Array) gives exactly what
 * its array form (`fn`) gives: same scores to the bit, same warnings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORMALISERS, mulberry32, type NormaliserDef } from '../src/core/index.ts';

test('every normaliser with an in-place form agrees with its array form, bit for bit', () => {
  const next = mulberry32(4);
  const defs = Object.entries(NORMALISERS as Record<string, NormaliserDef>).filter(([, d]) => d.into);
  assert.ok(defs.length >= 2, 'efficacy and min-max have one');
  for (const [name, def] of defs) {
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(next() * 60);
      const same = next() < 0.1;
      const x = Array.from({ length: n }, () => (next() < 0.15 ? NaN : same ? 7 : (next() - 0.3) * 1000));
      const direction = next() < 0.5 ? 1 : -1;
      const bounds = next() < 0.3 ? ([-500, 900] as [number, number]) : undefined;
      const wa: string[] = [];
      const wb: string[] = [];
      const a = def.fn(x, def.defaults, { direction, indicator: 'X', warn: (c, m) => wa.push(`${c} ${m}`), ...(bounds ? { bounds } : {}) });
      const out = new Float64Array(n).fill(-1);
      def.into!(Float64Array.from(x), out, def.defaults, { direction, indicator: 'X', warn: (c, m) => wb.push(`${c} ${m}`), ...(bounds ? { bounds } : {}) });
      for (let i = 0; i < n; i++) assert.ok(Object.is(out[i], a[i]), `${name} trial ${trial} cell ${i}: ${out[i]} vs ${a[i]}`);
      assert.deepEqual(wb, wa);
    }
  }
});
