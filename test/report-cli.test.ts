/** `ipindex report`: index pairs, formats, the output folder written whole, the PDF's fallback, errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseFormats } from '../src/cli/report.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;
const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, ...env } });
const national = 'data/sample/national.csv';
const regional = 'data/sample/regional.csv';
const sheets = async (file: string): Promise<string[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
};

test('one index: the formats asked for, a manifest and the sample notice, nothing else', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ipindex-report-')), 'r');
  const r = run(['report', '-f', 'cnipa-regional', '-d', regional, '-e', '2025', '--format', 'xlsx,html', '-o', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['SAMPLE-DATA.txt', 'manifest.json', 'report.html', 'report.xlsx']);
  assert.match(r.stdout, new RegExp(`→ 报告已写入 ${out}/（report.html、report.xlsx）`));
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /<div class="sample" role="note">【样本数据】/);
  assert.match(html, /data\/sample\/regional\.csv<br><span class="hash">SHA-256 [0-9a-f]{64}/, 'the cover names the input by its path in the project, with its hash');
  assert.doesNotMatch(html, /https?:\/\//);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.report.formats, ['html', 'xlsx']);
  assert.equal(manifest.runs.length, 1);
  assert.equal(manifest.runs[0].framework.id, 'cnipa-regional');
  const names = await sheets(join(out, 'report.xlsx'));
  assert.equal(names[names.length - 1], '运行信息');
  assert.ok(names.length >= 3, names.join(', '));
});

test('two indices as -f/-d pairs (and --sample alike): one report, the national part first; English', async () => {
  const base = mkdtempSync(join(tmpdir(), 'ipindex-report-'));
  const a = join(base, 'a');
  const r = run(['report', '-f', 'cnipa-regional', '-d', regional, '-f', 'cnipa-national', '-d', national, '-e', '2025', '--format', 'xlsx', '--lang', 'en', '-o', a]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /→ wrote the report to .*\/a\/ \(report\.xlsx\)/);
  const m = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
  assert.deepEqual(m.runs.map((x: { framework: { id: string } }) => x.framework.id), ['cnipa-national', 'cnipa-regional']);
  const names = await sheets(join(a, 'report.xlsx'));
  assert.equal(names[names.length - 1], 'manifest');
  const b = join(base, 'b');
  const s = run(['report', '--sample', '-e', '2025', '--format', 'xlsx', '--lang', 'en', '-o', b]);
  assert.equal(s.status, 0, s.stderr);
  assert.deepEqual(await sheets(join(b, 'report.xlsx')), names, 'the same report');
});

test('no browser: the PDF is not written, the reason is on stderr, the other formats are', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ipindex-report-')), 'r');
  const r = run(['report', '-f', 'cnipa-national', '-d', national, '-e', '2025', '--format', 'pdf,html', '-o', out], { IPINDEX_CHROMIUM: '/nonexistent/chromium' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /ipindex: PDF 未生成：没有可启动的无头浏览器（IPINDEX_CHROMIUM: \/nonexistent\/chromium does not exist）/);
  assert.match(r.stderr, /PDF not written: no headless browser could start/);
  assert.deepEqual(readdirSync(out).sort(), ['SAMPLE-DATA.txt', 'manifest.json', 'report.html']);
  assert.match(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).report.pdfNotWritten, /^PDF 未生成/);
});

test('bad options: one clear error each, exit 1, nothing written', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ipindex-report-')), 'r');
  const cases: [string[], RegExp][] = [
    [['-f', 'cnipa-national', '-d', national, '--format', 'docs'], /Unknown report format docs — did you mean docx\? Formats: html, xlsx, docx, pdf/],
    [['-d', national], /--data and --recipe need a --framework/],
    [['-f', 'cnipa-national', '-f', 'cnipa-regional', '-d', regional], /--framework cnipa-national has no data: put its --data <files…> after it/],
    [['-f', 'cnipa-national', '-d', national, '-r', 'cnipa-national', '-r', 'default'], /--framework cnipa-national has 2 recipes/],
    [[], /No index given: pass --framework/],
    [['-f', 'cnipa-national', '-d', 'nonexistent.csv'], /nonexistent\.csv/],
  ];
  for (const [args, message] of cases) {
    const r = run(['report', ...args, '-e', '2025', '-o', out]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.ok(!existsSync(out), `${args.join(' ')}: nothing written`);
  }
});

test('parseFormats: any order and case, repeats, all', () => {
  assert.deepEqual(parseFormats('PDF, html,html'), ['html', 'pdf']);
  assert.deepEqual(parseFormats('all'), ['html', 'xlsx', 'docx', 'pdf']);
  assert.throws(() => parseFormats(' , '), /--format needs one or more of html, xlsx, docx, pdf/);
});

test('hostile names in a framework go through the whole report as plain text (HTML, DOCX, XLSX)', async () => {
  const { writeFileSync } = await import('node:fs');
  const { reportFiles } = await import('../src/cli/report.ts');
  const { unzip } = await import('./zip-read.ts');
  const { fixture } = await import('./helpers.ts');
  const SCRIPT = '<script>alert(1)</script>';
  const INJECTION = "=cmd|' /C calc'!A0";
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-report-hostile-'));
  const q = (s: string): string => JSON.stringify(s);
  writeFileSync(join(dir, 'fw.yaml'), fixture('worked/framework.yaml').replace('{zh: 分项A, en: Pillar A}', `{zh: ${q(SCRIPT)}, en: ${q(SCRIPT)}}`).replace('{zh: 分项B, en: Pillar B}', `{zh: ${q(INJECTION)}, en: ${q(INJECTION)}}`));
  writeFileSync(join(dir, 'data.csv'), fixture('worked/data.csv'));
  const out = join(dir, 'out');
  const recipe = new URL('./fixtures/worked/recipe-efficacy.json', import.meta.url).pathname;
  await reportFiles({ indices: [{ framework: join(dir, 'fw.yaml'), data: [join(dir, 'data.csv')], recipe }], edition: 2025, out, formats: ['html', 'xlsx', 'docx'] });
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the pillar name, escaped');
  assert.doesNotMatch(html, /<script/i);
  const docx = unzip(readFileSync(join(out, 'report.docx'))).get('word/document.xml')!.toString('utf8');
  assert.ok(docx.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.doesNotMatch(docx, /<script/i);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, 'report.xlsx'));
  let neutralised = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${ws.name}!${c.address}`);
        if (typeof c.value !== 'string') return;
        assert.ok(!/^[=+\-@\t\r]/.test(c.value) || /^[-+]?\d/.test(c.value), `${ws.name}!${c.address}: ${c.value}`);
        if (c.value.includes(INJECTION)) {
          assert.ok(c.value.startsWith("'") || !c.value.startsWith('='), c.value);
          neutralised++;
        }
      }),
    );
  }
  assert.ok(neutralised > 0, 'the pillar name is in the workbook, neutralised');
});
