import { DataError } from '../errors.ts';

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM.
 * Pure text in, rows out — usable in Node and the browser.
 */

/** One CSV record with the 1-based line on which it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Parses CSV text into records, each with the line it starts on (a quoted field may span lines).
 * Blank lines are skipped.
 * @throws DataError for a quote that is never closed, naming the line where it opens
 */
export function parseCsvRecords(text: string, file?: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  const end = (): void => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) out.push({ fields: row, line: start });
    row = [];
    field = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      end();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new DataError(`${file ?? 'CSV'}:${quoteLine}: a quoted field opened on this line is never closed (add the closing ")`, [{ file, line: quoteLine, message: 'unclosed quote' }]);
  if (field !== '' || row.length) end();
  return out;
}

/** Parses CSV text into rows of strings (see {@link parseCsvRecords}). */
export function parseCsv(text: string, file?: string): string[][] {
  return parseCsvRecords(text, file).map((r) => r.fields);
}

/** Quotes a field when needed. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? formatNumber(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Shortest round-trip representation; never NaN/Infinity (written empty). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  return Object.is(v, -0) ? '0' : String(v);
}

/** Serialises rows (first row = header) as CSV with LF line ends. */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
