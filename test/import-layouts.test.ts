/**
 * Table layouts read by the pure core (`readSheets` on sheets given as literal cells): a header
 * that is not the first row, merged header cells (专利授权量 over 合计 | 发明, mapped), variables
 * × units with a measure column, one sheet per provider, names as people write them, total rows
 * under each `totals` policy, footnotes. Expected observations are written out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSheets, parseMapping, type Sheet } from '../src/core/import/index.ts';
import { loadRegistry } from '../src/io/index.ts';
import { frameworkFile } from './helpers.ts';
import { parseFramework } from '../src/core/index.ts';
import { readFileSync } from 'node:fs';

const registry = loadRegistry();
const fw = parseFramework(readFileSync(new URL('./fixtures/import/framework.yaml', import.meta.url), 'utf8'), 'framework.yaml');
const obs = (r: ReturnType<typeof readSheets>): string[] => r.observations.map((o) => `${o.unit} ${o.year} ${o.variable} ${o.value}`);

test('a merged name over two header cells, mapped as 名称/子项; a title and a blank row above; 序号 left out; a footnote skipped', () => {
  const sheet: Sheet = {
    file: 'grants.xlsx',
    sheet: 'Sheet1',
    rows: [
      ['2023年各地区专利授权情况', null, null, null],
      [null, null, null, null],
      ['序号', '地区', '专利授权量', null],
      [null, null, '合计', '发明'],
      [1, '北　京', 200, 100],
      [2, '广东省', 700, 300],
      [3, '440000', 1, 1],
      ['注：发明专利含港澳台。', null, null, null],
    ],
    merges: [
      { r0: 0, c0: 0, r1: 0, c1: 3 },
      { r0: 2, c0: 2, r1: 2, c1: 3 },
    ],
  };
  const mapping = parseMapping({ variables: { '专利授权量/发明': 'C1' }, ignore: ['专利授权量/合计'] }, { framework: fw });
  const r = readSheets([sheet], { framework: fw, registry, mapping });
  // 广东省 and 440000 are the same province: a duplicate the validation reports, not the reader
  assert.deepEqual(obs(r), ['110000 2023 C1 100', '440000 2023 C1 300', '440000 2023 C1 1']);
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.tables, [{ file: 'grants.xlsx', sheet: 'Sheet1', shape: 'units-by-variables', headerRow: 4, observations: 3 }]);
  assert.deepEqual(r.observations.map((o) => [o.row, o.column]), [[5, 'D'], [6, 'D'], [7, 'D']]);
});

test('variables × units with a measure column; a CSV header on row 3; 全国 is the national level', () => {
  const sheet: Sheet = {
    file: 'provider.csv',
    rows: [
      ['某省知识产权局报送', '', '', '', ''],
      ['', '', '', '', ''],
      ['指标', '计量单位', '北京', '天津', '全国'],
      ['技术合同成交额', '亿元', '1.5', '2', '10'],
      ['知识产权服务机构数量', '家', '12', '—', '300'],
    ],
  };
  const r = readSheets([sheet], { framework: fw, registry, mapping: { year: 2024 } });
  assert.deepEqual(obs(r), ['110000 2024 C4 15000', '120000 2024 C4 20000', 'CN 2024 C4 100000', '110000 2024 C5 12', '120000 2024 C5 null', 'CN 2024 C5 300']);
  assert.deepEqual(r.findings.map((f) => [f.code, f.row, f.column, f.variable]), [['measure-converted', 4, '计量单位', 'C4']]);
  assert.equal(r.tables[0]!.shape, 'variables-by-units');
  assert.equal(r.tables[0]!.headerRow, 3);
});

test('one sheet per provider, the year in a column; sheets the mapping does not list are skipped', () => {
  const sheets: Sheet[] = [
    { file: 'all.xlsx', sheet: '国家知识产权局', rows: [['地区', '年份', 'C1'], ['河北', '2023年', '１，２００']] },
    { file: 'all.xlsx', sheet: '科技厅', rows: [['地区', '年份', 'C4'], ['河北', 2023, 55.5]] },
    { file: 'all.xlsx', sheet: '说明', rows: [['本表由各单位填报']] },
  ];
  const r = readSheets(sheets, { framework: fw, registry, mapping: { sheets: ['国家知识产权局', '科技厅'] } });
  assert.deepEqual(obs(r), ['130000 2023 C1 1200', '130000 2023 C4 55.5']);
  assert.deepEqual(r.findings, []);
  // without the list, the sheet of notes is a table without a header: said so
  const all = readSheets(sheets, { framework: fw, registry });
  assert.deepEqual(all.findings.map((f) => [f.code, f.sheet]), [['no-header', '说明']]);
});

test('total rows: refused by default, the national figure with totals: national, left out with a warning with totals: skip', () => {
  const sheet = (): Sheet => ({ file: 't.csv', rows: [['地区', '年份', 'C1'], ['北京', '2023', '5'], ['合计', '2023', '9'], ['华东地区', '2023', '4']] });
  const byDefault = readSheets([sheet()], { framework: fw, registry });
  assert.deepEqual(byDefault.findings.map((f) => [f.severity, f.code, f.row]), [['error', 'total-row', 3], ['error', 'regional-row', 4]]);
  assert.deepEqual(obs(byDefault), ['110000 2023 C1 5']);
  const national = readSheets([sheet()], { framework: fw, registry, mapping: { totals: 'national' } });
  assert.deepEqual(obs(national), ['110000 2023 C1 5', 'CN 2023 C1 9']);
  assert.deepEqual(national.findings.map((f) => f.code), ['regional-row']);
  const skip = readSheets([sheet()], { framework: fw, registry, mapping: { totals: 'skip' } });
  assert.deepEqual(obs(skip), ['110000 2023 C1 5']);
  assert.deepEqual(skip.findings.map((f) => [f.severity, f.code, f.row]), [['warning', 'total-row-skipped', 3], ['warning', 'total-row-skipped', 4]]);
});

test('a tidy table with Chinese names for variables; per-file mapping overrides', () => {
  const cn = frameworkFile('cnipa-regional-2025');
  const sheet: Sheet = { file: 'data/2023-版权.csv', rows: [['单位', '指标', '数值'], ['广西壮族自治区', '作品登记量', '78.3'], ['内蒙古', 'R28', '1,000']] };
  const mapping = parseMapping({ files: [{ match: '*-版权.csv', year: 2023 }] }, { framework: cn });
  const r = readSheets([sheet], { framework: cn, registry, mapping });
  assert.deepEqual(obs(r), ['450000 2023 R28 78.3', '150000 2023 R28 1000']);
  assert.deepEqual(r.findings, []);
});
