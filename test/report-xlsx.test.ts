/** The report as XLSX, read back with exceljs: sheets, number formats, frozen panes, neutralised text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { renderXlsx, sheetName, flattenJson } from '../src/render/report-xlsx.ts';
import { fixtureDocument, INJECTION, SCRIPT } from './report-fixture.ts';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

test('one sheet per table with Chinese names, the run information last', async () => {
  const wb = await readBack(await renderXlsx(fixtureDocument('zh')));
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['各省得分', 'targets__2025___', '运行信息']);
  const en = await readBack(await renderXlsx(fixtureDocument('en')));
  assert.deepEqual(en.worksheets.map((w) => w.name), ['Province scores', 'targets__2025___', 'manifest']);
});

test('caption, sample notice and header on top, frozen; first column frozen for names', async () => {
  const ws = (await readBack(await renderXlsx(fixtureDocument('zh')))).getWorksheet('各省得分')!;
  assert.equal(ws.getCell('A1').value, '表 1 2025年各省知识产权发展指数得分与排名');
  assert.match(String(ws.getCell('A2').value), /^【样本数据】/);
  assert.deepEqual([1, 2, 3, 4].map((j) => ws.getRow(3).getCell(j).value), ['地区', '得分', '排名', '比上年']);
  const view = ws.views[0]!;
  assert.equal(view.state, 'frozen');
  assert.equal((view as { ySplit: number }).ySplit, 3, 'caption + notice + one header row');
  assert.equal((view as { xSplit: number }).xSplit, 1);
});

test('numbers stay numbers at full precision with the display format of the cell', async () => {
  const ws = (await readBack(await renderXlsx(fixtureDocument('zh')))).getWorksheet('各省得分')!;
  // row 4 = 北京: 90 (2 decimals), rank 1 (integer), +0.734 (signed, 2 decimals)
  assert.equal(ws.getCell('A4').value, '北京');
  assert.equal(ws.getCell('B4').value, 90);
  assert.equal(ws.getCell('B4').numFmt, '0.00');
  assert.equal(ws.getCell('C4').value, 1);
  assert.equal(ws.getCell('C4').numFmt, '0');
  assert.equal(ws.getCell('D4').value, 0.734, 'not rounded in the file');
  assert.equal(ws.getCell('D4').numFmt, '+0.00;-0.00;0.00');
  // 上海: 88.5, −0.256
  assert.equal(ws.getCell('B5').value, 88.5);
  assert.equal(ws.getCell('D5').value, -0.256);
  // row 16: the injection row, its missing score an empty cell; row 17: 12.5 % with one decimal
  assert.equal(ws.getCell('B16').value, null);
  assert.equal(ws.getCell('D17').value, 12.5);
  assert.equal(ws.getCell('D17').numFmt, '0.0"%"');
  assert.equal(ws.getCell('A19').value, '注：得分保留两位小数。');
});

test('text that starts a formula is neutralised; numbers as text and script tags stay as they are', async () => {
  const wb = await readBack(await renderXlsx(fixtureDocument('zh')));
  const ws = wb.getWorksheet('各省得分')!;
  assert.equal(ws.getCell('A16').value, `'${INJECTION}`);
  assert.equal(ws.getCell('A16').type, ExcelJS.ValueType.String, 'a string cell, no formula');
  assert.equal(ws.getCell('A17').value, SCRIPT);
  const t = wb.getWorksheet('targets__2025___')!;
  assert.equal(t.getCell('A5').value, "'+1 plus");
  assert.equal(t.getCell('D5').value, '-3.5', 'a plain number written as text is not changed');
  // no cell anywhere holds a formula
  for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${sheet.name}!${c.address}`)));
  const m = wb.getWorksheet('运行信息')!;
  const values: unknown[] = [];
  m.eachRow((row) => values.push(row.getCell(1).value, row.getCell(2).value));
  assert.ok(values.includes(`'${INJECTION}`), 'the manifest value is neutralised too');
  assert.ok(values.includes('framework.sha256') && values.includes('c'.repeat(64)));
  assert.ok(values.includes(2025));
});

test('sheet names: forbidden characters, 31 characters, unique without case, History reserved', () => {
  const taken = new Set<string>();
  assert.equal(sheetName('a/b\\c?d*e[f]g:h', 'x', taken), 'a_b_c_d_e_f_g_h');
  const long = '一二三四五六七八九十'.repeat(4);
  assert.equal(sheetName(long, 'x', taken), long.slice(0, 31));
  assert.equal(sheetName(long, 'x', taken), long.slice(0, 27) + ' (2)');
  assert.equal(sheetName('Scores', 'x', taken), 'Scores');
  assert.equal(sheetName('SCORES', 'x', taken), 'SCORES (2)');
  assert.equal(sheetName("''", 'fallback-id', taken), 'fallback-id');
  assert.equal(sheetName('History', 'x', taken), 'History (2)');
});

test('flattenJson: paths of nested objects and arrays', () => {
  assert.deepEqual(flattenJson({ a: { b: [1, { c: 'x' }] }, d: [], e: null }), [['a.b[0]', 1], ['a.b[1].c', 'x'], ['d', '[]'], ['e', null]]);
});
