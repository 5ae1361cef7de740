import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTidyCsv, parseTidyJson, DataError } from '../src/core/index.ts';
import { loadRegistry } from '../src/io/index.ts';

const registry = loadRegistry();

test('units may be codes, short or full names, or CN', () => {
  const obs = parseTidyCsv('unit,year,variable,value\n440000,2024,R18,1\n广东,2023,R18,2\n内蒙古自治区,2024,R18,3\nCN,2024,N01,4\n全国,2023,N01,5\nAUT,2024,LPI,3.2\n', { registry });
  assert.deepEqual(obs.map((o) => o.unit), ['440000', '440000', '150000', 'CN', 'CN', 'AUT']);
});

test('Chinese column headers are accepted; NA and empty mean missing; thousands separators are read', () => {
  const obs = parseTidyCsv('单位,年份,指标,数值,来源\n北京,2024,R18,"1,234.5",统计年鉴\n北京,2023,R18,NA,\n', { registry });
  assert.equal(obs[0]!.value, 1234.5);
  assert.equal(obs[0]!.source, '统计年鉴');
  assert.equal(obs[1]!.value, null);
});

test('every bad cell is named with file, row and column; nothing is returned', () => {
  const csv = 'unit,year,variable,value\n广冬,2024,R18,1\n北京,24,R18,2\n北京,2024,R18,12.5%\n北京,2024,,3\n上海,2024,R18,1\n上海,2024,R18,2\n';
  try {
    parseTidyCsv(csv, { file: 'bad.csv', registry });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /^Data file bad\.csv has 5 invalid cells; nothing was imported/);
    const m = e.problems.map((p) => `${p.file}:${p.line} ${p.field}`);
    assert.deepEqual(m, ['bad.csv:2 unit', 'bad.csv:3 year', 'bad.csv:4 value', 'bad.csv:5 variable', 'bad.csv:7 variable']);
    assert.match(e.problems[0]!.message, /unknown unit "广冬"/);
    assert.match(e.problems[2]!.message, /expected a number .* got "12\.5%"/);
    assert.match(e.problems[4]!.message, /duplicate row for unit 上海, year 2024, variable R18 \(first at row 6\)/);
  }
});

test('missing required columns are named', () => {
  assert.throws(() => parseTidyCsv('unit,year,value\n北京,2024,1\n', { file: 'x.csv', registry }), /x\.csv lacks column variable/);
});

test('JSON data: an array or {observations: [...]}', () => {
  const a = parseTidyJson('[{"unit":"北京","year":2024,"variable":"R18","value":1}]', { registry });
  const b = parseTidyJson('{"observations":[{"unit":"110000","year":2024,"variable":"R18","value":null}]}', { registry });
  assert.equal(a[0]!.unit, '110000');
  assert.equal(b[0]!.value, null);
  assert.throws(() => parseTidyJson('{"rows": []}', { file: 'y.json' }), /y\.json: expected an array/);
});
