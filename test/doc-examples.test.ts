/**
 * Every `@example <expression> // => <expected>` in a doc comment under src/ is run: the
 * expression is evaluated with the module's own exports (and the core's public names) in scope,
 * and its result must deep-equal the expected value.
 *
 * The expected side is a JavaScript literal (it may use `NaN`, `Infinity`, `2/3`, `Math.E`, …);
 * a note in parentheses after it is ignored (`// => 99 (M = 100, S = 10)`). Numbers match within
 * 1e-9 relative (1e-12 absolute near 0); a number written with a trailing `…` (`0.8870…`) matches
 * any value that agrees with it to the digits written (|actual − written| < one unit in the last
 * digit). `…` as the last item of an object (`{ code: '440000', … }`) allows further keys, and as
 * the last item of an array further elements. Everything else must be equal exactly.
 *
 * Besides the exports, an example may use the shared fixtures of {@link FIXTURES} (e.g.
 * `provinceRegistry`, the 31 provinces and CN from data/reference); add one there rather than
 * writing a placeholder name an example cannot run with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadRegistry } from '../src/io/read.ts';
import { Panel, evaluate, parseFramework, parseTidyCsv, type Recipe } from '../src/core/index.ts';

const SRC = new URL('../src/', import.meta.url).pathname;

/** Names every example may use without defining them. */
const FIXTURES: Record<string, () => unknown> = {
  provinceRegistry: () => loadRegistry(),
  /** The worked example's framework (test/fixtures/worked): 3 units, X1…X5, no recipe of its own. */
  workedFramework: () => parseFramework(readFileSync(new URL('./fixtures/worked/framework.yaml', import.meta.url), 'utf8'), 'worked/framework.yaml'),
  /** Its edition 2024 (data year 2023) with the efficacy recipe. */
  workedEdition2024: () => {
    const fw = parseFramework(readFileSync(new URL('./fixtures/worked/framework.yaml', import.meta.url), 'utf8'), 'worked/framework.yaml');
    const recipe = JSON.parse(readFileSync(new URL('./fixtures/worked/recipe-efficacy.json', import.meta.url), 'utf8')) as Recipe;
    return evaluate(fw, new Panel(parseTidyCsv(readFileSync(new URL('./fixtures/worked/data.csv', import.meta.url), 'utf8'))), { ...recipe, firstEdition: 2024 }, { edition: 2024 });
  },
};
const CORE_INDEX = new URL('../src/core/index.ts', import.meta.url).href;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
    .sort();
}

export interface DocExample {
  file: string;
  line: number;
  expr: string;
  /** The expected side as written, undefined when the example has no `// =>`. */
  expected: string | undefined;
}

/** The `@example` lines of a source text. */
export function examplesOf(text: string, file: string): DocExample[] {
  const out: DocExample[] = [];
  text.split('\n').forEach((raw, i) => {
    const at = raw.indexOf('@example');
    if (at < 0) return;
    // only in comments: the line is inside a /** … */ or starts one
    if (!/^\s*(\/\*\*|\*)/.test(raw)) return;
    const body = raw.slice(at + '@example'.length).replace(/\*\/\s*$/, '').trim();
    const arrow = body.indexOf('// =>');
    if (arrow < 0) out.push({ file, line: i + 1, expr: body.replace(/\/\/.*$/, '').trim(), expected: undefined });
    else out.push({ file, line: i + 1, expr: body.slice(0, arrow).trim(), expected: leadingExpression(body.slice(arrow + 5).trim()) });
  });
  return out;
}

/** The expected value as written, without a trailing note: stops at whitespace + `(` at depth 0. */
export function leadingExpression(s: string): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) {
      if (c === '(' && depth === 0 && i > 0 && /\s/.test(s[i - 1]!)) return s.slice(0, i).trim();
      depth++;
    } else if (')]}'.includes(c)) depth--;
  }
  return s.trim();
}

const APPROX = Symbol('approx');
const MORE = '__more__';
interface Approx {
  [APPROX]: true;
  value: number;
  tolerance: number;
}

/** Turns the expected text into JavaScript: `0.8870…` → an approximate number, a last `…` → "more allowed". */
export function expectedSource(s: string): string {
  return s
    .replace(/(-?\d+\.(\d+))…/g, (_, num: string, dec: string) => `__approx(${num}, ${dec.length})`)
    .replace(/(-?\d+)…/g, (_, num: string) => `__approx(${num}, 0)`)
    .replace(/,\s*…\s*}/g, `, ${MORE}: true }`)
    .replace(/{\s*…\s*}/g, `{ ${MORE}: true }`)
    .replace(/,\s*…\s*]/g, `, '${MORE}']`);
}

const approx = (value: number, decimals: number): Approx => ({ [APPROX]: true, value, tolerance: 10 ** -decimals });

function isApprox(x: unknown): x is Approx {
  return typeof x === 'object' && x !== null && APPROX in x;
}

/** Whether `actual` matches `expected` (as built from {@link expectedSource}); returns where it differs. */
export function mismatch(actual: unknown, expected: unknown, path = ''): string | undefined {
  const here = path || 'the result';
  if (isApprox(expected)) {
    return typeof actual === 'number' && Math.abs(actual - expected.value) < expected.tolerance ? undefined : `${here}: ${String(actual)} does not agree with ${expected.value}… to the digits written`;
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${here}: expected the number ${expected}, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? undefined : `${here}: expected NaN, got ${actual}`;
    if (actual === expected) return undefined;
    const tol = Math.max(1e-12, 1e-9 * Math.abs(expected));
    return Math.abs(actual - expected) <= tol ? undefined : `${here}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected)) {
    const list = actual instanceof Float64Array || actual instanceof Float32Array || actual instanceof Int32Array ? Array.from(actual) : actual;
    if (!Array.isArray(list)) return `${here}: expected an array, got ${JSON.stringify(actual)}`;
    const open = expected[expected.length - 1] === MORE;
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? list.length < items.length : list.length !== items.length) return `${here}: expected ${items.length}${open ? ' or more' : ''} items, got ${list.length}`;
    for (let i = 0; i < items.length; i++) {
      const m = mismatch(list[i], items[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return `${here}: expected an object, got ${JSON.stringify(actual)}`;
    const exp = expected as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    const open = exp[MORE] === true;
    const keys = Object.keys(exp).filter((k) => k !== MORE);
    for (const k of keys) {
      if (!(k in act)) return `${here}: no key ${k}`;
      const m = mismatch(act[k], exp[k], `${path}.${k}`);
      if (m) return m;
    }
    if (!open) {
      const extra = Object.keys(act).filter((k) => act[k] !== undefined && !keys.includes(k));
      if (extra.length) return `${here}: unexpected key${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${here}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Evaluates a source string with the given names in scope. */
function run(source: string, scope: Record<string, unknown>): unknown {
  const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
  return new Function(...names, `"use strict"; return (${source});`)(...names.map((k) => scope[k]));
}

const files = sources(SRC);
const examples = files.flatMap((f) => examplesOf(readFileSync(f, 'utf8'), f));

test('the example scanner finds the examples and reads their expected values', () => {
  assert.ok(examples.length >= 50, `found ${examples.length} examples; the scanner is broken`);
  const ex = examplesOf(" * @example f([1, 2]) // => [0.5, 0.5] (a note)\n/** x. @example g() // => 3 */\nconst s = '@example no';", 'x.ts');
  assert.deepEqual(ex, [
    { file: 'x.ts', line: 1, expr: 'f([1, 2])', expected: '[0.5, 0.5]' },
    { file: 'x.ts', line: 2, expr: 'g()', expected: '3' },
  ]);
  const expected = (s: string): unknown => run(expectedSource(s), { __approx: approx });
  assert.equal(mismatch(0.88701, expected('0.8870…')), undefined);
  assert.match(mismatch(0.8872, expected('0.8870…'))!, /does not agree/);
  assert.equal(mismatch({ a: 1, b: 2 }, expected('{ a: 1, … }')), undefined);
  assert.match(mismatch({ a: 1, b: 2 }, expected('{ a: 1 }'))!, /unexpected key b/);
  assert.match(mismatch([0.5, 0.5 + 1e-6], expected('[0.5, 0.5]'))!, /\[1\]: expected 0.5/);
  assert.equal(mismatch([2 / 3, NaN], expected('[2/3, NaN]')), undefined);
});

test('every @example in src has an expected value (`// => …`)', () => {
  const bare = examples.filter((e) => e.expected === undefined).map((e) => `${relative(SRC, e.file)}:${e.line}: ${e.expr}`);
  assert.deepEqual(bare, []);
});

test('every @example in src gives the value it shows', async () => {
  const core = (await import(CORE_INDEX)) as Record<string, unknown>;
  const failures: string[] = [];
  const byFile = new Map<string, DocExample[]>();
  for (const e of examples) if (e.expected !== undefined) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const fixtures = Object.fromEntries(Object.entries(FIXTURES).map(([k, make]) => [k, make()]));
    const scope = { ...fixtures, ...core, ...mod, __approx: approx };
    for (const e of list) {
      const where = `${relative(SRC, file)}:${e.line}: ${e.expr}`;
      let actual: unknown;
      let expected: unknown;
      try {
        actual = run(e.expr, scope);
      } catch (err) {
        failures.push(`${where}: throws ${(err as Error).message}`);
        continue;
      }
      try {
        expected = run(expectedSource(e.expected!), scope);
      } catch (err) {
        failures.push(`${where}: the expected value "${e.expected}" is not a literal (${(err as Error).message})`);
        continue;
      }
      const m = mismatch(actual, expected);
      if (m) failures.push(`${where}: ${m}`);
    }
  }
  assert.deepEqual(failures, []);
});
