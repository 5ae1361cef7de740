/**
 * Imputation methods. Values are laid out years × units (`values[t][u]`); every expected value is
 * worked by hand in the comment next to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IMPUTERS,
  MethodError,
  carryForward,
  groupMean,
  groupMedian,
  indicatorMean,
  indicatorMedian,
  interpolate,
  resolveImputer,
  rowMean,
} from '../src/core/index.ts';

const N = NaN;

test('carryForward: latest earlier year of the same unit; nothing before the first observation', () => {
  const v = [
    [1, N, N],
    [N, 5, N],
    [N, N, 7],
  ];
  const r = carryForward(v);
  // unit 0: 1 carried to t1, t2; unit 1: 5 carried to t2 (t0 has nothing earlier); unit 2 only t2
  assert.deepEqual(r.values, [
    [1, N, N],
    [1, 5, N],
    [1, 5, 7],
  ]);
  assert.deepEqual(r.imputed, [
    [1, 0],
    [2, 0],
    [2, 1],
  ]);
  assert.ok(Number.isNaN(v[1]![0]!), 'input unchanged');
});

test('carryForward: maxYears counts calendar years', () => {
  // years 2020, 2021, 2023: unit 0's 2020 value reaches 2021 (1 year) but not 2023 (3 years);
  // unit 1's 2021 value would need 2 years to reach 2023
  const r = carryForward(
    [
      [1, N, N],
      [N, 5, N],
      [N, N, 7],
    ],
    { years: [2020, 2021, 2023], maxYears: 1 },
  );
  assert.deepEqual(r.values, [
    [1, N, N],
    [1, 5, N],
    [N, N, 7],
  ]);
  assert.deepEqual(r.imputed, [[1, 0]]);
});

test('interpolate: linear in the years between the nearest observations; ends stay missing', () => {
  const v = [[1, N], [N, 2], [N, N], [7, 4], [N, N]];
  // unit 0, row spacing: 1 → 7 over 3 steps: 3, 5; t4 after the last observation stays missing
  // unit 1: t0 before the first observation stays missing; 2 → 4 over 2 steps: 3
  const r = interpolate(v);
  assert.deepEqual(r.values, [[1, N], [3, 2], [5, 3], [7, 4], [N, N]]);
  assert.deepEqual(r.imputed, [
    [1, 0],
    [2, 0],
    [2, 1],
  ]);
  // with years 2000, 2001, 2004, 2005, 2006: slope (7 − 1)/5 = 1.2 → 2001: 2.2, 2004: 5.8
  const y = interpolate(v, { years: [2000, 2001, 2004, 2005, 2006] });
  assert.ok(Math.abs(y.values[1]![0]! - 2.2) < 1e-12 && Math.abs(y.values[2]![0]! - 5.8) < 1e-12, JSON.stringify(y.values));
  // unit 1: 2001 → 2005 is 2 → 4, so 2004 = 2 + 2·3/4 = 3.5
  assert.equal(y.values[2]![1], 3.5);
});

test('indicatorMean / indicatorMedian: over the units present in the same year', () => {
  const m = indicatorMean([
    [1, N, 5, N],
    [N, N, N, N],
  ]);
  // (1 + 5)/2 = 3; a year with no value stays missing
  assert.deepEqual(m.values, [
    [1, 3, 5, 3],
    [N, N, N, N],
  ]);
  assert.deepEqual(m.imputed, [
    [0, 1],
    [0, 3],
  ]);
  // median of 1, 2, 9 = 2 (the mean would be 4)
  assert.deepEqual(indicatorMedian([[1, N, 2, 9]]).values, [[1, 2, 2, 9]]);
  assert.deepEqual(indicatorMedian([[1, N, 2, 9, 10]]).values, [[1, 5.5, 2, 9, 10]]); // (2 + 9)/2
});

test('groupMean / groupMedian: over the same group in the same year; no group or no peer value → missing', () => {
  const groups = ['E', 'E', 'E', 'W', 'X', undefined];
  const r = groupMean(
    [
      [1, N, 3, 10, N, N],
      [N, 4, 6, N, 8, 1],
    ],
    groups,
  );
  // t0: unit 1 ← (1 + 3)/2 = 2; unit 4 (group X has no value) and unit 5 (no group) stay missing
  // t1: unit 0 ← (4 + 6)/2 = 5; unit 3 (W has no other value) stays missing
  assert.deepEqual(r.values, [
    [1, 2, 3, 10, N, N],
    [5, 4, 6, N, 8, 1],
  ]);
  assert.deepEqual(r.imputed, [
    [0, 1],
    [1, 0],
  ]);
  // median of group E's 1, 2, 9 = 2; W's 50 is not used
  assert.deepEqual(groupMedian([[1, N, 2, 9, 50]], ['E', 'E', 'E', 'E', 'W']).values, [[1, 2, 2, 9, 50]]);
  assert.throws(() => groupMean([[1, 2]], ['E']), /1 group labels given for 2 units/);
});

test('rowMean: a unit\'s missing indicator ← mean of its present indicators in the same group', () => {
  const r = rowMean(
    [
      [60, N, 80, 10, N],
      [N, N, N, 5, 7],
    ],
    [
      [0, 1, 2],
      [3, 4],
    ],
  );
  // unit 0: group {0,1,2} → (60 + 80)/2 = 70; group {3,4} → 10; unit 1: group {0,1,2} has no value
  assert.deepEqual(r.values, [
    [60, 70, 80, 10, 10],
    [N, N, N, 5, 7],
  ]);
  assert.deepEqual(r.imputed, [
    [0, 1],
    [0, 4],
  ]);
  assert.throws(() => rowMean([[1, 2]], [[0, 2]]), (e: unknown) => e instanceof MethodError && /group 0 names indicator 2, but indicators are numbered 0 to 1/.test(e.message));
  assert.throws(() => rowMean([[1, 2]], [[0, 1], [1]]), /indicator 1 is in group 0 and in group 1/);
});

test('input checks: ragged rows, years', () => {
  assert.throws(() => indicatorMean([[1, 2], [3]]), /year 1 has 1 values but year 0 has 2/);
  assert.throws(() => interpolate([[1], [2]], { years: [2021, 2021] }), /years must be increasing, but 2021 follows 2021/);
  assert.throws(() => carryForward([[1], [2]], { years: [2021] }), /1 years given for 2 rows/);
});

test('IMPUTERS registry: names, descriptions, resolution in one place', () => {
  assert.deepEqual(Object.keys(IMPUTERS), ['carry-forward', 'interpolate', 'indicator-mean', 'indicator-median', 'group-mean', 'group-median']);
  for (const [name, def] of Object.entries(IMPUTERS)) {
    assert.ok(def.describe.zh && def.describe.en, `${name} has descriptions`);
  }
  assert.throws(() => resolveImputer('hot-deck'), /Unknown imputation method "hot-deck" \(valid: carry-forward, interpolate, indicator-mean, indicator-median, group-mean, group-median\)/);
  assert.throws(() => resolveImputer('interpolate', { maxYears: 1 }), /interpolate has no parameter "maxYears" \(valid: extendEnds\)/);
  // typed-array rows and the same results as the direct functions
  const rows = [Float64Array.from([1, N]), Float64Array.from([N, 5]), Float64Array.from([N, N])];
  const { def, params } = resolveImputer('carry-forward', { maxYears: 1 });
  assert.deepEqual(def.fn(rows, params, { years: [2020, 2021, 2022] }).values, [
    [1, N],
    [1, 5],
    [N, 5],
  ]);
  const gm = resolveImputer('group-mean');
  assert.throws(() => gm.def.fn(rows, gm.params, {}), /group-mean needs the group of every unit/);
  assert.deepEqual(gm.def.fn([[1, N, 3]], gm.params, { groupOf: ['A', 'A', 'A'] }).values, [[1, 2, 3]]);
});

test('interpolate with extendEnds fills the ends with the nearest observation (COINr, approx rule = 2)', () => {
  const r = interpolate([[NaN], [2], [NaN], [6], [NaN]], { extendEnds: true });
  assert.deepEqual(r.values, [[2], [2], [4], [6], [6]]);
  assert.deepEqual(r.imputed, [[0, 0], [2, 0], [4, 0]]);
});
