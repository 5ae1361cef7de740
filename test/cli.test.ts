import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string) => new URL(`./fixtures/${p}`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

test('evaluate writes scores, indicators, groups, summaries and a manifest', () => {
  const out = mkdtempSync(join(tmpdir(), 'ipindex-'));
  const r = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-o', out, '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Worked example 2025: mean of 3 units 85\.17/); // (86.5 + 73 + 96)/3 = 85.1667
  for (const f of ['scores.csv', 'indicators.csv', 'groups.csv', 'summary.zh.txt', 'summary.en.txt', 'manifest.json']) assert.ok(existsSync(join(out, f)), f);
  const scoresText = readFileSync(join(out, 'scores.csv'), 'utf8');
  assert.equal(scoresText.charCodeAt(0), 0xfeff, 'UTF-8 BOM for Excel');
  const scores = parseCsv(scoresText);
  assert.deepEqual(scores[0]!.slice(0, 5), ['edition', 'unit', 'node', 'score', 'rank']);
  assert.equal(scores.length - 1, 2 * 3 * 8, 'editions × units × nodes');
  assert.deepEqual(scores.find((row) => row[0] === '2025' && row[1] === 'U1' && row[2] === 'ROOT')!.slice(0, 5), ['2025', 'U1', 'ROOT', '86.5', '2']);
  const ind = parseCsv(readFileSync(join(out, 'indicators.csv'), 'utf8'));
  const x3 = ind.find((row) => row[0] === '2025' && row[2] === 'U3' && row[3] === 'X3')!;
  assert.equal(x3[4], '300');
  assert.equal(x3[7], 'carried-forward:2023');
  assert.equal(x3[8], 'hand', 'source of the carried value is its own row');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.match(manifest.framework.sha256, /^[0-9a-f]{64}$/);
  assert.equal(manifest.data[0].rows, 27);
  assert.ok(manifest.warnings.length >= 2);
  assert.equal(manifest.sampleData, false);
});

test('errors: one clear message, exit code 1, no stack trace unless --debug', () => {
  const r = run('evaluate', '-f', 'nope.yaml', '-d', fx('worked/data.csv'), '-e', '2025');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^ipindex: Cannot read .*nope\.yaml: no such file\n$/);
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'unit,year,variable,value\nU1,2024,X1,abc\n');
  const out = join(dir, 'out');
  const r2 = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', bad, '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-o', out);
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /bad\.csv:2 \[X1\] value: expected a number/);
  assert.doesNotMatch(r2.stderr, /\n\s+at /);
  assert.ok(!existsSync(out), 'nothing written on error');
  const r3 = run('evaluate', '-f', 'nope.yaml', '-d', 'x.csv', '-e', '2025', '--debug');
  assert.match(r3.stderr, /\n\s+at /);
  const r4 = run('evaluate', '-f', fx('worked/framework.yaml'), '-d', fx('worked/data.csv'), '-e', '25');
  assert.equal(r4.status, 1);
  assert.match(r4.stderr, /--edition must be a 4-digit year, got "25"/);
});

test('framework check reports a valid file and every problem of an invalid one', () => {
  const ok = run('framework', 'check', 'cnipa-regional');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /OK — cnipa-regional 2025\.1, 99 nodes \(level 0: 1, level 1: 3, level 2: 9, level 3: 86\), 86 indicators \(30 derived\), 15 variables/);
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-'));
  const f = join(dir, 'fw.yaml');
  writeFileSync(f, 'id: x\nname: x\nnodes:\n  - code: R\n    name: r\n  - code: A\n    parent: Q\n    name: a\n');
  const bad = run('framework', 'check', f);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /fw\.yaml:7 \[A\] parent: unknown parent Q/);
});

test('demo evaluates both CNIPA indices on the sample data, labelled as sample data', { skip: !existsSync(new URL('../data/sample/regional.csv', import.meta.url)) }, () => {
  const out = mkdtempSync(join(tmpdir(), 'ipindex-'));
  const r = run('demo', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /【样本数据】/);
  assert.deepEqual(readdirSync(out).sort(), ['cnipa-national', 'cnipa-regional', 'report']);
  // the report of both indices in all four formats (a PDF only where a browser starts: test/report-pdf.test.ts)
  for (const f of ['report.html', 'report.xlsx', 'report.docx', 'manifest.json', 'SAMPLE-DATA.txt']) assert.ok(existsSync(join(out, 'report', f)), f);
  assert.ok(existsSync(join(out, 'report', 'report.pdf')) || /PDF not written/.test(r.stderr), 'a PDF, or the reason there is none');
  const reg = parseCsv(readFileSync(join(out, 'cnipa-regional', 'scores.csv'), 'utf8'));
  assert.equal(reg.length - 1, 5 * 31 * 99, 'editions 2021–2025 × 31 provinces × 99 nodes');
  assert.equal(new Set(reg.slice(1).map((row) => row[1])).size, 31);
  const nat = parseCsv(readFileSync(join(out, 'cnipa-national', 'scores.csv'), 'utf8'));
  const total2021 = nat.find((row) => row[0] === '2021' && row[2] === 'NIDX')!;
  assert.equal(Number(total2021[3]), 100);
  assert.deepEqual([...new Set(nat.slice(1).map((row) => row[0]))], ['2021', '2022', '2023', '2024', '2025']);
  assert.equal(JSON.parse(readFileSync(join(out, 'cnipa-regional', 'manifest.json'), 'utf8')).sampleData, true);
  assert.match(readFileSync(join(out, 'cnipa-regional', 'SAMPLE-DATA.txt'), 'utf8'), /样本数据.*不是官方统计/);
  assert.match(readFileSync(join(out, 'cnipa-national', 'summary.en.txt'), 'utf8'), /^\[SAMPLE DATA\]/);
});

test('methods lists every method name with Chinese and English descriptions', async () => {
  const { NORMALISERS, AGGREGATORS, WEIGHTERS, IMPUTERS } = await import('../src/core/index.ts');
  const r = run('methods');
  assert.equal(r.status, 0, r.stderr);
  for (const name of [...Object.keys(NORMALISERS), ...Object.keys(AGGREGATORS), ...Object.keys(WEIGHTERS), ...Object.keys(IMPUTERS), 'winsorise', 'leaf-count']) {
    assert.match(r.stdout, new RegExp(`^  ${name.replace(/[-]/g, '\\-')} +\\S`, 'm'), name);
  }
  assert.match(r.stdout, /efficacy +功效系数法.*\n +Efficacy coefficient/);
  assert.match(run('methods', '--lang', 'en').stdout, /^Normalisation {2}\(recipe: normalisation\.method\)/);
});
