/**
 * The summary's wording on hand-built results: floating noise in a change is 0, not −0.0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFramework, resolveRecipe, summarise, type EvaluationResult } from '../src/core/index.ts';

const fw = parseFramework('id: t\nname: {zh: 测试指数, en: Test index}\nnodes:\n  - {code: R, name: {zh: 测试指数, en: Test index}}\n  - {code: P, parent: R, name: {zh: 分项, en: Part}}\n  - {code: X, parent: P, name: x}\n', 't.yaml');

/** One unit, two editions; the root and its child change by one unit in the last place. */
function oneUnit(root: [number, number], part: [number, number]): EvaluationResult {
  const recipe = resolveRecipe({ id: 'r', normalisation: { method: 'minmax' }, reporting: { decimals: 1 } });
  return {
    recipe, firstEdition: 2024, baseEdition: 2024, framework: { id: 't', version: '0' }, editions: [2024, 2025], dataYears: [2023, 2024], units: ['CN'], nodes: ['R', 'P', 'X'],
    values: {}, scores: { R: Float64Array.from(root), P: Float64Array.from(part), X: Float64Array.from(part) }, ranks: {}, flags: {}, bounds: {}, weights: {}, warnings: [],
  } as unknown as EvaluationResult;
}

test('a change that is floating noise reads as unchanged / 0.0, never −0.0', () => {
  // 100 − 1.42e-14 is the double just below 100; 50 − 7.1e-15 the one just below 50
  const below100 = 99.99999999999999;
  const below50 = 49.99999999999999;
  assert.ok(below100 < 100 && below50 < 50);
  const zh = summarise(oneUnit([100, below100], [50, below50]), fw);
  assert.equal(zh[0], '2025年测试指数为100.0，与上年持平。');
  assert.equal(zh[1], '分指数：分项50.0（0.0）。');
  assert.equal(zh[2], '增幅最大的是分项（0.0），增幅最小的是分项（0.0）。');
  const en = summarise(oneUnit([100, below100], [50, below50]), fw, { lang: 'en' });
  assert.equal(en[1], 'Sub-indices: Part 50.0 (0.0).');
  // a real fall keeps its sign
  assert.equal(summarise(oneUnit([100, 99], [50, 49.5]), fw)[1], '分指数：分项49.5（-0.5）。');
});
