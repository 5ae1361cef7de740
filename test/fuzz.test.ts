/**
 * The fuzz suite (issue 7) in `npm test`: the classification rules and the generator's helpers on
 * fixed inputs, the harness on cases built to crash, hang, exhaust memory or change a result
 * silently, then a few hundred seeded mutations of the sample data, frameworks, recipes and
 * groupings (0 crashes, hangs, silent changes, vague errors or unsafe output cells), the quick
 * CLI subprocess cases and kill trials of `--out`. `npm run fuzz` runs ≥ 10 000 cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBases, SMALL_PROVINCES } from './fuzz/bases.ts';
import { classify, digestDifference, namesCulprit, namesPlace, newWarnings, unsafeCell } from './fuzz/classify.ts';
import { runCliCases } from './fuzz/cli-cases.ts';
import { encodeGbk, encodeUtf16le } from './fuzz/encodings.ts';
import { MUTATORS, generateCase } from './fuzz/generate.ts';
import { findingsList, isFinding, outcomeTable, runCases } from './fuzz/harness.ts';
import { readSampleTable, withThousands, writeCsv } from './fuzz/table.ts';
import type { FuzzCase, RunDigest, RunOutcome } from './fuzz/types.ts';

/** The seed of the cases in `npm test` (FUZZ_SEED and FUZZ_CASES override it and the count). */
const SEED = Number(process.env.FUZZ_SEED ?? 20250707);
const CASES = Number(process.env.FUZZ_CASES ?? 180);

const digest = (scores: number[], extra: Partial<RunDigest> = {}): RunDigest => ({
  editions: [2024, 2025],
  units: ['A', 'B'],
  nodes: ['ROOT'],
  scores: Float64Array.from(scores),
  ranks: Float64Array.from(scores.map((_, i) => (i % 2) + 1)),
  warnings: ['carried-forward|X1|X1: 1 value carried forward'],
  notices: [],
  ...extra,
});
const kase = (expect: FuzzCase['expect'], extra: Partial<FuzzCase> = {}): FuzzCase => ({
  index: 1,
  mutator: 'test',
  description: 'test',
  expect,
  base: 'national',
  files: {},
  run: { commands: ['evaluate'], framework: 'x', data: [], edition: 2025 },
  culprits: ['data.csv'],
  needPlace: true,
  ...extra,
});

test('classify: each expectation against each outcome', () => {
  const base = digest([70, 60, 72, 61]);
  const same: RunOutcome = { kind: 'ok', digest: digest([70, 60, 72, 61]), ms: 1, problems: [] };
  const changed: RunOutcome = { kind: 'ok', digest: digest([70, 60, 72, 62]), ms: 1, problems: [] };
  const warned: RunOutcome = { kind: 'ok', digest: digest([70, 60, 72, 62], { warnings: [...base.warnings, 'range|X1|X1: 1 value below 0'] }), ms: 1, problems: [] };
  const sameWarned: RunOutcome = { kind: 'ok', digest: digest([70, 60, 72, 61], { notices: ['key wieght: did you mean weight?'] }), ms: 1, problems: [] };
  const clean: RunOutcome = { kind: 'error', ms: 1, clean: true, name: 'DataError', message: 'Data file /t/data.csv has 1 invalid cell\n  - /t/data.csv:7 value: expected a number' };
  const vague: RunOutcome = { kind: 'error', ms: 1, clean: true, name: 'DataError', message: 'Something is wrong' };
  const crash: RunOutcome = { kind: 'error', ms: 1, clean: false, name: 'TypeError', message: 'x is undefined' };
  const label = (e: FuzzCase['expect'], o: RunOutcome): string => classify(kase(e), o, base).label;
  // harmless rewrites: the same result or a finding
  assert.deepEqual(
    [same, changed, warned, clean].map((o) => label('same', o)),
    ['same', 'silent', 'silent', 'refused'],
  );
  // bad input: refused, warned about, or without effect
  assert.deepEqual(
    [same, changed, warned, clean, vague, crash].map((o) => label('report', o)),
    ['same', 'silent', 'warned', 'error', 'vague', 'crash'],
  );
  // must be refused or warned about: unchanged and silent is "ignored"
  assert.deepEqual(
    [same, sameWarned, changed, warned].map((o) => label('notice', o)),
    ['ignored', 'warned', 'silent', 'warned'],
  );
  // a legitimate edit must show
  assert.deepEqual(
    [same, sameWarned, changed].map((o) => label('effect', o)),
    ['ignored', 'warned', 'changed'],
  );
  // must be refused
  assert.deepEqual(
    [same, changed, warned, clean].map((o) => label('error', o)),
    ['ignored', 'silent', 'ignored', 'error'],
  );
  assert.deepEqual(
    [same, changed, clean].map((o) => label('any', o)),
    ['same', 'changed', 'error'],
  );
  assert.equal(label('report', { kind: 'hang', ms: 10_000 }), 'hang');
  assert.equal(label('report', { kind: 'oom', ms: 10, message: 'ERR_WORKER_OUT_OF_MEMORY' }), 'oom');
  assert.equal(label('same', { kind: 'ok', digest: base, ms: 1, problems: ['scores.csv row 3: cell "=1+1" would be evaluated'] }), 'unsafe-output');
  // an error must name the file, a place when asked, the words when asked, and be short
  assert.equal(classify(kase('error', { culprits: ['recipe.json'] }), clean, base).label, 'vague');
  assert.equal(classify(kase('error', { needWords: 'UTF-?8' }), clean, base).label, 'vague');
  assert.equal(classify(kase('error', { needPlace: false }), { ...vague, message: 'data.csv is not UTF-8' }, base).label, 'error');
  assert.equal(classify(kase('error'), { ...clean, message: (clean as { message: string }).message + 'x'.repeat(20_001) }, base).label, 'vague');
});

test('classify helpers: places, culprits, digests keyed by unit and renamed nodes, new warnings', () => {
  for (const m of ['f.csv:12: bad', 'f.csv row 3', 'framework.yaml [R18] weight: must be ≥ 0', 'recipe.json weights.set.P1: must be a number', 'recipe.json weights.set.\u000e "P3": unknown node', 'f.csv 第 3 行', 'byte 17 is not UTF-8']) assert.ok(namesPlace(m), m);
  for (const m of ['Data file f.csv is empty', 'Cannot read f.csv: no such file']) assert.ok(!namesPlace(m), m);
  assert.ok(namesCulprit('Cannot read /tmp/x/case-1/data.csv: too large', ['data.csv']));
  assert.ok(namesCulprit('Unknown recipe constructor', ['constructor']));
  assert.ok(!namesCulprit('Unknown recipe x', ['data.csv', 'constructor']));
  const base = digest([70, 60, 72, 61]);
  // the same numbers with the units in another order are the same result
  const swapped = digest([60, 70, 61, 72], { units: ['B', 'A'], ranks: Float64Array.from([2, 1, 2, 1]) });
  assert.equal(digestDifference(base, swapped), '');
  assert.match(digestDifference(base, digest([70, 60, 72, 61.000000000001])), /score ROOT B 2025: 61.000000000001 instead of 61/);
  // NaN equals NaN (a score missing in both), -0 differs from 0 (Object.is: bit for bit)
  assert.equal(digestDifference(digest([NaN, 1, 2, 3]), digest([NaN, 1, 2, 3])), '');
  assert.notEqual(digestDifference(digest([0, 1, 2, 3]), digest([-0, 1, 2, 3])), '');
  assert.equal(digestDifference(base, digest([70, 60, 72, 61], { nodes: ['toString'] }), { toString: 'ROOT' }), '');
  assert.equal(digestDifference(base, digest([70, 60, 72, 61], { nodes: ['constructor'] })), 'node ROOT missing');
  assert.match(digestDifference(base, digest([70, 60, 72, 61], { editions: [2025] })), /editions 2025 instead of 2024,2025/);
  assert.deepEqual(newWarnings(base, digest([1, 2, 3, 4], { notices: ['n'] })), ['n']);
  // a formula-like cell, not a number
  assert.deepEqual(
    ['=1+1', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '-1.5', '+3', '-1e-5', "'=1+1", 'a=b', ''].map(unsafeCell),
    [true, true, true, true, true, true, false, false, false, false, false, false],
  );
});

test('generator helpers agree with independent encoders and the sample files', () => {
  // python3 -c "print(list('北京'.encode('gbk')))" → [177, 177, 190, 169]; 'aé'.encode('utf-16-le') → 6100e900
  assert.deepEqual([...encodeGbk('北京')], [177, 177, 190, 169]);
  assert.deepEqual([...encodeUtf16le('aé')], [0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00]);
  assert.equal(withThousands('12706.5'), '12,706.5');
  assert.equal(withThousands('-1234567'), '-1,234,567');
  assert.equal(withThousands('999'), '999');
  // the table reader and writer give back the sample files byte for byte (national has quoted notes)
  const bases = loadBases();
  for (const b of [bases.byId.national, bases.byId.regional]) assert.equal(writeCsv(readSampleTable(b.dataText)), b.dataText);
  // the small regional base is the eight provinces' rows of the sample
  const small = readSampleTable(bases.byId['regional-small'].dataText);
  assert.deepEqual([...new Set(small.rows.map((r) => r[0]))].sort(), [...SMALL_PROVINCES].sort());
  assert.equal(small.rows.length, readSampleTable(bases.byId.regional.dataText).rows.filter((r) => SMALL_PROVINCES.includes(r[0]!)).length);
});

test('generator: a case is a function of (seed, index); every mutator makes cases', () => {
  const bases = loadBases();
  const a = generateCase(SEED, 500, bases);
  assert.deepEqual(generateCase(SEED, 500, bases), a);
  assert.notDeepEqual(generateCase(SEED + 1, 500, bases).description, a.description);
  // the first cases take every mutator once, in order, each on one of its bases
  for (const [i, mu] of MUTATORS.entries()) {
    const c = generateCase(SEED, i, bases);
    assert.equal(c.mutator.split('/')[0], mu.name);
    assert.ok(mu.bases.includes(c.base));
    // a harmless rewrite that changes nothing would be a test that cannot fail
    if (c.expect === 'same' && !c.mutator.startsWith('out:')) {
      const changed = Object.entries(c.files).some(([name, content]) => name !== 'data.csv' || (typeof content === 'string' ? content : new TextDecoder().decode(content)) !== bases.byId[c.base].dataText);
      assert.ok(changed, `${c.mutator} on ${c.base} changes no file`);
    }
  }
});

test('harness: a TypeError is a crash, an endless loop a hang, a heap hog an out-of-memory — and the run goes on', async () => {
  const v = await runCases({ seed: SEED, cases: 1, selfTests: ['throw', 'hang', 'oom'], timeoutMs: 3000, heapMb: 160, workers: 2, only: ['data:crlf'], bases: ['national'] });
  const by = Object.fromEntries(v.map((x) => [x.mutator, x.label]));
  assert.deepEqual(by, { 'self:throw': 'crash', 'self:hang': 'hang', 'self:oom': 'oom', 'data:crlf': 'same' });
});

test('harness: a value changed without a warning is a silent change; the base run from case files is the base result', async () => {
  const bases = loadBases();
  const base = bases.byId.national;
  const edited = base.dataText.replace(/^CN,2024,N09,([\d.]+),/m, (_m, v: string) => `CN,2024,N09,${Number(v) + 7},`);
  assert.notEqual(edited, base.dataText);
  const given: FuzzCase[] = [
    { ...kase('report', { index: 1, mutator: 'given:edit' }), files: { 'data.csv': edited }, run: { commands: ['evaluate'], framework: 'cnipa-national', data: ['@data.csv'], edition: 2025 } },
    { ...kase('any', { index: 2, mutator: 'given:edit-any' }), files: { 'data.csv': edited }, run: { commands: ['evaluate'], framework: 'cnipa-national', data: ['@data.csv'], edition: 2025 } },
    {
      ...kase('same', { index: 3, mutator: 'given:files' }),
      files: { 'data.csv': base.dataText, 'fw.yaml': base.frameworkText, 'r.json': base.recipeJson },
      run: { commands: ['check', 'evaluate'], framework: '@fw.yaml', data: ['@data.csv'], recipe: '@r.json', edition: 2025 },
    },
  ];
  const v = await runCases({ seed: SEED, cases: 0, given, workers: 1 });
  assert.deepEqual(
    v.map((x) => x.label),
    ['silent', 'changed', 'same'],
  );
  assert.match(v[0]!.why, /changed without a warning: score \w+ CN 2025/);
});

test(`fuzz: ${CASES} seeded cases (seed ${SEED}) — no crash, hang, out-of-memory, silent change, vague error or unsafe output`, { timeout: 600_000 }, async () => {
  const verdicts = await runCases({ seed: SEED, cases: CASES, bases: ['regional-small', 'regional-default', 'national'], workers: 2 });
  assert.equal(verdicts.length, CASES);
  const findings = verdicts.filter(isFinding);
  assert.equal(findings.length, 0, `\n${outcomeTable(verdicts)}\n\n${findingsList(verdicts)}`);
  // the harmless rewrites were all tried and gave the base results
  assert.ok(verdicts.filter((v) => v.label === 'same').length > 30);
});

test('CLI subprocess cases: /dev/zero, a FIFO, built-in names like constructor, -o empty, terminal output, exit codes', { timeout: 300_000 }, async () => {
  const v = await runCliCases({ quick: true });
  assert.ok(v.length >= 7);
  assert.deepEqual(
    v.filter((c) => !c.ok).map((c) => `${c.name}: ${c.why}`),
    [],
  );
});
