/**
 * Regression tests for defects found in review: base year independent of the run's first
 * edition, low-coverage units, editions without data, recipe typos, CSV edge cases, group
 * statistics with ties, output folders reused by later runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, cell, groupStats, buildGroupings, parseTidyCsv, resolveRecipe, DataError, RecipeError, type EvaluationResult } from '../src/core/index.ts';
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

test('CSV: unclosed quotes and extra fields are errors; rows are reported by their line in the file', () => {
  assert.throws(() => parseTidyCsv('unit,year,variable,value\nU1,2020,X1,1,"oops\nU2,2020,X1,2\n', { file: 'q.csv' }), (e: Error) => e instanceof DataError && /q\.csv:2: a quoted field opened on this line is never closed/.test(e.message));
  assert.throws(() => parseTidyCsv('unit,year,variable,value\nU1,2020,X1,1,234\n', { file: 'x.csv' }), /x\.csv:2 value: 5 fields but the header has 4 \(a number with a thousands comma must be quoted/);
  // BOM, CRLF, a blank line and a quoted field spanning two lines before the bad row (line 6)
  const text = '\ufeffunit,year,variable,value,note\r\nU1,2020,X1,1,\r\n\r\nU1,2021,X1,2,"two\r\nlines"\r\nU1,2022,X1,abc,\r\n';
  assert.throws(() => parseTidyCsv(text, { file: 'bom.csv' }), /bom\.csv:6 \[X1\] value: expected a number/);
});

test('group statistics: equal scores are not above their own mean; members listed twice are refused', () => {
  const x = 260 / 3;
  const res = { editions: [2025], units: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], nodes: ['ROOT'], scores: { ROOT: new Float64Array(7).fill(x) }, recipe: { reporting: { threshold: x } } } as unknown as EvaluationResult;
  const all = groupStats(res, []).find((s) => s.group === 'ALL')!;
  assert.equal(all.aboveMean, 0);
  assert.equal(all.atLeastThreshold, 7);
  assert.throws(() => buildGroupings({ groupings: [{ id: 'g', groups: [{ code: 'G1', members: ['AA', 'AA'] }] }] }), /g\.G1: member "AA" is listed twice/);
});

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string) => new URL(`./fixtures/${p}`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('CLI: a later run into the same folder leaves nothing of the earlier one; bad groupings YAML names the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-'));
  const out = join(dir, 'out');
  const sample = join(dir, 'sample.csv');
  writeFileSync(sample, readFileSync(fx('worked/data.csv'), 'utf8').replace(/,hand,/g, ',sample,'));
  assert.equal(run('evaluate', '-f', fx('worked/framework.yaml'), '-d', sample, '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-o', out, '-q').status, 0);
  assert.ok(existsSync(join(out, 'SAMPLE-DATA.txt')));
  const r = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/national.csv'), '-e', '2023', '-r', fx('worked/recipe-base.json'), '-o', out, '-q');
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!existsSync(join(out, 'SAMPLE-DATA.txt')), 'the sample notice of the earlier run is gone');
  assert.ok(!existsSync(join(out, 'groups.csv')), 'a one-unit run writes no groups.csv');
  const file = join(dir, 'afile');
  writeFileSync(file, 'x');
  const r2 = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/national.csv'), '-e', '2023', '-r', fx('worked/recipe-base.json'), '-o', file);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /Output folder .*afile is an existing file; choose a folder/);
  const g = join(dir, 'g.yaml');
  writeFileSync(g, 'groupings:\n  - id: x\n    groups: [\n');
  const r3 = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-g', g);
  assert.equal(r3.status, 1);
  assert.match(r3.stderr, /^ipindex: Groupings .*g\.yaml:\d+ is not valid YAML\/JSON/);
});

test('variables the framework does not know, and typed-in derived values, are reported, not silently dropped', () => {
  const csv = fixture('worked/data.csv') + 'U1,2024,ZZ,1,,,\nU1,2024,X4,99,,,\n';
  const res = evaluate(worked(), panelOf(csv), efficacy, { edition: 2025 });
  assert.ok(res.warnings.some((w) => w.code === 'unknown-variable' && /\(ZZ\); they are ignored/.test(w.message)));
  assert.ok(res.warnings.some((w) => w.code === 'derived-in-data' && /\(X4\); they are ignored and computed from their formulas/.test(w.message)));
  assert.equal(cell(res, 'X4', 2025, 'U1').value, 1.5, 'X4 = X3 / POP = 150 / 100, not the typed 99');
});
