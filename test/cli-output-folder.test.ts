/** CLI output folders: a later run leaves nothing of an earlier one; a bad groupings file names its line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
