/**
 * `ipindex validate` as a user runs it: the table in Chinese and English, exit code 1 on errors
 * and 0 on warnings only, the XLSX report (one row per problem, read back) and the JSON report;
 * `ipindex evaluate -d` on a workbook and on a wide GBK CSV gives the scores of the tidy CSV.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string): string => new URL(`./fixtures/${p}`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const PROBLEMS = [fx('import/problems.csv'), fx('import/problems.xlsx')];

test('validate: every problem in a table, exit 1; the XLSX report has one row per problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-validate-'));
  const report = join(dir, 'problems.xlsx');
  const r = run('validate', '-f', fx('import/framework.yaml'), ...PROBLEMS, '--years', '1949-2024', '--report', report);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0]!, /^ipindex validate：2 个文件，30 条观测（框架 import-test）：22 个错误，12 个警告——有错误，不能导入$/);
  assert.match(lines[2]!, /^级别\s+代码\s+位置\s+单位\s+指标\s+值\s+说明$/);
  assert.ok(lines.some((l) => /^错误\s+unknown-unit\s+problems\.csv 第11行 地区列\s+广州\s+广州\s+“广州”不是已知的省级单位——是否指 广东 或 广西/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^警告\s+unit-slip\s+problems\.csv 第6行 数值列\s+湖南 \(430000\)\s+C1\s+200000\s+/.test(l)));
  assert.match(r.stdout, /→ 报告已写入 .*problems\.xlsx（每个问题一行）/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  const ws = wb.getWorksheet('数据问题')!;
  assert.equal(ws.rowCount, 35);
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['级别', '代码', '文件', '工作表', '行', '列', '单位', '指标', '值', '应为', '说明']);
  const row2 = Array.from({ length: 9 }, (_, i) => ws.getRow(2).getCell(i + 1).value);
  assert.deepEqual(row2, ['错误', 'unknown-unit', fx('import/problems.csv'), null, 11, '地区', '广州', null, '广州']);
  const slip = ws.getRows(2, 34)!.find((x) => x.getCell(2).value === 'unit-slip')!;
  assert.deepEqual([slip.getCell(5).value, slip.getCell(7).value, slip.getCell(8).value, slip.getCell(9).value], [6, '湖南 (430000)', 'C1', 200000]);
});

test('validate --lang en and a JSON report; a clean file exits 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-validate-'));
  const report = join(dir, 'problems.json');
  const r = run('validate', '-f', fx('import/framework.yaml'), ...PROBLEMS, '--years', '1949-2024', '--report', report, '--lang', 'en');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^ipindex validate: 2 files, 30 observations \(framework import-test\): 22 errors, 12 warnings — errors block an import\n/);
  assert.match(r.stdout, /severity\s+code\s+where\s+unit\s+variable\s+value\s+message/);
  assert.match(r.stdout, /error\s+total-row\s+problems\.csv row 13 col 地区\s+合计\s+合计\s+"合计" is a total row, not a province/);
  const json = JSON.parse(readFileSync(report, 'utf8')) as { findings: { code: string }[]; errors: number; warnings: number; files: { format: string }[] };
  assert.equal(json.findings.length, 34);
  assert.deepEqual([json.errors, json.warnings], [22, 12]);
  assert.deepEqual(json.files.map((f) => f.format), ['csv', 'xlsx']);
  const clean = run('validate', '-f', 'examples/real-provincial/framework.yaml', fx('import/same.xlsx'), '--lang', 'en');
  assert.equal(clean.status, 0, clean.stderr);
  assert.match(clean.stdout, /^ipindex validate: 1 file, 12 observations \(framework real-provincial\): 0 errors, 2 warnings — importable; warnings are kept with the data/);
  const bad = run('validate', '-f', fx('import/framework.yaml'), PROBLEMS[0]!, '--report', join(dir, 'x.txt'));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--report .*x\.txt: expected a file name ending in \.xlsx or \.json/);
});

test('evaluate -d: a workbook and a wide GBK CSV of the worked data give the scores of its tidy CSV, byte for byte', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-eval-import-'));
  const rows = readFileSync(fx('worked/data.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  // the same rows in a workbook, under a title, header on row 3
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['示例数据']);
  ws.addRow([]);
  ws.addRow(rows[0]!.slice(0, 4));
  for (const r of rows.slice(1)) ws.addRow([r[0], Number(r[1]), r[2], r[3] === '' ? null : Number(r[3])]);
  const xlsx = join(dir, 'data.xlsx');
  await wb.xlsx.writeFile(xlsx);
  // and wide: units × variables, one row per unit and year
  const vars = [...new Set(rows.slice(1).map((r) => r[2]!))];
  const byKey = new Map(rows.slice(1).map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r[3]!]));
  const keys = [...new Set(rows.slice(1).map((r) => `${r[0]}|${r[1]}`))];
  const wide = [['单位', 'year', ...vars].join(','), ...keys.map((k) => [...k.split('|'), ...vars.map((v) => byKey.get(`${k}|${v}`) ?? '')].join(','))].join('\r\n');
  const gbkFile = join(dir, 'wide.csv');
  writeFileSync(gbkFile, Buffer.concat([Buffer.from([0xb5, 0xa5, 0xce, 0xbb]), Buffer.from(wide.slice(2))])); // 单位 in GBK
  const outs = ['tidy', 'xlsx', 'wide'].map((n) => join(dir, n));
  const common = ['-f', fx('worked/framework.yaml'), '-e', '2025', '-r', fx('worked/recipe-efficacy.json'), '-q'];
  for (const [i, data] of [fx('worked/data.csv'), xlsx, gbkFile].entries()) {
    const r = run('evaluate', ...common, '-d', data, '-o', outs[i]!, ...(i === 2 ? ['--encoding', 'auto'] : []));
    assert.equal(r.status, 0, r.stderr);
  }
  const scores = outs.map((o) => readFileSync(join(o, 'scores.csv'), 'utf8'));
  assert.ok(scores[0]!.split('\n').length > 10);
  assert.equal(scores[1], scores[0]);
  assert.equal(scores[2], scores[0]);
  // without --encoding the GBK file is refused as before, naming the encoding
  const strict = run('evaluate', ...common, '-d', gbkFile);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /is not valid UTF-8 text: byte 0xB5 at byte offset 0.*looks like GBK\/GB18030/);
});
