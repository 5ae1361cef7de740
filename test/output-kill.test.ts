/**
 * The output folder survives kill -9 (issue 7): `evaluate -o` killed at seeded random points of
 * its write leaves the old result whole or the new one whole, never a mix, and the next run
 * leaves nothing beside the folder. A few trials here; `npm run fuzz` runs ≥ 100 with the same
 * function (test/output-kill-trial.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKillTrials } from './output-kill-trial.ts';

test('kill -9 during evaluate -o: the folder is always the old or the new result, whole; no leftovers after the next run', { timeout: 600_000 }, async () => {
  const s = await runKillTrials({ trials: 6, seed: 20251201 });
  assert.deepEqual(s.details, []);
  assert.equal(s.mixed, 0);
  assert.equal(s.failed, 0);
  assert.equal(s.leftovers, 0);
  assert.equal(s.old + s.new + s.absent, s.trials);
  assert.ok(s.killedMidWrite >= 3, `only ${s.killedMidWrite} of ${s.trials} runs were killed during their write`);
});
