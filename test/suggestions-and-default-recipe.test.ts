/**
 * The pure parts behind "own frameworks without dead ends": suggestions, the default-recipe
 * choice, the CNIPA-recipe fit check, suspect units, the sample label. Expected values by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecipeError, parseFramework, type Framework } from '../src/core/index.ts';
import { didYouMean, didYouMeanZh, editDistance, orList, suggestionText } from '../src/core/text/suggest.ts';
import { DEFAULT_RECIPE, builtinRecipeNames, checkBuiltinRecipeFits, defaultRecipe, defaultRecipeFor, frameworkDataYears } from '../src/core/recipe/default.ts';
import { suspectUnits } from '../src/core/panel/unknown-units.ts';
import { isSampleData } from '../src/core/analysis/sample-label.ts';
import { unitKind } from '../src/core/analysis/summary.ts';
import { loadRegistry } from '../src/io/index.ts';
import { frameworkFile } from './helpers.ts';

const own = (extra = ''): Framework => parseFramework(`id: mine\nname: m\nnodes:\n  - {code: ROOT, name: r}\n  - {code: X1, name: x, parent: ROOT}\n${extra}`, 'mine.yaml');

test('editDistance and didYouMean', () => {
  assert.equal(editDistance('cnipa-regonal', 'cnipa-regional'), 1); // one letter left out
  assert.equal(editDistance('kitten', 'sitting'), 3); // the textbook example: k→s, e→i, +g
  assert.equal(editDistance('', 'abc'), 3);
  assert.deepEqual(didYouMean('cnipa-regonal', ['cnipa-regional', 'cnipa-national']), ['cnipa-regional']);
  assert.deepEqual(didYouMean('zzz', ['cnipa-regional']), []);
  assert.deepEqual(didYouMean('r18', ['R18', 'R19']), ['R18'], 'case ignored: distance 0 wins');
  assert.deepEqual(didYouMean('X3', ['X1', 'X2', 'ROOT']), ['X1', 'X2'], 'ties are all returned in order');
  assert.deepEqual(didYouMean('CHN', ['cn'], { minLength: 4 }), []);
  assert.equal(suggestionText(['a', 'b']), ' — did you mean a or b?');
  assert.equal(suggestionText([]), '');
  assert.equal(didYouMeanZh(['R18', 'R19']), '——是否指 R18 或 R19？');
  assert.equal(orList(['a', 'b', 'c'], 'or'), 'a, b or c');
});

test('the default-recipe choice: framework file, CNIPA id, else the default with the data first year', () => {
  const regional = frameworkFile('cnipa-regional-2025');
  const c = defaultRecipeFor(regional);
  assert.deepEqual(c.kind === 'builtin' && [c.name, c.why, c.recipe.normalisation.method], ['cnipa-regional', 'framework-id', 'efficacy']);
  assert.deepEqual(defaultRecipeFor(own('recipe: r/x.yaml\n')), { kind: 'file', path: 'r/x.yaml' });
  const named = defaultRecipeFor(own('recipe: default\n'));
  assert.equal(named.kind === 'builtin' && named.why, 'framework-file');
  const d = defaultRecipeFor(own(), { dataYears: [2019, 2017, 2018] });
  assert.equal(d.kind, 'default');
  assert.equal(d.kind === 'default' && d.recipe.firstEdition, 2018); // earliest data year 2017 + lag 1
  assert.equal(defaultRecipe().firstEdition, undefined);
  assert.deepEqual(DEFAULT_RECIPE.normalisation, { method: 'minmax', params: { l: 0, u: 100 }, scope: 'pooled' });
  assert.deepEqual(builtinRecipeNames(), ['cnipa-national', 'cnipa-regional', 'default']);
  assert.deepEqual(frameworkDataYears(own(), [{ year: 2020, variable: 'X1', value: 1 }, { year: 2021, variable: 'OTHER', value: 1 }, { year: 2022, variable: 'X1', value: null }]), [2020]);
});

test('CNIPA recipes fit their own frameworks and refuse others', () => {
  checkBuiltinRecipeFits('cnipa-regional', frameworkFile('cnipa-regional-2025'));
  checkBuiltinRecipeFits('cnipa-national', frameworkFile('cnipa-national-2025'));
  checkBuiltinRecipeFits('default', own());
  assert.throws(() => checkBuiltinRecipeFits('cnipa-regional', frameworkFile('cnipa-national-2025')), (e: unknown) => e instanceof RecipeError && /made for framework cnipa-regional; framework cnipa-national/.test(e.message) && e.problems.some((p) => p.field === 'weights.set.P2'));
  assert.throws(() => checkBuiltinRecipeFits('cnipa-national', own()), /Recipe cnipa-national is made for framework cnipa-national; framework mine \(mine\.yaml\) is a different framework\. Pass --recipe/);
});

test('suspect units: a Latin-letter unit close to a province name, not three-letter country codes', () => {
  const registry = loadRegistry();
  assert.deepEqual(registry.suggest('Guangdon').map((u) => u.code), ['440000']);
  assert.deepEqual(registry.suggest('CHN'), []);
  const obs = [
    { unit: 'AUT', year: 2024, variable: 'X', value: 1, file: 'a.csv', row: 2 },
    { unit: 'Guangdon', year: 2024, variable: 'X', value: 1, file: 'a.csv', row: 3 },
    { unit: 'Guangdon', year: 2023, variable: 'X', value: 1, file: 'a.csv', row: 4 },
    { unit: '440000', year: 2024, variable: 'X', value: 1, file: 'a.csv', row: 5 },
  ];
  const s = suspectUnits(obs, registry);
  assert.equal(s.length, 1);
  assert.deepEqual({ unit: s[0]!.unit, file: s[0]!.file, row: s[0]!.row, rows: s[0]!.rows, codes: s[0]!.suggestions.map((u) => u.code) }, { unit: 'Guangdon', file: 'a.csv', row: 3, rows: 2, codes: ['440000'] });
});

test('unit kind and the sample label', () => {
  assert.equal(unitKind(['110000', '440000']), 'provinces');
  assert.equal(unitKind(['AUT', 'BEL']), 'units');
  assert.equal(unitKind(['110000', 'CN']), 'units');
  assert.equal(isSampleData([{ source: 'sample' }]), true);
  assert.equal(isSampleData([{ source: '统计年鉴', note: 'generated sample row' }]), true);
  assert.equal(isSampleData([{ source: '统计年鉴' }]), false);
});
