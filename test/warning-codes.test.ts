/**
 * Warning codes are a closed set (WARNINGS in src/core/warnings.ts): every code the source raises
 * is listed there with a description, and every listed code is raised somewhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARNINGS, isWarningCode } from '../src/core/index.ts';

const SRC = new URL('../src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Codes raised in the source: `sink.add('code'`, `warn('code'`, `warnings.push(['code'`. */
function raisedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const re = /(?:\.add|\bwarn)\(\s*'([a-z][a-z-]*)'|\.push\(\[\s*'([a-z][a-z-]*)'/g;
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const code = m[1] ?? m[2]!;
      found.set(code, [...(found.get(code) ?? []), file.slice(SRC.length)]);
    }
  }
  return found;
}

test('every warning code raised in src is one of WARNINGS', () => {
  const raised = raisedCodes();
  assert.ok(raised.size >= 10, `found ${raised.size} codes; the scan is broken`);
  const unknown = [...raised].filter(([code]) => !isWarningCode(code)).map(([code, files]) => `${code} (${files.join(', ')})`);
  assert.deepEqual(unknown, [], 'add these codes to WARNINGS in src/core/warnings.ts, with a description');
});

test('every code of WARNINGS is raised somewhere and has both descriptions', () => {
  const raised = raisedCodes();
  for (const [code, d] of Object.entries(WARNINGS)) {
    assert.ok(raised.has(code), `${code} is listed in WARNINGS but never raised; drop it`);
    assert.ok(d.zh && d.en, code);
  }
});
