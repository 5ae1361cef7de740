/**
 * CSV and JSON data strictness (issue 7): text after a closing quote, a row with the wrong number
 * of fields, a column named twice, JSON rows without `value`, with a misspelt key or a non-scalar
 * value are errors naming file, row and column; harmless variants (CRLF, BOM, quoting, Chinese
 * headers, row order, trailing empty lines, chunk boundaries) read the same observations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataError, Panel, evaluate, parseFramework, type Observation, type Recipe } from '../src/core/index.ts';
import { CsvReader, parseCsvRecords } from '../src/core/text/csv.ts';
import { jsonElementLines, parseTidyCsv, parseTidyJson } from '../src/core/panel/parse.ts';
import { mulberry32 } from '../src/core/methods/random.ts';
import { fixture } from './helpers.ts';

const problemsOf = (f: () => unknown): { message: string; problems: DataError['problems'] } => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DataError, `a DataError, got ${(e as Error).name}: ${(e as Error).message}`);
    return { message: e.message, problems: e.problems };
  }
  assert.fail('expected an error');
};

test('CSV: text after a closing quote is an error naming file, row and column, not glued onto the value', () => {
  const e = problemsOf(() => parseTidyCsv('unit,year,variable,value\nU1,2024,R18,"82209"9\n', { file: 'q.csv' }));
  assert.match(e.message, /^q\.csv:2: column 4 \(value\): text after the closing quote: "82209"9/);
  assert.deepEqual(e.problems.map((p) => [p.file, p.line, p.field]), [['q.csv', 2, 'value']]);
  // in a quoted field spanning lines, the line of the closing quote
  assert.match(problemsOf(() => parseTidyCsv('unit,year,variable,value,note\nU1,2024,R18,1,"a\nb"x\n', { file: 'n.csv' })).message, /^n\.csv:3: column 5 \(note\): text after the closing quote: "a↵b"x/);
  // spaces between the closing quote and the comma are fine; a stray quote inside a plain field is kept as text
  assert.deepEqual(parseCsvRecords('"a" ,b\nx"y,z\n').map((r) => r.fields), [['a', 'b'], ['x"y', 'z']]);
});

test('CSV: a row with fewer fields than the header, or with more that are not empty, is an error naming the column', () => {
  const short = problemsOf(() => parseTidyCsv('unit,year,variable,value\nU1,2024,R18,5\nU1,2023,R18\n', { file: 's.csv' }));
  assert.deepEqual(short.problems.map((p) => [p.line, p.field]), [[3, 'value']]);
  assert.match(short.problems[0]!.message, /3 fields but the header has 4: no field for column 4 \(value\)/);
  const shortNote = problemsOf(() => parseTidyCsv('unit,year,variable,value,note\nU1,2024,R18,5\n', { file: 's.csv' }));
  assert.match(shortNote.problems[0]!.message, /no field for column 5 \(note\)/);
  const long = problemsOf(() => parseTidyCsv('unit,year,variable,value\nU1,2024,R18,1,234\n', { file: 'l.csv' }));
  assert.match(long.message, /l\.csv:2 value: 5 fields but the header has 4 \(a number with a thousands comma must be quoted/);
  // empty fields beyond the header change nothing: accepted
  assert.deepEqual(parseTidyCsv('unit,year,variable,value\nU1,2024,R18,5,,\n').map((o) => o.value), [5]);
});

test('CSV: a column named twice and a misspelt header are errors with the columns and a suggestion', () => {
  assert.match(problemsOf(() => parseTidyCsv('unit,year,variable,value,数值\nU1,2024,R18,5,6\n', { file: 'd.csv' })).message, /d\.csv names a column twice: value \(columns 4 "value" and 5 "数值"\)/);
  assert.match(problemsOf(() => parseTidyCsv('unit,year,variable,valeu\nU1,2024,R18,5\n', { file: 'm.csv' })).message, /m\.csv lacks column value \("valeu" — did you mean value\?\)/);
});

test('JSON data: a row without value, a misspelt key, a non-scalar value or a non-object is an error naming file, line and field', () => {
  const text = [
    '[',
    '  {"unit": "U1", "year": 2024, "variable": "R18", "value": 1},',
    '  {"unit": "U1", "year": 2023, "variable": "R18", "valeu": 5},',
    '  {"unit": "U1", "year": 2022, "variable": "R18"},',
    '  {"unit": "U1", "year": 2021, "variable": "R18", "value": [5]},',
    '  {"unit": ["U1"], "year": 2020, "variable": "R18", "value": 1},',
    '  {"unit": "U1", "year": 2019, "variable": "R18", "value": true},',
    '  5,',
    '  {"unit": "U1", "year": 2018, "variable": "R18", "value": {"v": 1}}',
    ']',
  ].join('\n');
  const e = problemsOf(() => parseTidyJson(text, { file: 'o.json' }));
  const got = e.problems.map((p) => [p.line, p.field, p.message]);
  assert.deepEqual(
    got.map(([line, field]) => [line, field]),
    [
      [3, 'valeu'],
      [4, 'value'],
      [5, 'value'],
      [6, 'unit'],
      [7, 'value'],
      [8, undefined],
      [9, 'value'],
    ],
  );
  assert.match(String(got[0]![2]), /observation 2: unknown key "valeu" — did you mean value\?/);
  assert.match(String(got[1]![2]), /observation 3 has no value \(write "value": null for a missing value\)/);
  assert.match(String(got[2]![2]), /value is an array \(\[5\]\); expected a number, or null for a missing value/);
  assert.match(String(got[5]![2]), /observation 7 is number 5; expected an object/);
  // explicit null is a missing value; a wrapper object with observations works; Chinese keys are the CSV headers
  const ok = parseTidyJson('{"observations": [{"单位": "U1", "年份": 2024, "指标": "R18", "数值": null}, {"unit": "U1", "year": "2023", "variable": "R18", "value": "1,234"}]}');
  assert.deepEqual(ok.map((o) => [o.unit, o.year, o.value]), [['U1', 2024, null], ['U1', 2023, 1234]]);
  assert.deepEqual(jsonElementLines('{"meta": [1, 2],\n "observations": [\n {"a": "[{"},\n\n {"b": 2}]}'), [3, 5]);
});

/** Observations without their row numbers, in a fixed order. */
const cells = (obs: Observation[]): string[] => obs.map((o) => `${o.unit}|${o.year}|${o.variable}|${o.value}|${o.flag ?? ''}|${o.source ?? ''}|${o.note ?? ''}`).sort();

test('CSV: harmless rewrites (CRLF, BOM, quoting, Chinese headers, row order, trailing empty lines) read the same data and give the same scores', () => {
  const base = fixture('worked/data.csv');
  const lines = base.trimEnd().split('\n');
  const head = lines[0]!;
  const rows = lines.slice(1);
  const quoteAll = (line: string): string => line.split(',').map((f) => `"${f}"`).join(',');
  const rand = mulberry32(11);
  const shuffled = [...rows].sort(() => rand() - 0.5);
  const variants: Record<string, string> = {
    crlf: base.replace(/\n/g, '\r\n'),
    bom: '\ufeff' + base,
    quoted: [head, ...rows].map(quoteAll).join('\n') + '\n',
    spacesAfterQuotes: [head, ...rows].map((l) => l.split(',').map((f) => `"${f}" `).join(',')).join('\n') + '\n',
    chinese: ['单位,年份,指标,数值,标记,来源,备注', ...rows].join('\n') + '\n',
    rowOrder: [head, ...shuffled].join('\n') + '\n',
    trailingEmptyLines: base + '\n\n\r\n',
    noFinalNewline: base.trimEnd(),
  };
  const fw = parseFramework(fixture('worked/framework.yaml'), 'worked/framework.yaml');
  const recipe = JSON.parse(fixture('worked/recipe-efficacy.json')) as Recipe;
  const expected = parseTidyCsv(base);
  const scores = JSON.stringify(evaluate(fw, new Panel(expected), recipe, { edition: 2025 }).scores);
  for (const [name, text] of Object.entries(variants)) {
    const got = parseTidyCsv(text, { file: `${name}.csv` });
    assert.deepEqual(cells(got), cells(expected), name);
    assert.equal(JSON.stringify(evaluate(fw, new Panel(got), recipe, { edition: 2025 }).scores), scores, name);
  }
});

test('CsvReader: text pushed in chunks of any size reads exactly as the whole text (records, lines and errors)', () => {
  const rand = mulberry32(20251201);
  const alphabet = ['a', '1', ',', '"', '""', '\n', '\r', '\r\n', ' ', '广'];
  for (let t = 0; t < 3000; t++) {
    let s = '';
    for (let i = Math.floor(rand() * 40); i > 0; i--) s += alphabet[Math.floor(rand() * alphabet.length)];
    const run = (chunked: boolean): string => {
      const out: unknown[] = [];
      try {
        const r = new CsvReader((fields, line) => void out.push([line, fields]), 'f.csv');
        if (!chunked) r.push(s);
        else for (let i = 0; i < s.length; ) {
          const k = 1 + Math.floor(rand() * 5);
          r.push(s.slice(i, i + k));
          i += k;
        }
        r.end();
        return JSON.stringify(out);
      } catch (e) {
        return `error ${(e as Error).message}`;
      }
    };
    assert.equal(run(true), run(false), JSON.stringify(s));
  }
});
