/**
 * Methods named in a recipe reach the engine: imputation steps, outlier treatment, data-driven
 * and AHP weights. Expected values computed by hand from the worked-example fixture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, cell, RecipeError, NORMALISERS, type Grouping } from '../src/core/index.ts';
import { close, fixture, panelOf, worked } from './helpers.ts';

const efficacy = JSON.parse(fixture('worked/recipe-efficacy.json'));

test('AHP weights at the root: [[1, 3], [1/3, 1]] gives 0.75 / 0.25', () => {
  const res = evaluate(worked(), panelOf(fixture('worked/data.csv')), { ...efficacy, weights: { scheme: 'framework', byNode: { ROOT: 'ahp' }, ahp: { ROOT: [[1, 3], [1 / 3, 1]] } } }, { edition: 2025 });
  close(res.weights.A, 0.75, 1e-12, 'weight of A');
  // U1 2025: A = 76, B = 90 (see worked-example.test.ts) → 0.75·76 + 0.25·90 = 79.5
  close(cell(res, 'ROOT', 2025, 'U1').score, 79.5, 1e-9, 'U1');
  // U2 2025: A = 92, B = 200/3 → 69 + 16.667 = 85.667
  close(cell(res, 'ROOT', 2025, 'U2').score, 69 + 50 / 3, 1e-9, 'U2');
});

test('an inconsistent AHP matrix is refused with its consistency ratio', () => {
  const bad = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]];
  assert.throws(
    () => evaluate(worked(), panelOf(fixture('worked/data.csv')), { ...efficacy, weights: { byNode: { B: 'ahp' }, ahp: { B: bad } } }, { edition: 2025 }),
    (e: Error) => e instanceof RecipeError && /weights\.ahp\.B: .*inconsistent: CR = \d\.\d+ ≥ 0\.10/.test(e.message),
  );
  assert.throws(
    () => evaluate(worked(), panelOf(fixture('worked/data.csv')), { ...efficacy, weights: { byNode: { B: 'ahp' }, ahp: { B: [[1, 2], [0.5, 1]] } } }, { edition: 2025 }),
    /weights\.ahp\.B: needs a 3×3 matrix \(children X3, X4, X5\)/,
  );
});

test('entropy weights: a child with no spread gets weight 0, so the parent equals the other child', () => {
  const csv = 'unit,year,variable,value\n' + [['U1', 1], ['U2', 5], ['U3', 9]].map(([u, x]) => `${u},2024,X1,${x}\n${u},2024,X2,7`).join('\n');
  const res = evaluate(worked(), panelOf(csv), { ...efficacy, firstEdition: 2025, weights: { byNode: { A: 'entropy' } } }, { edition: 2025 });
  close(res.weights.X2, 0, 1e-12, 'weight of the constant child');
  // X1 efficacy over 1, 5, 9: 60, 80, 100
  assert.deepEqual(['U1', 'U2', 'U3'].map((u) => cell(res, 'A', 2025, u).score), [60, 80, 100]);
});

test('imputation steps: interpolation between years, then group mean within a grouping', () => {
  const csv = 'unit,year,variable,value\nU1,2022,X1,10\nU1,2024,X1,30\nU2,2022,X1,5\nU2,2023,X1,6\nU2,2024,X1,7\nU3,2022,X1,50\nU3,2023,X1,60\nU3,2024,X1,70\nU4,2022,X1,100\nU4,2023,X1,100\n';
  const groupings: Grouping[] = [{ id: 'g', name: { zh: 'g' }, groups: [{ code: 'G1', name: { zh: 'G1' }, members: ['U1', 'U2', 'U3'] }, { code: 'G2', name: { zh: 'G2' }, members: ['U4'] }] }];
  const res = evaluate(worked(), panelOf(csv), { ...efficacy, firstEdition: 2023, missing: { steps: ['interpolate', 'group-mean'], grouping: 'g' } }, { edition: 2025, groupings });
  // U1 2023 lies between 10 (2022) and 30 (2024): 20
  assert.equal(cell(res, 'X1', 2024, 'U1').value, 20);
  assert.equal(cell(res, 'X1', 2024, 'U1').flag, 'imputed:interpolate');
  // U4 2024 cannot be interpolated (no later year); its group G2 has no other member: still missing
  assert.equal(cell(res, 'X1', 2025, 'U4').flag, 'missing');
  const res2 = evaluate(worked(), panelOf(csv), { ...efficacy, firstEdition: 2023, missing: { steps: ['indicator-mean'] } }, { edition: 2025 });
  // indicator mean of 2024: (30 + 7 + 70)/3 = 35.67
  close(cell(res2, 'X1', 2025, 'U4').value, 107 / 3, 1e-12, 'indicator mean');
  assert.ok(res2.warnings.some((w) => w.code === 'imputed' && /X1: 2 values imputed by indicator-mean/.test(w.message)), JSON.stringify(res2.warnings));
  assert.throws(() => evaluate(worked(), panelOf(csv), { ...efficacy, missing: { steps: ['group-mean'] } }, { edition: 2025 }), /missing\.grouping: group-mean \/ group-median need missing\.grouping/);
  assert.throws(() => evaluate(worked(), panelOf(csv), { ...efficacy, missing: { steps: ['guess'] } }, { edition: 2025 }), /missing\.steps\[0\]: Unknown imputation method "guess"/);
});

test('outlier treatment: one extreme value is winsorised before normalisation and flagged', () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
  const csv = 'unit,year,variable,value\n' + xs.map((x, i) => `V${i + 1},2024,X1,${x}`).join('\n');
  const plain = evaluate(worked(), panelOf(csv), { ...efficacy, firstEdition: 2025 }, { edition: 2025 });
  // untreated: L = 1, U = 100 → x = 9 scores 60 + 40·8/99
  close(cell(plain, 'X1', 2025, 'V9').score, 60 + 320 / 99, 1e-9, 'untreated');
  const res = evaluate(worked(), panelOf(csv), { ...efficacy, firstEdition: 2025, treatment: { method: 'winsorise' } }, { edition: 2025 });
  // 100 is winsorised to the next value 10: L = 1, U = 10 → x = 9 scores 60 + 40·8/9
  close(cell(res, 'X1', 2025, 'V9').score, 60 + 320 / 9, 1e-9, 'treated');
  assert.equal(cell(res, 'X1', 2025, 'V11').score, 100);
  assert.equal(cell(res, 'X1', 2025, 'V11').flag, 'winsorised');
  assert.equal(cell(res, 'X1', 2025, 'V11').value, 100, 'the reported value stays the raw one');
  assert.ok(res.warnings.some((w) => w.code === 'treated' && w.path === 'X1'));
});

test('row-mean: a missing child takes the mean of its present siblings before a geometric mean', () => {
  // U3 has no X5 in any year; B's other children score 100 and 100 (see worked-example.test.ts)
  const drop = evaluate(worked(), panelOf(fixture('worked/data.csv')), { ...efficacy, aggregation: { method: 'geometric' } }, { edition: 2025 });
  const rm = evaluate(worked(), panelOf(fixture('worked/data.csv')), { ...efficacy, aggregation: { method: 'geometric' }, missing: { aggregate: 'row-mean' } }, { edition: 2025 });
  close(cell(drop, 'B', 2025, 'U3').score, 100, 1e-9, 'drop');
  close(cell(rm, 'B', 2025, 'U3').score, 100, 1e-9, 'row-mean of 100 and 100');
  // U1 2025 B children 70, 100, 100 are all present: both rules agree, (70·100·100)^(1/3)
  close(cell(rm, 'B', 2025, 'U1').score, Math.cbrt(70 * 100 * 100), 1e-9, 'U1');
  // make U1's X5 missing in 2025 only: drop gives √(70·100); row-mean fills X5 with (70+100)/2 = 85
  const csv = fixture('worked/data.csv').replace('U1,2024,X5,90,,hand,\n', '');
  const rm2 = evaluate(worked(), panelOf(csv), { ...efficacy, aggregation: { method: 'geometric' }, missing: { carryForward: false, aggregate: 'row-mean' } }, { edition: 2025 });
  const dr2 = evaluate(worked(), panelOf(csv), { ...efficacy, aggregation: { method: 'geometric' }, missing: { carryForward: false } }, { edition: 2025 });
  // X5 pooled bounds without U1 2024: values 80, 70, 70 → L = 70, U = 80; X3 = 70, X4 = 100 for U1
  close(cell(dr2, 'B', 2025, 'U1').score, Math.sqrt(70 * 100), 1e-9, 'drop');
  close(cell(rm2, 'B', 2025, 'U1').score, Math.cbrt(70 * 100 * 85), 1e-9, 'row-mean');
});

test('invariant, every normaliser: pooled equals per-year scope when the run has one year', () => {
  const panel = panelOf(fixture('worked/data.csv'));
  const params: Record<string, Record<string, number | string>> = { goalposts: { lo: 0, hi: 100 }, 'box-cox': { lambda: 0.5 }, 'ratio-to-reference': { ref: 'U2' }, dist2ref: { ref: 'U2' }, dist2targ: { target: 80 }, scaled: { lo: 0, hi: 200 } };
  for (const method of Object.keys(NORMALISERS)) {
    if (method === 'base-ratio') continue; // needs a base year before the run
    const spec = (scope: string) => ({ ...efficacy, firstEdition: 2025, normalisation: { method, scope, ...(params[method] ? { params: params[method] } : {}) } });
    const a = evaluate(worked(), panel, spec('pooled'), { edition: 2025 });
    const b = evaluate(worked(), panel, spec('per-year'), { edition: 2025 });
    for (const n of a.nodes) assert.deepEqual([...b.scores[n]!], [...a.scores[n]!], `${method} ${n}`);
  }
});
