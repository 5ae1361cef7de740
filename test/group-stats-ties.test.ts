/** Group statistics with ties: equal scores are not above their own mean; duplicate members are refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupStats, buildGroupings, type EvaluationResult } from '../src/core/index.ts';

test('group statistics: equal scores are not above their own mean; members listed twice are refused', () => {
  const x = 260 / 3;
  const res = { editions: [2025], units: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], nodes: ['ROOT'], scores: { ROOT: new Float64Array(7).fill(x) }, recipe: { reporting: { threshold: x } } } as unknown as EvaluationResult;
  const all = groupStats(res, []).find((s) => s.group === 'ALL')!;
  assert.equal(all.aboveMean, 0);
  assert.equal(all.atLeastThreshold, 7);
  assert.throws(() => buildGroupings({ groupings: [{ id: 'g', groups: [{ code: 'G1', members: ['AA', 'AA'] }] }] }), /g\.G1: member "AA" is listed twice/);
});
