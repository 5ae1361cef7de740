/** CSV input errors: unclosed quotes and extra fields are refused, rows named by their line in the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTidyCsv, DataError } from '../src/core/index.ts';

test('CSV: unclosed quotes and extra fields are errors; rows are reported by their line in the file', () => {
  assert.throws(() => parseTidyCsv('unit,year,variable,value\nU1,2020,X1,1,"oops\nU2,2020,X1,2\n', { file: 'q.csv' }), (e: Error) => e instanceof DataError && /q\.csv:2: a quoted field opened on this line is never closed/.test(e.message));
  assert.throws(() => parseTidyCsv('unit,year,variable,value\nU1,2020,X1,1,234\n', { file: 'x.csv' }), /x\.csv:2 value: 5 fields but the header has 4 \(a number with a thousands comma must be quoted/);
  // BOM, CRLF, a blank line and a quoted field spanning two lines before the bad row (line 6)
  const text = '\ufeffunit,year,variable,value,note\r\nU1,2020,X1,1,\r\n\r\nU1,2021,X1,2,"two\r\nlines"\r\nU1,2022,X1,abc,\r\n';
  assert.throws(() => parseTidyCsv(text, { file: 'bom.csv' }), /bom\.csv:6 \[X1\] value: expected a number/);
});
