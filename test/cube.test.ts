/**
 * The columnar cube: built from observations (later ones win, missing kept, units sorted, years
 * consecutive) or from dense arrays (sizes checked), with lookups by unit, variable and year.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cube, DataError, Panel } from '../src/core/index.ts';

test('from observations: later observations win, missing values are kept as NaN, units sorted, years consecutive', () => {
  const cube = Cube.fromObservations([
    { unit: 'B', year: 2020, variable: 'X', value: 1, source: 'office', flag: 'estimated' },
    { unit: 'A', year: 2023, variable: 'Y', value: null },
    { unit: 'B', year: 2020, variable: 'X', value: 2, source: 'revision' },
    { unit: 'A', year: 2021, variable: 'X', value: 5 },
  ]);
  assert.deepEqual(cube.units, ['A', 'B']);
  assert.deepEqual(cube.variables, ['X', 'Y']);
  // 2022 has no observation at all, but the year axis runs through it
  assert.deepEqual(cube.years, [2020, 2021, 2022, 2023]);
  assert.equal(cube.value('B', 'X', 2020), 2);
  assert.equal(cube.source('B', 'X', 2020), 'revision');
  assert.equal(cube.flag('B', 'X', 2020), undefined, 'the revision carries no flag');
  assert.equal(cube.value('A', 'Y', 2023), null);
  assert.equal(cube.value('A', 'X', 2022), null);
  assert.equal(cube.value('C', 'X', 2020), null);
  assert.equal(cube.value('A', 'X', 1999), null);
  // layout: (v · Y + y) · U + u
  assert.equal(cube.values[(0 * 4 + 1) * 2 + 0], 5);
  assert.deepEqual(Array.from(cube.block(0)), [NaN, 2, 5, NaN, NaN, NaN, NaN, NaN]);
  // Y has no value at all; X was seen first
  assert.deepEqual(Array.from(cube.firstSeen), [0, -1]);
});

test('a panel gives its cube once, and a new observation makes a new one', () => {
  const p = new Panel([{ unit: 'A', year: 2020, variable: 'X', value: 1 }]);
  const c1 = p.cube();
  assert.equal(p.cube(), c1);
  p.add({ unit: 'A', year: 2020, variable: 'X', value: 3 });
  assert.notEqual(p.cube(), c1);
  assert.equal(p.cube().value('A', 'X', 2020), 3);
});

test('from dense arrays: sizes and years are checked with a clear message', () => {
  const ok = Cube.fromDense({ units: ['A', 'B'], variables: ['X'], years: [2020, 2021], values: Float64Array.of(1, 2, NaN, 4) });
  assert.equal(ok.value('B', 'X', 2021), 4);
  assert.equal(ok.value('A', 'X', 2021), null);
  assert.throws(() => Cube.fromDense({ units: ['A'], variables: ['X'], years: [2020, 2021], values: new Float64Array(3) }), (e: unknown) => e instanceof DataError && /3 values for 1 variables × 2 years × 1 units \(expected 2\)/.test(e.message));
  assert.throws(() => Cube.fromDense({ units: ['A'], variables: ['X'], years: [2020, 2022], values: new Float64Array(2) }), /years must be consecutive, but 2022 follows 2020/);
});
