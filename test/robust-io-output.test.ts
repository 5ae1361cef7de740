/**
 * The output folder is replaced as a whole (issue 7): the new result is written beside it and
 * swapped in; files of other programs in it survive (hard-linked across); owned files of the old
 * run that the new one does not write are gone; leftovers of crashed runs are put back or removed
 * on the next run; an error midway changes nothing; `-o ''` is an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError, cleanLeftovers, writeFilesAtomically } from '../src/io/index.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string): string => new URL(`./fixtures/${p}`, import.meta.url).pathname;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipindex-out-'));
const read = (p: string): string => readFileSync(p, 'utf8');
/** A process id that is surely not running: a child that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

test('a rerun replaces the owned files as a whole and keeps files of other programs (hard-linked, not copied), folders merged', () => {
  const dir = tmp();
  const out = join(dir, 'out');
  writeFilesAtomically(out, { 'scores.csv': 'a\n', 'SAMPLE-DATA.txt': 'sample\n', 'charts/c1.svg': '<svg/>' }, ['scores.csv', 'SAMPLE-DATA.txt', 'charts/c1.svg']);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  mkdirSync(join(out, 'charts', 'extra'));
  writeFileSync(join(out, 'charts', 'extra', 'x.txt'), 'mine too');
  const inode = statSync(join(out, 'notes.txt')).ino;
  writeFilesAtomically(out, { 'scores.csv': 'b\n', 'charts/c2.svg': '<svg/>' }, ['scores.csv', 'SAMPLE-DATA.txt', 'charts/c1.svg', 'charts/c2.svg']);
  assert.deepEqual(readdirSync(out).sort(), ['charts', 'notes.txt', 'scores.csv']);
  assert.deepEqual(readdirSync(join(out, 'charts')).sort(), ['c2.svg', 'extra']);
  assert.equal(read(join(out, 'scores.csv')), 'b\n');
  assert.equal(read(join(out, 'charts', 'extra', 'x.txt')), 'mine too');
  assert.equal(statSync(join(out, 'notes.txt')).ino, inode, 'the same file, linked into the new folder');
  assert.deepEqual(readdirSync(dir), ['out'], 'nothing beside the folder');
});

test('a symbolic link as the output folder stays a link; the current folder and the root are refused; an empty name is an error', () => {
  const dir = tmp();
  mkdirSync(join(dir, 'real'));
  symlinkSync(join(dir, 'real'), join(dir, 'link'));
  writeFilesAtomically(join(dir, 'link'), { 'a.txt': '1' }, []);
  assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
  assert.equal(read(join(dir, 'real', 'a.txt')), '1');
  assert.throws(() => writeFilesAtomically(process.cwd(), { 'a.txt': '1' }), /is the current folder or contains it/);
  assert.throws(() => writeFilesAtomically('/', { 'a.txt': '1' }), /it is the root folder/);
  assert.throws(() => writeFilesAtomically('', { 'a.txt': '1' }), (e: Error) => e instanceof FileError && /output folder name is empty/.test(e.message));
  assert.throws(() => writeFilesAtomically(join(dir, 'x'), { '../evil.txt': '1' }), /expected a relative file name/);
  for (const args of [
    ['evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-o', ''],
    ['demo', '-o', ''],
    ['analyse', 'coherence', '-f', 'cnipa-regional', '-d', fx('worked/data.csv'), '-e', '2025', '-o', ''],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^ipindex: --out needs a folder name, got an empty one/);
  }
  assert.deepEqual(readdirSync(dir).sort(), ['link', 'real']);
});

test('an error midway changes nothing: the old folder whole, no temporary folder left', () => {
  const dir = tmp();
  const out = join(dir, 'out');
  writeFilesAtomically(out, { 'a.txt': 'old' }, ['a.txt']);
  // a.txt as a file and as a folder: the write fails after a.txt is written
  assert.throws(() => writeFilesAtomically(out, { 'a.txt': 'new', 'a.txt/b.txt': 'x' }, ['a.txt']), (e: Error) => e instanceof FileError && /Cannot (write output folder|make folder)/.test(e.message));
  assert.equal(read(join(out, 'a.txt')), 'old');
  assert.deepEqual(readdirSync(dir), ['out']);
});

test('leftovers of crashed runs: removed when their process is gone, put back when the folder itself is missing, kept while their run is alive', () => {
  const dir = tmp();
  const out = join(dir, 'out');
  const dead = deadPid();
  writeFilesAtomically(out, { 'a.txt': 'current' }, ['a.txt']);
  for (const name of [`out.tmp-${dead}-0a1b2c3d`, `out.old-${dead}-0c1d2e3f`, `out.old-${dead}-0c1d2e3f-1`, `out.tmp-${dead}`, `out.tmp-${process.pid}-beefbeef`, 'out.tmp-notapid', 'out.old-2023', 'other.tmp-1-aaaaaaaa']) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'a.txt'), 'partial');
  }
  writeFilesAtomically(out, { 'a.txt': 'next' }, ['a.txt']);
  assert.deepEqual(readdirSync(dir).sort(), ['other.tmp-1-aaaaaaaa', 'out', 'out.old-2023', `out.tmp-${process.pid}-beefbeef`, 'out.tmp-notapid'].sort(), 'only the leftovers of dead runs are removed; a folder of the user\'s own named out.old-2023 stays');
  // killed between moving the old result aside and moving the new one in: the old one comes back
  const dir2 = tmp();
  mkdirSync(join(dir2, `out.old-${dead}-77aa77aa`));
  writeFileSync(join(dir2, `out.old-${dead}-77aa77aa`, 'a.txt'), 'the old result');
  mkdirSync(join(dir2, `out.tmp-${dead}-77aa77aa`));
  writeFileSync(join(dir2, `out.tmp-${dead}-77aa77aa`, 'a.txt'), 'the new result, never swapped in');
  cleanLeftovers(join(dir2, 'out'));
  assert.deepEqual(readdirSync(dir2), ['out']);
  assert.equal(read(join(dir2, 'out', 'a.txt')), 'the old result');
  assert.ok(!existsSync(join(dir2, `out.old-${dead}-77aa77aa`)));
});
