/**
 * Terminal control characters (issue 7): `framework show` and every message that echoes user text
 * print no ESC, BEL, other C0/C1 controls or bidi overrides; they are shown as visible escapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasControlCharacters, terminalSafe } from '../src/core/text/terminal.ts';
import { fixture } from './helpers.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
/** What must never reach a terminal. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('terminalSafe: controls and bidi overrides become visible escapes; line feeds and tabs stay unless one line is asked', () => {
  assert.equal(terminalSafe('\u001b[31mred\u001b[0m\u0007'), '\\x1b[31mred\\x1b[0m\\x07');
  assert.equal(terminalSafe('abc\u202edef\u2066x\u2069'), 'abc\\u202edef\\u2066x\\u2069');
  assert.equal(terminalSafe('a\rb\u0085c\u009bd'), 'a\\rb\\x85c\\x9bd');
  assert.equal(terminalSafe('line 1\n\tline 2'), 'line 1\n\tline 2');
  assert.equal(terminalSafe('a\nb\tc', { oneLine: true }), 'a\\nb\\tc');
  assert.equal(terminalSafe('广东 Guangdong — ok'), '广东 Guangdong — ok');
  assert.ok(hasControlCharacters('\u001b') && !hasControlCharacters('plain\n'));
});

test('framework show and error messages print no terminal control characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-term-'));
  const fw = fixture('worked/framework.yaml')
    .replace('{zh: 分项A, en: Pillar A}', '{zh: "\\e[31m红\\e]0;title\\a", en: "x"}')
    .replace('{zh: 指标1, en: Indicator 1}', '{zh: "abc\\u202Eevil\\u2066", en: "x"}')
    .replace('{zh: 指标3, en: Indicator 3}', '{zh: "two\\nlines\\rback\\x85", en: "x"}');
  writeFileSync(join(dir, 'fw.yaml'), fw);
  const show = run('framework', 'show', join(dir, 'fw.yaml'));
  assert.equal(show.status, 0, show.stderr);
  assert.ok(!CONTROL.test(show.stdout), JSON.stringify(show.stdout));
  assert.match(show.stdout, /A \\x1b\[31m红\\x1b\]0;title\\x07 \(weight/);
  assert.match(show.stdout, /X1 abc\\u202eevil\\u2066 \(raw/);
  assert.match(show.stdout, /X3 two\\nlines\\rback\\x85 \(raw/);
  assert.equal(show.stdout.trim().split('\n').length, 8, 'one line per node');
  // a name echoed by an error: an unknown framework name, a unit in a data file
  const r1 = run('framework', 'check', 'x\u001b[2Jy');
  assert.equal(r1.status, 1);
  assert.ok(!CONTROL.test(r1.stderr), JSON.stringify(r1.stderr));
  assert.match(r1.stderr, /Unknown framework x\\x1b\[2Jy/);
  writeFileSync(join(dir, 'd.csv'), 'unit,year,variable,value\n"\u202e广东\u001b[5m",2024,X1,5\n');
  const r2 = run('evaluate', '-f', join(dir, 'fw.yaml'), '-d', join(dir, 'd.csv'), '-e', '2025');
  assert.equal(r2.status, 1, r2.stderr);
  assert.ok(!CONTROL.test(r2.stderr), JSON.stringify(r2.stderr));
  assert.match(r2.stderr, /unknown unit "\\u202e广东\\x1b\[5m"/);
});
