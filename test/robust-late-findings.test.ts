/**
 * The last classes the fuzz suite found (docs/robustness.md): a JSON data file cut short names
 * where it ends; a definition file (framework, recipe, groupings) is at most 4 MiB, so a YAML
 * shape that parses slowly cannot hang a run; a name is at most 500 characters, so it cannot
 * blow the output tables up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, FrameworkError, IpIndexError, parseFramework, parseTidyJson } from '../src/core/index.ts';
import { MAX_NAME_LENGTH } from '../src/core/framework/build.ts';
import { loadFramework, READ_LIMITS } from '../src/io/index.ts';

test('a JSON data file cut short names the line and column where it ends; a syntax error its place', () => {
  // cut inside a string: the parser gives a position (85 = line 3, column 17)
  const text = '[\n  {"unit": "110000", "year": 2024, "variable": "R01", "value": 5},\n  {"unit": "1100';
  assert.throws(() => parseTidyJson(text, { file: 'd.json' }), (e: Error) => e instanceof DataError && /d\.json is not valid JSON: .*\(line 3, column 17\)/.test(e.message));
  // cut after a bracket: "Unexpected end of JSON input", no position — the end of the file is named
  assert.throws(() => parseTidyJson('[\n  {"unit": "110000", "year": 2024, "variable": "R01", "value": 5},\n[\n', { file: 'c.json' }), (e: Error) => e instanceof DataError && /c\.json is not valid JSON: Unexpected end of JSON input \(the file ends at line 4, column 1: it looks cut short\)/.test(e.message));
  const bad = '[\n  {"unit": "110000",, "year": 2024}\n]';
  assert.throws(() => parseTidyJson(bad, { file: 'e.json' }), (e: Error) => e instanceof DataError && /e\.json is not valid JSON: .*\(line 2, column 21\)/.test(e.message));
});

test('a definition file over 4 MiB is refused before it is parsed, naming the file and the limit', () => {
  assert.equal(READ_LIMITS.textBytes, 4 * 1024 ** 2);
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-late-'));
  try {
    const f = join(dir, 'big.yaml');
    // the slow shape the fuzz suite found: a flow list of very many short items (6.6 MB)
    writeFileSync(f, `id: big\nname: big\ndescription: [${Array.from({ length: 1_100_000 }, () => 'abcd').join(', ')}]\nnodes: []\n`);
    assert.throws(() => loadFramework(f), (e: Error) => e instanceof IpIndexError && e.message.includes('big.yaml') && /textBytes|4 MiB|4194304/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`a name longer than ${MAX_NAME_LENGTH} characters is an error naming the node and the limit`, () => {
  const long = 'x'.repeat(MAX_NAME_LENGTH + 1);
  const yaml = (name: string): string => `id: t\nname: 测试\nnodes:\n  - {code: R, name: 指数}\n  - {code: X, parent: R, name: "${name}", unit: 件}\n`;
  assert.throws(() => parseFramework(yaml(long), 't.yaml'), (e: Error) => e instanceof FrameworkError && /\[X\].*name is 501 characters long; at most 500/.test(e.message));
  assert.equal(parseFramework(yaml('x'.repeat(MAX_NAME_LENGTH)), 't.yaml').nodes[1]!.name.zh.length, MAX_NAME_LENGTH);
});

test('a weight, direction, kind, code or parent of the wrong shape is shown as a list or a mapping, never [object Object]', () => {
  const yaml = [
    'id: t',
    'name: {zh: 测试}',
    'nodes:',
    '  - {code: IDX, name: {zh: 指数}}',
    '  - {code: A, parent: IDX, name: {zh: 甲}, weight: {}, unit: 件}',
    '  - {code: B, parent: IDX, name: {zh: 乙}, weight: [0.5], direction: {up: 1}, unit: 件}',
    '  - {code: C, parent: {x: 1}, name: {zh: 丙}, kind: [raw], unit: 件}',
    '  - {code: {a: 1}, parent: IDX, name: {zh: 丁}, unit: 件}',
    '',
  ].join('\n');
  assert.throws(
    () => parseFramework(yaml, 'w.yaml'),
    (e: Error) => {
      assert.ok(e instanceof FrameworkError);
      assert.doesNotMatch(e.message, /object Object/);
      assert.match(e.message, /w\.yaml:5 \[A\] weight: weight must be a number \(e\.g\. weight: 0\.25\), got a mapping \{\}/);
      assert.match(e.message, /w\.yaml:6 \[B\] weight: .*got a list \[0\.5\]/);
      assert.match(e.message, /w\.yaml:6 \[B\] direction: .*got a mapping \{"up":1\}/);
      assert.match(e.message, /w\.yaml:7 \[C\] parent: parent must be the code of another node .*got a mapping \{"x":1\}/);
      assert.match(e.message, /w\.yaml:7 \[C\] kind: .*got a list \["raw"\]/);
      assert.match(e.message, /w\.yaml:8 code: invalid node code a mapping \{"a":1\}/);
      // a parent that could not be read does not make C a second root
      assert.doesNotMatch(e.message, /second root/);
      return true;
    },
  );
});

test('a recipe file whose firstEdition has no data names the file and the field (fuzz recipe:first-edition)', async () => {
  const { readRunInputs, compileRun } = await import('../src/cli/evaluate.ts');
  const { BUILTIN_RECIPES } = await import('../src/core/recipe/builtin.ts');
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-late-'));
  try {
    const f = join(dir, 'recipe.json');
    writeFileSync(f, JSON.stringify({ ...BUILTIN_RECIPES['cnipa-regional'], firstEdition: 1990 }));
    const root = new URL('..', import.meta.url).pathname;
    const inputs = readRunInputs({ framework: 'cnipa-regional', data: [join(root, 'data/sample/regional.csv')], recipe: f });
    assert.throws(() => compileRun(inputs, { edition: 2025 }), (e: Error) => e.message.startsWith(`${f}: firstEdition 1990`) && /No data for data years 1989/.test(e.message) && /--first-edition/.test(e.message));
    // given on the command line, the option is the cause: the message says so as before
    assert.throws(() => compileRun(inputs, { edition: 2025, firstEdition: 1990 }), (e: Error) => !e.message.includes(f) && /--first-edition\/--edition/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
