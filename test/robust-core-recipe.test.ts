/**
 * Issue 7 (robustness), part B: recipe years and names. `firstEdition: -100000000` ate 4.8 GB;
 * `baseEdition: 3000` with the national recipe crashed and `baseEdition: 1000` exited 0 with no
 * index; `-r __proto__` and node codes such as `constructor` picked up JavaScript object members.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_RECIPES, Panel, RecipeError, compile, evaluate, parseFramework, parseTidyCsv, resolveRecipe, type Recipe } from '../src/core/index.ts';
import { MAX_EDITIONS } from '../src/core/plan/compile.ts';
import { builtinRecipe, checkBuiltinRecipeFits, defaultRecipeFor } from '../src/core/recipe/default.ts';
import { frameworkFile } from './helpers.ts';

const national = frameworkFile('cnipa-national-2025');
const nationalCube = new Panel(parseTidyCsv(readFileSync(new URL('../data/sample/national.csv', import.meta.url), 'utf8'))).cube();
const NAT = BUILTIN_RECIPES['cnipa-national']!;
const COVERS = 'the data for framework cnipa-national covers 2020–2024 (editions 2021–2025: edition E uses data year E − 1)';

const refused = (f: () => unknown, re: RegExp): void => {
  assert.throws(f, (e: Error) => e instanceof RecipeError && re.test(e.message), String(re));
};
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('firstEdition −100 000 000 is refused at once, in the recipe and as an option, without allocating a run', () => {
  const before = process.memoryUsage().heapUsed;
  refused(() => resolveRecipe({ ...NAT, firstEdition: -100_000_000 }), /firstEdition: must be a 4-digit year \(1000–9999\), got -100000000/);
  refused(() => compile(national, NAT, nationalCube, { edition: 2025, firstEdition: -100_000_000 }), new RegExp(`^The first edition must be a 4-digit year \\(1000–9999\\), got -100000000; ${escape(COVERS)}$`));
  refused(() => compile(national, NAT, nationalCube, { edition: 1e9 }), /^The edition must be a 4-digit year \(1000–9999\), got 1000000000/);
  refused(() => compile(national, NAT, nationalCube, { edition: 2025.5 }), /^The edition must be a 4-digit year \(1000–9999\), got 2025\.5/);
  assert.ok(process.memoryUsage().heapUsed - before < 50e6, 'no run of millions of editions was made');
});

test(`a run has at most ${MAX_EDITIONS} editions; the message gives the data's years`, () => {
  assert.equal(MAX_EDITIONS, 50);
  refused(() => compile(national, NAT, nationalCube, { edition: 2025, firstEdition: 1900 }), new RegExp(`^Editions 1900–2025 are 126 editions; a run scores at most 50 \\(MAX_EDITIONS\\); ${escape(COVERS)}$`));
  refused(() => compile(national, NAT, nationalCube, { edition: 2021, firstEdition: 2025 }), /^Edition 2021 is before the first edition 2025 of the run/);
  // 50 editions would be allowed, but their data years lie outside the data: said year by year
  refused(() => compile(national, NAT, nationalCube, { edition: 2025, firstEdition: 1976 }), /^No data for data years 1975, 1976, 1977, 1978, 1979, … 2019 \(editions 1976, 1977, 1978, 1979, 1980, … 2020\); the data covers 2020–2024/);
  refused(() => compile(national, NAT, nationalCube, { edition: 2030 }), /^No data for data years 2025, 2026, 2027, 2028, 2029 \(editions 2026, 2027, 2028, 2029, 2030\); the data covers 2020–2024/);
});

test('baseEdition 3000 or 1000 is refused with the data\'s years (was a crash, and a run with no index)', () => {
  const base = (baseEdition: number): Recipe => ({ ...NAT, normalisation: { ...NAT.normalisation, baseEdition } });
  refused(() => compile(national, base(3000), nationalCube, { edition: 2025 }), /^Recipe cnipa-national does not fit the data\n {2}- normalisation\.baseEdition: 3000 uses data year 2999, but the data for framework cnipa-national covers 2020–2024; choose a base edition within 2021–2025$/);
  refused(() => compile(national, base(1000), nationalCube, { edition: 2025 }), /- normalisation\.baseEdition: 1000 uses data year 999, but the data .* covers 2020–2024; choose a base edition within 2021–2025$/);
  refused(() => compile(national, base(2020), nationalCube, { edition: 2025 }), /baseEdition: 2020 uses data year 2019, but/);
  // a recipe read from a file is named by it
  refused(() => compile(national, resolveRecipe(base(3000), national, 'my-recipe.json'), nationalCube, { edition: 2025 }), /^Recipe my-recipe\.json does not fit the data\n {2}- my-recipe\.json normalisation\.baseEdition: 3000 uses/);
  refused(() => resolveRecipe(base(99999)), /normalisation\.baseEdition: must be a 4-digit year \(1000–9999\), got 99999/);
  // a base edition within the data is fine, also before the run's first edition
  const r = evaluate(national, nationalCube, base(2021), { edition: 2025, firstEdition: 2023 });
  assert.equal(r.baseEdition, 2021);
  assert.equal(r.editions.length, 3);
  assert.ok(r.scores.NIDX!.every((x) => Number.isFinite(x)));
});

test('other recipe numbers: maxCarryYears ≥ 0; dataLag 0–100; checks.maxMagnitude > 0; misspelt checks keys suggested', () => {
  refused(() => resolveRecipe({ ...NAT, missing: { maxCarryYears: -1 } }), /missing\.maxCarryYears: must be ≥ 0/);
  refused(() => resolveRecipe({ ...NAT, dataLag: 1_000_000 }, undefined, 'r.json'), /^Recipe r\.json has 1 problem\n {2}- r\.json dataLag: must be at most 100 \(MAX_DATA_LAG; edition E uses data year E − dataLag\), got 1000000$/);
  assert.equal(resolveRecipe({ ...NAT, dataLag: 100 }).dataLag, 100);
  refused(() => resolveRecipe({ ...NAT, checks: { maxMagnitude: -1 } }), /checks\.maxMagnitude: must be a number > 0/);
  refused(() => resolveRecipe({ ...NAT, checks: { maxMagnitude: Infinity } }), /checks\.maxMagnitude: must be a number > 0/);
  refused(() => resolveRecipe({ ...NAT, checks: { maxMagnitde: 5 } } as unknown as Recipe), /checks\.maxMagnitde: unknown key "maxMagnitde" \(did you mean maxMagnitude\?\)/);
  assert.deepEqual(resolveRecipe({ ...NAT, checks: { maxMagnitude: 1e20 } }).checks, { maxMagnitude: 1e20 });
  // absent, it stays absent (the manifests of the built-in runs are pinned)
  assert.equal(resolveRecipe(NAT).checks, undefined);
});

test('names that are JavaScript object members are no recipes: __proto__, constructor, toString', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    assert.equal(builtinRecipe(name), undefined, name);
    assert.doesNotThrow(() => checkBuiltinRecipeFits(name, national));
  }
  const fw = parseFramework('id: constructor\nname: c\nnodes:\n  - {code: ROOT, name: r}\n  - {code: X, parent: ROOT, name: x, unit: 件}\n', 'c.yaml');
  assert.equal(defaultRecipeFor(fw).kind, 'default');
  // a map of a recipe cannot name __proto__ (JSON.parse makes it an own key)
  const raw = JSON.parse('{"id": "r", "normalisation": {"method": "minmax"}, "weights": {"set": {"__proto__": 2}}}') as Recipe;
  refused(() => resolveRecipe(raw), /weights\.set\.__proto__: "__proto__" is not a node code/);
});

test('nodes called constructor and toString are looked up as the recipe names them, not as object members', () => {
  const fw = parseFramework('id: t\nname: t\nnodes:\n  - {code: ROOT, name: r}\n  - {code: constructor, parent: ROOT, name: c, unit: 件}\n  - {code: toString, parent: ROOT, name: s, unit: 件}\n', 't.yaml');
  const data = new Panel([
    { unit: 'U1', year: 2023, variable: 'constructor', value: 10 },
    { unit: 'U2', year: 2023, variable: 'constructor', value: 20 },
    { unit: 'U1', year: 2023, variable: 'toString', value: 5 },
    { unit: 'U2', year: 2023, variable: 'toString', value: 1 },
  ]);
  const recipe: Recipe = { id: 'r', dataLag: 0, firstEdition: 2023, normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'pooled' }, weights: { scheme: 'framework', set: { toString: 3 } } };
  // constructor: U1 0, U2 100; toString: U1 100, U2 0; ROOT = (1·c + 3·s) / 4: U1 75, U2 25
  const r = evaluate(fw, data, recipe, { edition: 2023 });
  assert.deepEqual(Array.from(r.scores.ROOT!), [75, 25]);
  // with toString scored 0–10: U1 10, U2 0; ROOT: U1 (0 + 30) / 4 = 7.5, U2 (100 + 0) / 4 = 25
  const r2 = evaluate(fw, data, { ...recipe, normalisation: { ...recipe.normalisation, byIndicator: { toString: { method: 'minmax' as const, params: { l: 0, u: 10 } } } } }, { edition: 2023 });
  assert.deepEqual(Array.from(r2.scores.ROOT!), [7.5, 25]);
  assert.deepEqual(r2.weights, { constructor: 0.25, toString: 0.75 });
});
