/**
 * Regression tests of what the fuzz suite found outside the readers and validators (issue 7):
 * each reproduces a finding with a small input and checks the fixed behaviour.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateFiles } from '../src/cli/evaluate.ts';
import { didYouMean, editDistance } from '../src/core/text/suggest.ts';
import { mulberry32 } from '../src/core/methods/random.ts';
import { DataError, MethodError, RecipeError, resolveRecipe } from '../src/core/index.ts';
import { resolveAggregator } from '../src/core/methods/aggregate/index.ts';
import { resolveImputer } from '../src/core/methods/impute/index.ts';
import { resolveNormaliser } from '../src/core/methods/normalise/index.ts';
import { resolveWeighter } from '../src/core/methods/weights/registry.ts';

const fx = (p: string): string => new URL(`./fixtures/${p}`, import.meta.url).pathname;

test('a data file with thousands of unknown variables: hints for the first few, the run stays quick (fuzz data:many-rows)', () => {
  // before: every unknown variable was compared with every code — 184 000 of them took 106 s
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-many-'));
  const data = join(dir, 'data.csv');
  const misspelt = ['X1b', 'X2b', 'X3b', 'X5b', 'X1c', 'X2c', 'X3c', 'X5c', 'X1d', 'X2d'];
  const rows = [...misspelt.map((v) => `U1,2024,${v},1,,hand,`), ...Array.from({ length: 20_000 }, (_, i) => `U1,2024,JUNK${i},${i},,hand,`)];
  writeFileSync(data, readFileSync(fx('worked/data.csv'), 'utf8') + rows.join('\n') + '\n');
  const t0 = performance.now();
  const r = evaluateFiles({ framework: fx('worked/framework.yaml'), data: [data], edition: 2025, recipe: fx('worked/recipe-efficacy.json'), groupings: false, lang: 'en' });
  const ms = performance.now() - t0;
  const line = r.notices.find((n) => n.startsWith('The data has variables'))!;
  // the ten misspelt codes come first; eight of them get a hint
  const hints = line.split(' — ')[1]!.split('; ');
  assert.equal(hints.length, 8, line);
  assert.deepEqual(hints.slice(0, 3), ['X1b: did you mean X1', 'X2b: did you mean X2', 'X3b: did you mean X3']);
  assert.equal(hints[7], 'X5c: did you mean X5?');
  assert.ok(line.length < 1000, `one short line, not ${line.length} characters`);
  // generous: the 20 000 codes were 20 000 × 7 edit distances (≈ 0.3 s here); the point is no quadratic blow-up
  assert.ok(ms < 30_000, `${ms} ms`);
});

test('didYouMean with the length bound gives what the plain search over all candidates gives', () => {
  // reference: the same rule (smallest distance within the limit, candidates' order), no pruning
  const reference = (name: string, candidates: string[]): string[] => {
    const n = name.replace(/\s+/g, '').toLowerCase();
    if (!n) return [];
    const limit = n.length <= 4 ? 1 : n.length <= 8 ? 2 : 3;
    const d = [...new Set(candidates)].map((c) => [c, editDistance(n, c.replace(/\s+/g, '').toLowerCase())] as const);
    const best = Math.min(...d.map(([, x]) => x));
    return best > limit ? [] : d.filter(([, x]) => x === best).map(([c]) => c);
  };
  const rnd = mulberry32(7);
  const word = (): string => Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => 'abcR1_ '[Math.floor(rnd() * 7)]).join('');
  for (let k = 0; k < 2000; k++) {
    const candidates = Array.from({ length: 1 + Math.floor(rnd() * 15) }, word);
    const name = rnd() < 0.5 ? word() : candidates[0]!.slice(0, -1) + 'x';
    assert.deepEqual(didYouMean(name, candidates), reference(name, candidates), `${name} among ${candidates.join('|')}`);
  }
});

test('method names that are members of every object are unknown methods, not a crash (fuzz recipe:method)', () => {
  // before: aggregation.method "isPrototypeOf" crashed in the aggregate stage (def.fn is not a function),
  // normalisation.method "propertyIsEnumerable" in the normaliser registry (TypeError)
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'valueOf']) {
    assert.throws(() => resolveNormaliser(name), (e: Error) => e instanceof MethodError && e.message.includes(`Unknown normalisation method "${name}"`));
    assert.throws(() => resolveAggregator(name), (e: Error) => e instanceof MethodError && e.message.includes(`Unknown aggregation method "${name}"`));
    assert.throws(() => resolveImputer(name), (e: Error) => e instanceof MethodError && e.message.includes(`Unknown imputation method "${name}"`));
    assert.throws(() => resolveWeighter(name), (e: Error) => e instanceof MethodError && e.message.includes(`Unknown weighting method "${name}"`));
    assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: 'minmax' }, aggregation: { method: name } }, undefined, 'r.json'), (e: Error) => e instanceof RecipeError && /r\.json aggregation\.method: Unknown aggregation method/.test(e.message));
    assert.throws(() => resolveRecipe({ id: 'x', normalisation: { method: name } }, undefined, 'r.json'), (e: Error) => e instanceof RecipeError && /r\.json normalisation: Unknown normalisation method/.test(e.message));
  }
  // a parameter named like an object member is no parameter
  assert.throws(() => resolveAggregator('arithmetic', { toString: 1 }), /Aggregation arithmetic has no parameter "toString"/);
});

test('a data file with a header and no rows names the file (fuzz data:empty)', () => {
  // before: "No data for framework worked: no observation names any of its indicators" — no file named
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-empty-'));
  const a = join(dir, 'a.csv');
  const b = join(dir, 'b.csv');
  writeFileSync(a, 'unit,year,variable,value\n');
  writeFileSync(b, 'unit,year,variable,value\n,,,\n\n');
  const run = (data: string[]) => () => evaluateFiles({ framework: fx('worked/framework.yaml'), data, edition: 2025, recipe: fx('worked/recipe-efficacy.json'), groupings: false });
  assert.throws(run([a]), (e: Error) => e instanceof DataError && e.message === `Data file ${a} holds no data rows (a header at most); expected rows unit,year,variable,value`);
  assert.throws(run([a, b]), (e: Error) => e instanceof DataError && e.message.startsWith(`Data files ${a}, ${b} hold no data rows`));
  // rows for other variables only: the framework's own message, which lists the codes it reads
  const c = join(dir, 'c.csv');
  writeFileSync(c, 'unit,year,variable,value\nU1,2024,Z,1\n');
  assert.throws(run([c]), /No data for framework worked/);
});
