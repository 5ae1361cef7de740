/**
 * Each method family has one registry and a callable entry on a plain vector (table, matrix):
 * the entry gives exactly what the registry's function gives, and refuses unknown names with the
 * list of valid ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGGREGATORS,
  IMPUTERS,
  NORMALISERS,
  TREATERS,
  WEIGHTERS,
  aggregate,
  aggregateMatrix,
  aggregatePresent,
  impute,
  normalise,
  resolveNormaliser,
  treat,
  treatOutliers,
  weigh,
  weightsFromData,
  type AggregateMethod,
  type DataWeightMethod,
  type ImputeMethod,
  type NormaliseContext,
  type NormaliseMethod,
  type NormaliseParams,
} from '../src/core/index.ts';

const x = [12, 40, NaN, 7, 33, 33, 90];

test('normalise(values, {method, direction, params}) = the registry function, for every normaliser and both directions', () => {
  for (const method of Object.keys(NORMALISERS) as NormaliseMethod[]) {
    const params: NormaliseParams = method === 'goalposts' || method === 'scaled' ? { lo: 0, hi: 50 } : method === 'box-cox' ? { lambda: 0.5 } : method === 'ratio-to-reference' || method === 'dist2ref' ? { ref: 'B' } : method === 'dist2targ' ? { target: 95 } : {};
    const units = x.map((_, i) => String.fromCharCode(65 + i));
    const base = x.map((v) => v / 2 + 1);
    for (const direction of [1, -1] as const) {
      const warned: string[] = [];
      const ctx: NormaliseContext = { direction, indicator: 'X', units, base, warn: (code) => warned.push(code) };
      const { def, params: merged } = resolveNormaliser(method, params);
      const direct = def.fn(x, merged, ctx);
      const entry = normalise(x, { method, direction, params, units, base, indicator: 'X' });
      assert.deepEqual(entry.values, direct, `${method} d=${direction}`);
      assert.deepEqual(entry.warnings.map((w) => w.code), warned, `${method} d=${direction}: the same warnings, as values`);
      assert.ok(entry.warnings.every((w) => w.path === 'X'));
    }
  }
  assert.throws(() => normalise(x, { method: 'minimax' as NormaliseMethod }), /Unknown normalisation method "minimax" \(valid: efficacy, minmax/);
});

test('normalise uses fixed bounds only for methods that use bounds', () => {
  assert.deepEqual(normalise([10, 20], { method: 'minmax', bounds: [0, 40] }).values, [25, 50]);
  assert.deepEqual(normalise([10, 20], { method: 'log', bounds: [0, 40] }).values, [Math.log(10), Math.log(20)]);
});

test('aggregate(values, weights, {method}) = aggregatePresent; on a matrix = aggregateMatrix', () => {
  const X = [
    [80, 60, 70],
    [50, 90, NaN],
    [65, 65, 65],
  ];
  const w = [2, 1, 1];
  for (const method of Object.keys(AGGREGATORS) as AggregateMethod[]) {
    const def = AGGREGATORS[method];
    assert.deepEqual(aggregate(X, w, { method }), aggregateMatrix(def, X, w, def.defaults), `${method} on a matrix`);
    if (!('matrixFn' in def)) assert.equal(aggregate(X[1]!, w, { method }), aggregatePresent(def.fn, X[1]!, w, def.defaults), `${method} on a vector`);
    else assert.throws(() => aggregate(X[1]!, w, { method }), /compares units with each other/);
  }
  assert.equal(aggregate([1, 4], [1, 1], { method: 'generalised', params: { p: 2 } }), Math.sqrt(8.5));
  assert.throws(() => aggregate([1], [1], { method: 'median' as AggregateMethod }), /Unknown aggregation method "median" \(valid: arithmetic/);
});

test('impute(table, {method, params}) = the registry function', () => {
  const table = [
    [1, NaN, 3, NaN],
    [NaN, 5, NaN, 8],
    [2, NaN, 4, 6],
  ];
  const groupOf = ['a', 'a', 'b', 'b'];
  const years = [2020, 2021, 2023];
  for (const method of Object.keys(IMPUTERS) as ImputeMethod[]) {
    const def = IMPUTERS[method];
    assert.deepEqual(impute(table, { method, years, groupOf }), def.fn(table, def.defaults, { years, groupOf }), method);
  }
  // 2021 → 2023 is two years: carried with maxYears 2, not with maxYears 1
  assert.deepEqual(impute(table, { method: 'carry-forward', params: { maxYears: 2 }, years }).values[2], [2, 5, 4, 6]);
  assert.deepEqual(impute(table, { method: 'carry-forward', params: { maxYears: 1 }, years }).values[2], [2, NaN, 4, 6]);
  assert.throws(() => impute(table, { method: 'group-mean' }), /needs the group of every unit/);
  assert.throws(() => impute(table, { method: 'hot-deck' as ImputeMethod }), /Unknown imputation method "hot-deck"/);
});

test('weigh(matrix, {method, params}) = weightsFromData, for every data-driven weighter; the others are refused', () => {
  const X = [
    [1, 10, 3],
    [2, 30, 1],
    [4, 20, 2],
    [3, 50, 5],
    [5, 40, 4],
  ];
  const data = Object.entries(WEIGHTERS)
    .filter(([, d]) => d.input === 'data')
    .map(([k]) => k as DataWeightMethod);
  assert.deepEqual(data, ['entropy', 'critic', 'cv', 'pca', 'optimise']);
  for (const method of data) assert.deepEqual(weigh(X, { method }), weightsFromData(method, X), method);
  assert.deepEqual(weigh(X, { method: 'entropy', params: { standardise: true } }), weightsFromData('entropy', X, { standardise: true }));
  assert.throws(() => weigh(X, { method: 'ahp' as DataWeightMethod }), /does not derive weights from data \(data-driven: entropy, critic, cv, pca, optimise\)/);
});

test('treat(values, {method, params}): TREATERS has none and winsorise; winsorise = treatOutliers, none changes nothing', () => {
  assert.deepEqual(Object.keys(TREATERS), ['none', 'winsorise']);
  const skewed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, NaN];
  assert.deepEqual(treat(skewed, { method: 'winsorise' }), treatOutliers(skewed));
  assert.deepEqual(treat(skewed, { method: 'winsorise', params: { winMax: 0, logFallback: false } }), treatOutliers(skewed, { winMax: 0, logFallback: false }));
  const none = treat(skewed, { method: 'none' });
  assert.deepEqual(none.values, skewed);
  assert.deepEqual(none.winsorised, []);
  assert.equal(none.log, false);
  assert.equal(none.pass, treatOutliers(skewed, { winMax: 0, logFallback: false }).pass);
  assert.throws(() => treat(skewed, { method: 'trim' as 'none' }), /Unknown outlier treatment "trim" \(valid: none, winsorise\)/);
});
