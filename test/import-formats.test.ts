/**
 * Import: one data set saved as UTF-8 CSV, GBK CSV, a wide CSV, JSON, XLSX (one sheet per year,
 * title row, header on row 3, 亿元 converted) and XLS (variables × provinces, the year merged
 * over its provinces) reads to the same observations — the real figures of
 * yearbook-2016-2023.csv, written out by hand below. Cells as people type them, encodings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { halfWidth, parseValueCell, parseYearCell, type Finding } from '../src/core/import/index.ts';
import { loadFramework, loadRegistry } from '../src/io/index.ts';
import { readObservationFiles } from '../src/io/import/index.ts';

const fixture = (f: string): string => new URL(`./fixtures/import/${f}`, import.meta.url).pathname;
const framework = loadFramework(new URL('../examples/real-provincial/framework.yaml', import.meta.url).pathname).framework;
const registry = loadRegistry();

// 中国科技统计年鉴 figures (yearbook-2016-2023.csv rows 北京/天津/河北 × 2022/2023), typed in by hand
const EXPECTED = [
  '110000,2022,PATENT_VALID_INV,477790',
  '110000,2022,TECH_MARKET_VALUE,79475111',
  '110000,2023,PATENT_VALID_INV,574323',
  '110000,2023,TECH_MARKET_VALUE,85369394',
  '120000,2022,PATENT_VALID_INV,51162',
  '120000,2022,TECH_MARKET_VALUE,16508667',
  '120000,2023,PATENT_VALID_INV,63761',
  '120000,2023,TECH_MARKET_VALUE,19285572',
  '130000,2022,PATENT_VALID_INV,51959',
  '130000,2022,TECH_MARKET_VALUE,10038253',
  '130000,2023,PATENT_VALID_INV,64631',
  '130000,2023,TECH_MARKET_VALUE,17830882',
];

const keys = (obs: { unit: string; year: number; variable: string; value: number | null }[]): string[] => obs.map((o) => `${o.unit},${o.year},${o.variable},${o.value}`).sort();

for (const [file, format, encoding, warnings] of [
  ['same-utf8.csv', 'csv', 'utf-8', []],
  ['same-gbk.csv', 'csv', 'gb18030', ['encoding-gbk']],
  ['same-wide.csv', 'csv', 'utf-8-bom', []],
  ['same.json', 'json', 'utf-8', []],
  ['same.xlsx', 'xlsx', undefined, ['measure-converted', 'measure-converted']],
  ['same.xls', 'xls', undefined, []],
] as const) {
  test(`${file} reads to the same 12 observations (${format}${encoding ? `, ${encoding}` : ''})`, () => {
    const r = readObservationFiles([fixture(file)], { framework, registry });
    assert.deepEqual(r.problems.map((p) => p.code), warnings);
    assert.deepEqual(keys(r.observations), EXPECTED);
    assert.equal(r.sources.length, 1);
    assert.equal(r.sources[0]!.format, format);
    assert.equal(r.sources[0]!.encoding, encoding);
    assert.match(r.sources[0]!.sha256, /^[0-9a-f]{64}$/);
    // every observation says where it came from
    for (const o of r.observations) assert.ok(o.file && o.row! > 0 && o.column, JSON.stringify(o));
  });
}

test('all six files at once: the same cells six times, every duplicate agrees', () => {
  const files = ['same-utf8.csv', 'same-gbk.csv', 'same-wide.csv', 'same.json', 'same.xlsx', 'same.xls'].map(fixture);
  const r = readObservationFiles(files, { framework, registry });
  assert.equal(r.observations.length, 72);
  assert.deepEqual([...new Set(keys(r.observations))], EXPECTED);
});

test('the layouts found: the XLSX header is on row 3 under a title, one sheet per year; the XLS is variables × provinces', () => {
  const x = readObservationFiles([fixture('same.xlsx')], { framework, registry }).sources[0]!;
  assert.deepEqual(x.sheets, [
    { name: '2022年', shape: 'units-by-variables', headerRow: 3, observations: 6 },
    { name: '2023年', shape: 'units-by-variables', headerRow: 3, observations: 6 },
  ]);
  const s = readObservationFiles([fixture('same.xls')], { framework, registry }).sources[0]!;
  assert.deepEqual(s.sheets, [{ name: '有效专利与成交额', shape: 'variables-by-units', headerRow: 2, observations: 12 }]);
  // the 亿元 column is converted ×10 000 into the framework's 万元, said once per sheet
  const conv = readObservationFiles([fixture('same.xlsx')], { framework, registry }).problems[0]!;
  assert.equal(conv.severity, 'warning');
  assert.equal(conv.variable, 'TECH_MARKET_VALUE');
  assert.equal(conv.column, 'D');
  assert.match(conv.message.zh, /以 亿元 填报，已按 ×10000 换算为框架单位 万元/);
});

test('cells as typed: full-width forms, thousands separators, % on a share, missing markers; ambiguous cells refused', () => {
  assert.equal(halfWidth('　１２３．４％ '), '123.4%');
  assert.deepEqual(parseValueCell('１２３．４'), { value: 123.4 });
  assert.deepEqual(parseValueCell('1,234'), { value: 1234 });
  assert.deepEqual(parseValueCell('"12,345,678.5"'.slice(1, -1)), { value: 12345678.5 });
  assert.deepEqual(parseValueCell('１，２３４'), { value: 1234 });
  assert.deepEqual(parseValueCell(' 56 '), { value: 56 });
  assert.deepEqual(parseValueCell('45.6%', { percent: true }), { value: 45.6 });
  assert.deepEqual(parseValueCell({ percentOf: 0.123 }, { percent: true }), { value: 12.3 });
  for (const m of ['', '—', '-', '/', 'NA', 'n/a', '…', '——', '－']) assert.deepEqual(parseValueCell(m), { value: null }, m);
  assert.deepEqual(parseValueCell(null), { value: null });
  const code = (r: ReturnType<typeof parseValueCell>): string => ('problem' in r ? r.problem.code : `value ${r.value}`);
  assert.equal(code(parseValueCell('12%', { unit: '件' })), 'percent-not-share');
  assert.equal(code(parseValueCell({ percentOf: 0.12 }, { unit: '万元' })), 'percent-not-share');
  assert.equal(code(parseValueCell('1.234,5')), 'ambiguous-number');
  assert.equal(code(parseValueCell('12,5')), 'ambiguous-number');
  assert.equal(code(parseValueCell('1.234.567')), 'ambiguous-number');
  assert.equal(code(parseValueCell('1.234', { count: true, unit: '件' })), 'ambiguous-number');
  assert.equal(code(parseValueCell('1.234', { unit: '万元' })), 'value 1.234');
  assert.equal(code(parseValueCell('约1200')), 'non-numeric');
  assert.equal(code(parseValueCell('#DIV/0!')), 'excel-error');
  const unitInCell = parseValueCell('1200件');
  assert.ok('problem' in unitInCell && /the unit "件" belongs in the header/.test(unitInCell.problem.message.en));
  assert.equal(parseYearCell('２０２３年'), 2023);
  assert.equal(parseYearCell(2023), 2023);
  assert.equal(parseYearCell('2023.5'), undefined);
  assert.equal(parseYearCell('23'), undefined);
});

test('a file in neither UTF-8 nor GB18030 names both encodings tried; --encoding utf-8 refuses GBK with the hint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-enc-'));
  const bad = join(dir, 'latin1.csv');
  writeFileSync(bad, Buffer.from([...Buffer.from('unit,year,variable,value\nCaf'), 0xe9, 0x20, ...Buffer.from(',2023,X,1\n')]));
  const r = readObservationFiles([bad], { framework, registry });
  assert.equal(r.observations.length, 0);
  assert.equal(r.problems.length, 1);
  const p: Finding = r.problems[0]!;
  assert.equal(p.code, 'unreadable-text');
  assert.match(p.message.en, /not valid UTF-8 text: byte 0xE9 at byte offset 28 \(line 2, byte 4 of the line\)\. Tried UTF-8 and GB18030\/GBK: it is neither/);
  const strict = readObservationFiles([fixture('same-gbk.csv')], { framework, registry, encoding: 'utf-8' });
  assert.equal(strict.observations.length, 0);
  assert.match(strict.problems[0]!.message.en, /The file looks like GBK\/GB18030/);
  const forced = readObservationFiles([fixture('same-gbk.csv')], { framework, registry, encoding: 'gb18030' });
  assert.deepEqual(keys(forced.observations), EXPECTED);
  assert.deepEqual(forced.problems, []); // the encoding was stated: nothing to say
  // detected: a warning showing the first line as read
  const auto = readObservationFiles([fixture('same-gbk.csv')], { framework, registry });
  assert.deepEqual(auto.problems.map((p) => [p.severity, p.code, p.row, p.value]), [['warning', 'encoding-gbk', 1, '地区,年份,指标,数值,来源']]);
  assert.match(auto.problems[0]!.message.zh, /已按 GBK\/GB18030（中文 Excel、WPS 的默认编码）读取，首行为“地区,年份,指标,数值,来源”/);
});

test('a workbook saved under a .csv name is read as the workbook it is; an unknown extension is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-fmt-'));
  const renamed = join(dir, 'really-xlsx.csv');
  writeFileSync(renamed, readFileSync(fixture('same.xlsx')));
  const r = readObservationFiles([renamed], { framework, registry });
  assert.equal(r.sources[0]!.format, 'xlsx');
  assert.deepEqual(keys(r.observations), EXPECTED);
  const odd = join(dir, 'data.ods');
  writeFileSync(odd, 'x');
  const o = readObservationFiles([odd, join(dir, 'missing.csv')], { framework, registry });
  assert.deepEqual(o.problems.map((p) => p.code), ['unsupported-format', 'unreadable-file']);
  assert.match(o.problems[1]!.message.en, /no such file/);
});

test('a sheet formatted far beyond its data is read to the extent of its values, not its formatted range', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2023');
  ws.addRow(['地区', 'PATENT_VALID_INV']);
  ws.addRow(['北京', 574323]);
  ws.getCell('ZZ900000').numFmt = '0.00'; // formatting only: the sheet's range reaches row 900 000
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-range-'));
  const file = join(dir, 'formatted.xlsx');
  await wb.xlsx.writeFile(file);
  const r = readObservationFiles([file], { framework, registry });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(keys(r.observations), ['110000,2023,PATENT_VALID_INV,574323']);
});
