/**
 * The store's commands end to end (issue 8): `data import` prints the vintage id, `data list`,
 * `data show`, `data diff`, `data export`, `evaluate --store` (run recorded), `template --store`,
 * and the refusals of a wrong combination of options.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const FW = new URL('./fixtures/worked/framework.yaml', import.meta.url).pathname;
const DATA = new URL('./fixtures/worked/data.csv', import.meta.url).pathname;
const run = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' }, timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('ipindex data import | list | show | diff | export, evaluate --store, template --store', { timeout: 900_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-cli-data-'));
  const store = join(dir, 'x.duckdb');
  const a = run('data', 'import', '--store', store, '-f', FW, DATA, '--note', '初次导入', '--lang', 'en');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, '1\n');
  assert.match(a.stderr, /^vintage 1 imported into .*x\.duckdb: 27 observations from 1 file, 27 in all; \d+ warnings? kept with it/);
  const rev = join(dir, 'rev.csv');
  writeFileSync(rev, 'unit,year,variable,value\nU1,2024,X1,25\nU3,2024,X3,310\n');
  const b = run('data', 'import', '--store', store, '-f', FW, rev, '--note', '修订');
  assert.equal(b.status, 0, b.stderr);
  assert.equal(b.stdout, '2\n');
  const list = run('data', 'list', '--store', store, '--lang', 'en');
  assert.equal(list.status, 0, list.stderr);
  const lines = list.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(lines[0], ['vintage', 'framework', 'imported at', 'base', 'rows', 'imported', 'warnings', 'provider', 'note', 'files']);
  assert.deepEqual(lines.slice(1).map((l) => [l[0], l[1], l[3], l[4], l[5], l[8]]), [
    ['1', 'worked 1', '—', '27', '27', '初次导入'],
    ['2', 'worked 1', '1', '28', '2', '修订'],
  ]);
  for (const l of lines.slice(1)) assert.match(l[2]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'the import time, UTC');
  const diff = run('data', 'diff', '1', '2', '--store', store, '--lang', 'en');
  assert.equal(diff.status, 0, diff.stderr);
  assert.deepEqual(diff.stdout.trim().split('\n'), [
    'vintage 1 → 2: 1 changed, 1 added, 0 removed',
    '\tvariable\tunit\tyear\told\tnew\tfrom',
    `changed\tX1\tU1\t2024\t20\t25\t${rev}:2`,
    `added\tX3\tU3\t2024\t\t310\t${rev}:3`,
  ]);
  const show = run('data', 'show', '2', '--store', store, '--lang', 'en');
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /^vintage 2: worked 1 \(framework SHA-256 [0-9a-f]{64}\)\n/);
  assert.match(show.stdout, /base: 1; rows: 28 \(imported 2\)/);
  assert.match(show.stdout, /\n\t2023\t2024\nX1\t3\t3\n/);
  const out = join(dir, 'v2.csv');
  const ex = run('data', 'export', '2', '--store', store, '--out', out);
  assert.equal(ex.status, 0, ex.stderr);
  assert.match(readFileSync(out, 'utf8'), /^\ufeffunit,year,variable,value,flag,source,note,file,row,sheet,column\n/);
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 29);
  const ev = run('evaluate', '--store', store, '--vintage', '1', '-f', FW, '-e', '2025', '-r', new URL('./fixtures/worked/recipe-efficacy.json', import.meta.url).pathname, '-q', '-o', join(dir, 'out'), '--lang', 'en');
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stderr, /ipindex: run 1 of vintage 1 recorded in .*x\.duckdb/);
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { data: { file: string; rows: number }[] };
  assert.deepEqual(manifest.data.map((d) => [d.file.endsWith('x.duckdb#vintage-1'), d.rows]), [[true, 27]]);
  const both = run('evaluate', '--store', store, '-d', DATA, '-f', FW, '-e', '2025');
  assert.equal(both.status, 1);
  assert.match(both.stderr, /give either --data <files…> or --store <file>, not both/);
  const none = run('data', 'show', '7', '--store', store, '--lang', 'en');
  assert.equal(none.status, 1);
  assert.match(none.stderr, /Store .*x\.duckdb has no vintage 7 \(vintages: 1, 2\)/);
  const t = run('template', '-f', 'cnipa-regional', '--year', '2024', '--provider', 'spc', '--out', join(dir, 'templates'));
  assert.equal(t.status, 0, t.stderr);
  assert.deepEqual(readdirSync(join(dir, 'templates')), ['2024-spc-最高人民法院.xlsx']);
  assert.match(t.stdout, /2024-spc-最高人民法院\.xlsx\t最高人民法院\t3 variables × 31 units/);
});
