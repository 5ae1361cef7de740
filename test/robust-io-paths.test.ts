/**
 * Odd paths and encodings (issue 7): only regular files are read, up to a size limit; devices and
 * named pipes are refused at once (no abort, no hang); permission and read-only file-system
 * errors are reported as what they are; built-in names are own names (`constructor`, `__proto__`
 * and `toString` are unknown, not JavaScript members); text is decoded strictly, with GBK/GB18030
 * and UTF-16 named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError, READ_LIMITS, loadFramework, loadRegistry, readDataFiles, readText } from '../src/io/index.ts';
import { decodeUtf8, firstInvalidUtf8, fsErrorText } from '../src/io/files.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string): string => new URL(`./fixtures/${p}`, import.meta.url).pathname;
/** Runs the CLI (after `prefix`, a command such as setpriv that runs node). */
const run = (args: string[], prefix: string[] = []) => {
  const [cmd, ...rest] = [...prefix, process.execPath, bin, ...args];
  return spawnSync(cmd!, rest, { encoding: 'utf8', timeout: 60_000 });
};
const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipindex-paths-'));
const throwsFile = (f: () => unknown, re: RegExp): void => assert.throws(f, (e: Error) => e instanceof FileError && re.test(e.message), re.source);

test('devices and named pipes are refused at once, as data and as frameworks; a folder is named as one', () => {
  const dir = tmp();
  const registry = loadRegistry();
  throwsFile(() => readText('/dev/zero'), /^File \/dev\/zero is a character device, not a regular file/);
  symlinkSync('/dev/zero', join(dir, 'zero.csv'));
  throwsFile(() => readDataFiles([join(dir, 'zero.csv')], registry), /Data file .*zero\.csv is a character device/);
  throwsFile(() => loadFramework(dir), /is a folder; expected a file/);
  const fifo = join(dir, 'pipe.csv');
  if (spawnSync('mkfifo', [fifo]).status === 0) {
    const t = performance.now();
    throwsFile(() => readDataFiles([fifo], registry), /Data file .*pipe\.csv is a named pipe \(FIFO\), not a regular file/);
    throwsFile(() => loadFramework(fifo), /Framework file .*pipe\.csv is a named pipe/);
    assert.ok(performance.now() - t < 2000, 'no wait for a writer');
  }
  const r = run(['framework', 'check', '/dev/zero']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^ipindex: Framework file \/dev\/zero is a character device, not a regular file/);
});

test('files over the size limit are refused with the file and the limit; the rows of a run are bounded', () => {
  const dir = tmp();
  const saved = { ...READ_LIMITS };
  try {
    READ_LIMITS.textBytes = 1024;
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(2000)}\nid: x\n`);
    throwsFile(() => readText(big, { what: 'Framework file' }), /^Framework file .*big\.yaml is 2 KiB, over the limit of 1 KiB \(READ_LIMITS\.textBytes\)/);
    READ_LIMITS.textBytes = saved.textBytes;
    READ_LIMITS.dataBytes = 100;
    throwsFile(() => readDataFiles([fx('worked/data.csv')], loadRegistry()), /Data file .*data\.csv is .* over the limit of 100 B \(READ_LIMITS\.dataBytes\)/);
    READ_LIMITS.dataBytes = saved.dataBytes;
    READ_LIMITS.dataRows = 5;
    assert.throws(() => readDataFiles([fx('worked/data.csv')], loadRegistry()), /data\.csv has more than 5 rows, the most one run reads/);
  } finally {
    Object.assign(READ_LIMITS, saved);
  }
});

test('built-in names are own names: constructor, __proto__, toString are unknown names, not JavaScript members', () => {
  for (const args of [
    ['evaluate', '-f', 'constructor', '-d', fx('worked/data.csv'), '-e', '2025'],
    ['framework', 'show', 'toString'],
    ['framework', 'check', '__proto__'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^ipindex: Unknown framework (constructor|toString|__proto__): neither a built-in framework nor a file/);
  }
  for (const name of ['__proto__', 'constructor', 'hasOwnProperty']) {
    const r = run(['evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025', '-r', name]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^ipindex: Unknown recipe ${name}: neither a built-in recipe nor a file`));
  }
  const r = run(['recipes', '__proto__']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^ipindex: Unknown recipe __proto__/);
});

test('an empty file name is an error, not "the default"; a folder given as data is named as one', () => {
  const w = ['-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025'];
  for (const [flag, args] of [
    ['--recipe', ['evaluate', ...w, '-r', '']],
    ['--groupings', ['evaluate', ...w, '-g', '']],
    ['--data', ['evaluate', '-f', fx('worked/framework.yaml'), '-d', '', '-e', '2025']],
  ] as const) {
    const r = run([...args]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^ipindex: ${flag} needs a value, got an empty one`));
  }
  const c = run(['framework', 'check', '']);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /^ipindex: The framework name is empty/);
  throwsFile(() => readDataFiles([fx('worked')], loadRegistry()), /worked is a folder; expected a data file/);
});

test('a file the user may not read is reported as permission denied, not as missing', (t) => {
  const dir = tmp();
  chmodSync(dir, 0o755);
  const secret = join(dir, 'secret.yaml');
  copyFileSync(fx('worked/framework.yaml'), secret);
  chmodSync(secret, 0o000);
  const root = process.getuid?.() === 0;
  // root reads any file: drop to nobody where setpriv is there
  const prefix = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  if (root && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status !== 0) return t.skip('running as root without setpriv');
  if (process.platform === 'win32') return t.skip('no POSIX permissions');
  const r = run(['framework', 'check', secret], prefix);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^ipindex: Cannot read framework file .*secret\.yaml: permission denied \(EACCES\)/);
  assert.equal(fsErrorText(Object.assign(new Error('x'), { code: 'EROFS' })), 'read-only file system (EROFS)');
});

test('a read-only file system is reported as one, for the output folder and the folders above it; /proc does not hang', (t) => {
  const w = (out: string) => ['evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-q', '-o', out];
  const p = run(w('/proc/ipindex-out'));
  assert.equal(p.status, 1, p.stderr);
  assert.match(p.stderr, /^ipindex: Cannot write output folder \/proc\/ipindex-out: cannot make .* beside it: the file system refuses to make it/);
  const dir = tmp();
  const ro = join(dir, 'ro');
  mkdirSync(ro);
  // a private mount namespace: the read-only mount is seen by the child only
  if (process.getuid?.() !== 0 || spawnSync('unshare', ['-m', 'true']).status !== 0) return t.skip('needs root and unshare for a read-only mount');
  const inRo = ['unshare', '-m', 'sh', '-c', 'mount -o bind,ro "$0" "$0" && exec "$@"', ro];
  const a = run(w(join(ro, 'out')), inRo);
  assert.equal(a.status, 1, a.stderr);
  assert.match(a.stderr, /read-only file system \(EROFS\)/);
  assert.doesNotMatch(a.stderr, /no such file/i);
  const b = run(w(join(ro, 'a', 'b', 'out')), inRo);
  assert.equal(b.status, 1, b.stderr);
  assert.match(b.stderr, /read-only file system \(EROFS\) \(making .*ro\/a\)/);
});

/** The worked framework saved as GBK bytes (a Chinese name on line 5). */
function gbk(text: string): Buffer {
  const out: number[] = [];
  // encode through GB18030 by searching the decoder's table for each non-ASCII character
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) table.set(dec.decode(new Uint8Array([a, b])), [a, b]);
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

test('text is decoded strictly: GBK/GB18030 and UTF-16 are named with the byte, its line and what to do; NUL bytes are refused', () => {
  const dir = tmp();
  const fwText = readFileSync(fx('worked/framework.yaml'), 'utf8');
  const fw = join(dir, 'gbk.yaml');
  writeFileSync(fw, gbk(fwText));
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const line = fwText.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
  throwsFile(() => loadFramework(fw), new RegExp(`^Framework file .*gbk\\.yaml is not valid UTF-8 text: byte 0x[0-9A-F]{2} at byte offset \\d+ \\(line ${line}, byte \\d+ of the line\\)\\. The file looks like GBK/GB18030 .*Save it as UTF-8 \\(iconv -f GB18030 -t UTF-8 gbk\\.yaml > gbk-utf8\\.yaml\\)`));
  const csv = join(dir, 'gbk.csv');
  writeFileSync(csv, gbk('unit,year,variable,value\n广东,2024,R18,5\n'));
  throwsFile(() => readDataFiles([csv], loadRegistry()), /^Data file .*gbk\.csv is not valid UTF-8 text: byte 0xB9 at byte offset 25 \(line 2, byte 1 of the line\)\. The file looks like GBK\/GB18030 .*“广东,2024,R18,5”.*CSV UTF-8/);
  const u16 = join(dir, 'u16.csv');
  writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('unit,year,variable,value\n', 'utf16le')]));
  throwsFile(() => readDataFiles([u16], loadRegistry()), /looks like UTF-16 text/);
  const nul = join(dir, 'nul.csv');
  writeFileSync(nul, 'unit,year,variable,value\nU1,2024,R18,5\0\n');
  throwsFile(() => readDataFiles([nul], loadRegistry()), /nul\.csv is not a text file: it holds a NUL byte at byte offset 38 \(line 2\)/);
  // UTF-8 cut off at the end
  throwsFile(() => decodeUtf8(Buffer.from([0x61, 0xe5, 0xb9]), 'cut.txt'), /a character cut off at the end of the file at byte offset 1 .*probably truncated/);
  assert.equal(firstInvalidUtf8(Buffer.from('广东', 'utf8')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0xc0, 0x80])), 0, 'overlong');
  assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80])), 1, 'surrogate');
});

test('data read in 1 MiB chunks: a character across a chunk boundary is read whole; a bad byte far in is placed exactly', () => {
  const dir = tmp();
  const head = 'unit,year,variable,value,note\n';
  const row = (i: number): string => `U${i},2024,R18,${i},n\n`;
  let text = head;
  let i = 0;
  while (Buffer.byteLength(text) < (1 << 20) - 40) text += row(i++);
  // a note of 3-byte characters across the 1 MiB boundary
  text += `U${i++},2024,R18,1,${'广'.repeat(30)}\n`;
  while (Buffer.byteLength(text) < 1_300_000) text += row(i++);
  const good = join(dir, 'good.csv');
  writeFileSync(good, text);
  const obs = readDataFiles([good], loadRegistry()).observations;
  assert.equal(obs.length, i);
  assert.ok(obs.some((o) => o.note === '广'.repeat(30)));
  const bytes = Buffer.from(text);
  const at = 1_200_000;
  const lineNo = bytes.subarray(0, at).toString('latin1').split('\n').length;
  bytes[at] = 0xff;
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, bytes);
  throwsFile(() => readDataFiles([bad], loadRegistry()), new RegExp(`byte 0xFF at byte offset ${at} \\(line ${lineNo},`));
});
