/** Recipe validation: typos get a suggestion, impossible values are refused with the field named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRecipe } from '../src/core/index.ts';

test('recipe typos and impossible values are refused, with a suggestion', () => {
  assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: 'minmax' }, weights: { scheme: 'equal', sets: { A: 1 } } }), /weights\.sets: unknown key "sets" \(did you mean set\?\)/);
  assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: 'minmax', scop: 'pooled' } }), /normalisation\.scop: unknown key "scop" \(did you mean scope\?\)/);
  assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: 'minmax' }, reporting: { decimals: -1 } }), /reporting\.decimals: must be between 0 and 20/);
  assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: 'minmax', scope: 'fixed', bounds: { A: [10, 0] } } }), /normalisation\.bounds\.A: low must be below high, got \[10, 0\]/);
  assert.throws(() => resolveRecipe({ id: 'x', dataLag: -1, normalisation: { method: 'minmax' } }), /dataLag: must be ≥ 0/);
  // an AHP matrix written to 3 decimals is accepted (the example in docs/recipes.md)
  const r = resolveRecipe({ id: 'x', normalisation: { method: 'minmax' }, weights: { ahp: { P3: [[1, 2, 3], [0.5, 1, 2], [0.333, 0.5, 1]] }, params: { standardise: true } } });
  assert.equal(r.weights.params.standardise, true);
});
