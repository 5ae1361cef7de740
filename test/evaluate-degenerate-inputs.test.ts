import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, cell, RecipeError } from '../src/core/index.ts';
import { panelOf, worked } from './helpers.ts';

const recipe = { id: 't', firstEdition: 2025, normalisation: { method: 'efficacy' as const, scope: 'pooled' as const } };

test('zero spread gives the midpoint and a warning naming the indicator, never NaN', () => {
  const csv = 'unit,year,variable,value\n' + ['U1', 'U2'].flatMap((u, i) => [`${u},2024,X1,5`, `${u},2024,X2,${i + 1}`, `${u},2024,X3,${10 * (i + 1)}`, `${u},2024,POP,10`, `${u},2024,X5,${i}`]).join('\n');
  const res = evaluate(worked(), panelOf(csv), recipe, { edition: 2025 });
  assert.equal(cell(res, 'X1', 2025, 'U1').score, 80);
  assert.ok(res.warnings.some((w) => w.code === 'zero-spread' && w.path === 'X1' && /X1: all values are equal \(5\)/.test(w.message)));
  for (const n of res.nodes) for (const v of res.scores[n]!) assert.ok(Number.isFinite(v), `${n}: every unit has every indicator, so no score may be missing or NaN`);
  assert.ok(Number.isFinite(cell(res, 'ROOT', 2025, 'U1').score!));
});

test('a zero base value: that indicator drops out with a warning, the index still computes', () => {
  const csv = 'unit,year,variable,value\nCN,2020,X1,0\nCN,2021,X1,5\nCN,2020,X2,4\nCN,2021,X2,2\n';
  const res = evaluate(worked(), panelOf(csv), { id: 'b', normalisation: { method: 'base-ratio' }, weights: { scheme: 'leaf-count' } }, { edition: 2022 });
  assert.equal(cell(res, 'X1', 2022, 'CN').score, null);
  assert.ok(res.warnings.some((w) => w.code === 'zero-base' && w.path === 'X1'));
  // X2 smaller is better: 100·4/2 = 200; the only indicator left
  assert.equal(cell(res, 'ROOT', 2022, 'CN').score, 200);
});

test('carry-forward can be switched off: then the value is dropped and weights renormalised', () => {
  const csv = 'unit,year,variable,value\nU1,2023,X1,1\nU1,2024,X1,2\nU2,2023,X1,3\nU1,2023,X2,1\nU1,2024,X2,1\nU2,2023,X2,2\nU2,2024,X2,3\n';
  const on = evaluate(worked(), panelOf(csv), { ...recipe, firstEdition: 2024 }, { edition: 2025 });
  assert.equal(cell(on, 'X1', 2025, 'U2').flag, 'carried-forward:2023');
  const off = evaluate(worked(), panelOf(csv), { ...recipe, firstEdition: 2024, missing: { carryForward: false } }, { edition: 2025 });
  assert.equal(cell(off, 'X1', 2025, 'U2').flag, 'missing');
  // A = X2 alone for U2 in 2025: X2 pooled L = 1, U = 3, smaller is better: 60 + 40·(3 − 3)/2 = 60
  assert.equal(cell(off, 'A', 2025, 'U2').score, 60);
});

test('bad recipe input is reported clearly', () => {
  assert.throws(
    // @ts-expect-error an unknown method name, as a recipe read from JSON may carry: the type refuses it, the validator reports it
    () => evaluate(worked(), panelOf('unit,year,variable,value\nU1,2024,X1,1\n'), { id: 'x', normalisation: { method: 'minimax' } }, { edition: 2025 }),
    (e: Error) => e instanceof RecipeError && /Unknown normalisation method "minimax" \(valid: efficacy, minmax/.test(e.message),
  );
  assert.throws(
    () => evaluate(worked(), panelOf('unit,year,variable,value\nU1,2024,X1,1\n'), { id: 'x', normalisation: { method: 'minmax' }, weights: { set: { NOPE: 1 } } }, { edition: 2025 }),
    /weights\.set\.NOPE: unknown node NOPE/,
  );
  assert.throws(() => evaluate(worked(), panelOf('unit,year,variable,value\nU1,2024,Z,1\n'), recipe, { edition: 2025 }), /No data for framework worked/);
});
