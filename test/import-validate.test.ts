/**
 * Validation: a fixture with 31 kinds of problem (problems.csv and problems.xlsx, against
 * test/fixtures/import/framework.yaml) gives exactly one finding per problem, each with file,
 * sheet, row, column, unit, variable and value — the table below was written from the fixture by
 * hand, row by row. The 78.3万 / 780.3万 slip of the report is flagged; thresholds apply.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCount, sortFindings, validateObservations, type Finding } from '../src/core/import/index.ts';
import { frameworkFile } from './helpers.ts';
import { loadFramework, loadRegistry } from '../src/io/index.ts';
import { readObservationFiles } from '../src/io/import/index.ts';

const fixture = (f: string): string => new URL(`./fixtures/import/${f}`, import.meta.url).pathname;
const framework = loadFramework(fixture('framework.yaml')).framework;
const registry = loadRegistry();

function findingsOf(files: string[]): Finding[] {
  const r = readObservationFiles(files.map(fixture), { framework, registry });
  return sortFindings([...r.problems, ...validateObservations(r.observations, framework, { registry, years: { max: 2024 } })]);
}

// severity, code, file, sheet, row, column, unit, variable, value — one line per problem planted in the fixture
const EXPECTED: [string, string, string, string, number | undefined, string | undefined, string | undefined, string | undefined, string | number | null | undefined][] = [
  ['error', 'unknown-unit', 'problems.csv', '', 11, '地区', '广州', undefined, '广州'],
  ['error', 'unknown-unit', 'problems.csv', '', 12, '地区', '440100', undefined, '440100'],
  ['error', 'total-row', 'problems.csv', '', 13, '地区', '合计', undefined, '合计'],
  ['error', 'regional-row', 'problems.csv', '', 14, '地区', '东部地区', undefined, '东部地区'],
  ['error', 'empty-unit', 'problems.csv', '', 15, '地区', undefined, undefined, undefined],
  ['error', 'non-numeric', 'problems.csv', '', 16, '数值', '330000', 'C1', '约1200'],
  ['error', 'percent-not-share', 'problems.csv', '', 17, '数值', '340000', 'C1', '12%'],
  ['error', 'ambiguous-number', 'problems.csv', '', 18, '数值', '350000', 'C1', '1.234,5'],
  ['error', 'excel-error', 'problems.csv', '', 19, '数值', '360000', 'C1', '#DIV/0!'],
  ['error', 'bad-year', 'problems.csv', '', 20, '年份', '370000', undefined, '2023.5'],
  ['error', 'empty-variable', 'problems.csv', '', 21, '指标', '410000', undefined, undefined],
  ['error', 'unknown-variable', 'problems.csv', '', 22, '数值', '420000', 'C11', 'C11'],
  ['error', 'negative-count', 'problems.csv', '', 23, '数值', '500000', 'C1', -5],
  ['error', 'share-range', 'problems.csv', '', 27, '数值', '110000', 'C2', 120],
  ['error', 'derived-value', 'problems.csv', '', 28, '数值', '120000', 'C3', 5.2],
  ['error', 'measure-mismatch', 'problems.csv', '', 32, '计量单位', '310000', 'C4', '件'],
  ['error', 'out-of-range', 'problems.csv', '', 34, '数值', '220000', 'C5', 1500],
  ['error', 'conflicting-duplicate', 'problems.csv', '', 36, '数值', '110000', 'C2', 99],
  ['error', 'year-range', 'problems.csv', '', 37, '数值', '230000', 'GDP', 2031],
  ['error', 'unknown-variable', 'problems.xlsx', '2023年', 1, 'D', undefined, 'C9', 'C9'],
  ['error', 'percent-not-share', 'problems.xlsx', '2023年', 2, 'B', '640000', 'C1', '12%'],
  ['error', 'no-year', 'problems.xlsx', '补充', 1, undefined, undefined, undefined, undefined],
  ['warning', 'carry-forward', 'problems.csv', '', undefined, undefined, '130000', 'C1', null],
  ['warning', 'missing', 'problems.csv', '', undefined, undefined, '140000', 'C1', null],
  ['warning', 'jump', 'problems.csv', '', 3, '数值', '440000', 'C1', 5200],
  ['warning', 'unit-slip', 'problems.csv', '', 6, '数值', '430000', 'C1', 200000],
  ['warning', 'fractional-count', 'problems.csv', '', 10, '数值', '320000', 'C1', 12.5],
  ['warning', 'implausible-value', 'problems.csv', '', 24, '数值', '510000', 'C1', 1e16],
  ['warning', 'suspect-unit', 'problems.csv', '', 25, '数值', 'Guangdon', 'C1', 'Guangdon'],
  ['warning', 'sum-vs-national', 'problems.csv', '', 29, '数值', 'CN', 'C4', 100],
  ['warning', 'measure-converted', 'problems.csv', '', 33, '计量单位', undefined, 'C4', '亿元'],
  ['warning', 'duplicate', 'problems.csv', '', 35, '数值', '110000', 'C2', 45.5],
  ['warning', 'share-as-fraction', 'problems.csv', '', 38, '数值', undefined, 'C6', 0.45],
  ['warning', 'unnamed-column', 'problems.xlsx', '2023年', 2, 'E', undefined, undefined, '99'],
];

test('the problem fixture: one finding per planted problem, 31 kinds, each with its place, unit, variable and value', () => {
  const fs = findingsOf(['problems.csv', 'problems.xlsx']);
  const got = fs.map((f) => [f.severity, f.code, f.file!.split('/').pop()!, f.sheet ?? '', f.row, f.column, f.unit, f.variable, f.value]);
  assert.deepEqual(got, EXPECTED);
  assert.equal(new Set(fs.map((f) => f.code)).size, 31);
  assert.equal(errorCount(fs), 22);
  // every finding says what was expected, in both languages
  for (const f of fs) {
    assert.ok(f.expected, `${f.code}: expected`);
    assert.ok(/[\u4e00-\u9fff]/.test(f.message.zh) && f.message.en.length > 10, `${f.code}: messages`);
  }
});

test('the messages say what is wrong with the numbers of the fixture (computed by hand)', () => {
  const fs = findingsOf(['problems.csv', 'problems.xlsx']);
  const msg = (code: string, lang: 'zh' | 'en' = 'en'): string => fs.find((f) => f.code === code)!.message[lang];
  assert.match(msg('unknown-unit'), /"广州" is not a known province — did you mean 广东 or 广西/);
  assert.match(fs.filter((f) => f.code === 'unknown-unit')[1]!.message.en, /440100 is a city or county code within Guangdong; province codes end in 0000 \(440000\)/);
  assert.match(msg('unknown-variable'), /"C11" is not an indicator or variable of import-test — did you mean C1\?/);
  assert.match(msg('jump'), /C1 for 广东 2023 is 5,200, 5\.2 times 2022's 1,000/);
  // 湖南 20 → 200 000 = 10⁴ ×
  assert.match(msg('unit-slip'), /C1 for 湖南 2023 is 200,000, about 10⁴ times 2022's 20/);
  assert.match(msg('unit-slip', 'zh'), /湖南 2023 年 C1 为 200,000，约为 2022 年 20（.*problems\.csv:5）的 10⁴ 倍：疑似计量单位错误/);
  // 北京 60 + 天津 70 + 辽宁 0.5 亿元 = 5 000 万元 → 5 130 against 全国 100
  assert.match(msg('sum-vs-national'), /C4 2023: the 3 provinces sum to 5,130, 全国 is 100 — the provinces are 5030 % above the national total \(a gap of 5,030\)/);
  assert.match(msg('carry-forward'), /C1 for 河北 2023 is missing: the evaluation will carry 2022's value 300 forward/);
  assert.match(msg('conflicting-duplicate'), /C2 for 北京 2023 has two different values: 99 here and 120 at .*problems\.csv:27/);
  assert.match(msg('derived-value', 'zh'), /C3（每万人口专利授权量）是计算得出的指标，不应直接填报/);
  assert.match(msg('measure-mismatch'), /the unit of measure 件 is not of the same kind as the framework's 万元/);
  assert.match(msg('out-of-range'), /C5 for 吉林 2023 is 1500: 1500 is above 1000/);
  assert.match(msg('year-range'), /year 2031 is outside the data years evaluated, 1949–2024/);
  assert.match(msg('share-as-fraction'), /all 3 values in this file lie within 0–1/);
});

test('clean data gives no finding; data with only warnings gives no error', () => {
  const real = loadFramework(new URL('../examples/real-provincial/framework.yaml', import.meta.url).pathname).framework;
  const r = readObservationFiles([fixture('same-utf8.csv')], { framework: real, registry });
  assert.deepEqual(validateObservations(r.observations, real, { registry }), []);
  // 北京 2024 five times 2023, 天津 2024 missing (河北 has it), and no 2024 TECH_MARKET_VALUE at all:
  // warnings only — the jump, and the four cells carry-forward will fill
  const more = [...r.observations, { unit: '110000', year: 2024, variable: 'PATENT_VALID_INV', value: 574323 * 5 }, { unit: '130000', year: 2024, variable: 'PATENT_VALID_INV', value: 70000 }];
  const fs = validateObservations(more, real, { registry });
  assert.deepEqual(fs.map((f) => [f.severity, f.code, f.unit, f.variable]), [
    ['warning', 'jump', '110000', 'PATENT_VALID_INV'],
    ['warning', 'carry-forward', '120000', 'PATENT_VALID_INV'],
    ['warning', 'carry-forward', '110000', 'TECH_MARKET_VALUE'],
    ['warning', 'carry-forward', '120000', 'TECH_MARKET_VALUE'],
    ['warning', 'carry-forward', '130000', 'TECH_MARKET_VALUE'],
  ]);
  assert.equal(errorCount(fs), 0);
  assert.match(fs[1]!.message.en, /PATENT_VALID_INV for 天津 2024 is missing: the evaluation will carry 2023's value 63,761 forward/);
  assert.match(fs[2]!.message.en, /TECH_MARKET_VALUE for 北京 2024 is missing: the evaluation will carry 2023's value 85,369,394 forward/);
});

test('the report’s 78.3万 / 780.3万 作品登记量 (R28): the pair is flagged as a likely unit slip, as a revision and year on year', () => {
  const fw = frameworkFile('cnipa-regional-2025');
  // the published national figure 780.3万件 (7 803 000) against the 摘要's misprint 78.3万件
  const revision = validateObservations([{ unit: 'CN', year: 2024, variable: 'R28', value: 783000 }], fw, { previous: [{ unit: 'CN', year: 2024, variable: 'R28', value: 7803000 }], carryForward: false });
  assert.deepEqual(revision.map((f) => [f.code, f.severity, f.value]), [['unit-slip', 'warning', 783000]]);
  assert.match(revision[0]!.message.en, /R28 for 全国 2024 is 783,000, the previous vintage had 7,803,000: about 1\/10 times — a likely unit slip/);
  const yoy = validateObservations([
    { unit: 'CN', year: 2023, variable: 'R28', value: 7803000 },
    { unit: 'CN', year: 2024, variable: 'R28', value: 783000 },
  ], fw, { carryForward: false });
  assert.deepEqual(yoy.map((f) => f.code), ['unit-slip']);
  // a real growth of ×1.3 is not a slip, nor a jump; ×9.9 is within 20 % of 10: flagged; ×6 is a jump, not a slip
  const codes = (a: number, b: number, o = {}): string[] => validateObservations([{ unit: 'CN', year: 2023, variable: 'R28', value: a }, { unit: 'CN', year: 2024, variable: 'R28', value: b }], fw, { carryForward: false, ...o }).map((f) => f.code);
  assert.deepEqual(codes(100, 130), []);
  assert.deepEqual(codes(100, 990), ['unit-slip']);
  assert.deepEqual(codes(100, 600), ['jump']);
  assert.deepEqual(codes(100, 600, { thresholds: { jumps: { R28: 8 } } }), []);
  assert.deepEqual(codes(100, 250, { thresholds: { jump: 2 } }), ['jump']);
  assert.deepEqual(codes(1e8, 1), ['unit-slip']); // 元 vs 亿元
});
