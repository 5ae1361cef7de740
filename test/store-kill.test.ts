/**
 * The store survives kill -9 (issue 8): 50 imports killed at seeded random moments of their
 * transaction, commit and close; after each, the store opens, every earlier vintage is unchanged,
 * and the new vintage is there whole or not at all (test/store-kill-trial.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStoreKillTrials } from './store-kill-trial.ts';

test('kill -9 during data import, 50 times: never a partial vintage or an unreadable store', { timeout: 1_800_000 }, async () => {
  const s = await runStoreKillTrials({ trials: 50, seed: 20261202 });
  assert.deepEqual(s.details, []);
  assert.equal(s.broken, 0);
  assert.equal(s.before + s.after + s.finished, 50);
  // the kills land on both sides of the commit: some leave the store as before, some after it
  assert.ok(s.before >= 5, `only ${s.before} kills landed before the commit`);
  assert.ok(s.after + s.finished >= 5, `only ${s.after + s.finished} imports got past the commit`);
});
