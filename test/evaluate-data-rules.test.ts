/**
 * What evaluate does with the data it is given: the base value does not depend on where the run
 * starts, units with far too little data are left out, editions without data are refused, and
 * unknown variables or typed-in derived values are reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, cell, RecipeError } from '../src/core/index.ts';
import { close, fixture, panelOf, worked } from './helpers.ts';

const baseRecipe = { id: 'b', normalisation: { method: 'base-ratio' as const, baseEdition: 2021 }, weights: { scheme: 'leaf-count' as const } };
const efficacy = JSON.parse(fixture('worked/recipe-efficacy.json'));

test('the base value is the same whether or not the base edition is inside the run', () => {
  // X1 has no 2020 value: the base (data year of edition 2021) is 100, carried forward from 2019
  const panel = panelOf('unit,year,variable,value\nCN,2019,X1,100\nCN,2021,X1,150\nCN,2022,X1,180\nCN,2023,X1,200\n');
  const a = evaluate(worked(), panel, { ...baseRecipe, firstEdition: 2021 }, { edition: 2024 });
  const b = evaluate(worked(), panel, { ...baseRecipe, firstEdition: 2022 }, { edition: 2024 });
  close(cell(a, 'ROOT', 2024, 'CN').score, 200, 1e-12, 'first edition 2021'); // 100·200/100
  close(cell(b, 'ROOT', 2024, 'CN').score, 200, 1e-12, 'first edition 2022');
  assert.equal(b.baseEdition, 2021);
  assert.equal(b.firstEdition, 2022);
});

test('a unit with far fewer indicators than the others is left out with a warning', () => {
  const res = evaluate(worked(), panelOf(fixture('worked/data.csv') + 'CN,2024,X1,5,,,\n'), efficacy, { edition: 2025 });
  assert.deepEqual(res.units, ['U1', 'U2', 'U3']);
  assert.ok(res.warnings.some((w) => w.code === 'low-coverage' && /CN \(1\)/.test(w.message)), JSON.stringify(res.warnings));
  // the bounds of X1 are not stretched by the left-out unit: U1's 2024 value 10 is still the minimum
  assert.equal(cell(res, 'X1', 2024, 'U1').score, 60);
});

test('an edition whose data year has no data is an error, not a run of carried values', () => {
  assert.throws(() => evaluate(worked(), panelOf(fixture('worked/data.csv')), efficacy, { edition: 2027 }), (e: Error) => e instanceof RecipeError && /No data for data years 2025, 2026 \(editions 2026, 2027\); the data covers 2023–2024/.test(e.message));
});

test('variables the framework does not know, and typed-in derived values, are reported, not silently dropped', () => {
  const csv = fixture('worked/data.csv') + 'U1,2024,ZZ,1,,,\nU1,2024,X4,99,,,\n';
  const res = evaluate(worked(), panelOf(csv), efficacy, { edition: 2025 });
  assert.ok(res.warnings.some((w) => w.code === 'unknown-variable' && /\(ZZ\); they are ignored/.test(w.message)));
  assert.ok(res.warnings.some((w) => w.code === 'derived-in-data' && /\(X4\); they are ignored and computed from their formulas/.test(w.message)));
  assert.equal(cell(res, 'X4', 2025, 'U1').value, 1.5, 'X4 = X3 / POP = 150 / 100, not the typed 99');
});
