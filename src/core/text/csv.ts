import { DataError, IpIndexError } from '../errors.ts';

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF (or a lone CR), an optional UTF-8 BOM.
 * Pure text in, rows out — usable in Node and the browser. Text after a closing quote
 * (`"82209"9`) is an error naming the file, line and column, not glued onto the field; spaces or
 * tabs between a closing quote and the next comma are ignored. {@link CsvReader} reads text in
 * chunks (a file of any size, without the whole text in one string); {@link parseCsvRecords}
 * reads one string.
 */

/** One CSV record with the 1-based line on which it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Longest record, in characters (16 Mi): a longer one is nearly always a quote that is never
 * closed, and is refused before it fills the memory.
 */
export const MAX_CSV_RECORD_CHARS = 1 << 24;

/** What {@link CsvReader} calls with each record (blank lines are skipped). */
export type CsvRecordHandler = (fields: string[], line: number) => void;

const INCOMPLETE = -1;
/** An indexOf result, with "not found" as `none`. */
const at = (i: number, none: number): number => (i < 0 ? none : i);
/** Longest string the JavaScript engine can hold (V8: 2²⁹ − 24 characters). */
const MAX_TEXT_CHARS = (1 << 29) - 24;

/**
 * An incremental CSV parser: `push` text in chunks of any size (a chunk may end inside a field,
 * a quoted field or between `\r` and `\n`), then `end`. Each complete record goes to the handler
 * with the line it starts on; blank lines are skipped. Records of plain fields are split with
 * `String.split` (the common case: ~1 µs a row); a record with a quote or a lone CR is read by
 * a character loop.
 * @example ((rows) => { const r = new CsvReader((f) => void rows.push(f)); r.push('a,"b'); r.push('""c"\n1,2'); r.end(); return rows; })([]) // => [['a', 'b"c'], ['1', '2']]
 */
export class CsvReader {
  private buf = '';
  private line = 1;
  private started = false;
  private header: string[] | undefined;
  /** Length of the buffer when a record last could not be completed (rescanned only when it has doubled). */
  private waitFor = 0;
  constructor(
    private readonly onRecord: CsvRecordHandler,
    private readonly file?: string,
  ) {}

  /** Adds text. @throws DataError (text after a closing quote, a record too long) */
  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    if (this.buf.length < this.waitFor) return;
    this.drain(false);
  }

  /** Ends the input: the last record may lack a line end. @throws DataError (a quote never closed…) */
  end(): void {
    this.started = true;
    this.drain(true);
    this.buf = '';
  }

  private drain(final: boolean): void {
    const s = this.buf;
    let pos = 0;
    this.quoteAt = -1;
    this.crAt = -1;
    while (pos < s.length) {
      const next = this.record(s, pos, final);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.buf = pos ? s.slice(pos) : s;
    if (this.buf.length > MAX_CSV_RECORD_CHARS) {
      throw new DataError(`${this.file ?? 'CSV'}:${this.line}: a row starting on this line is longer than ${MAX_CSV_RECORD_CHARS} characters — most likely a quote opened on it is never closed`, [
        { file: this.file, line: this.line, message: 'row too long (unclosed quote?)' },
      ]);
    }
    // a partial record is scanned again only once the buffer has doubled: linear time overall
    this.waitFor = this.buf.length ? 2 * this.buf.length : 0;
  }

  private emit(fields: string[], line: number): void {
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (!this.header) this.header = fields.map((f) => f.trim());
    this.onRecord(fields, line);
  }

  /** Next `"` and `\r` in the buffer at or after the current record (−1: not looked for yet; s.length: none). */
  private quoteAt = -1;
  private crAt = -1;

  /** Reads one record at `pos`; returns the position after it, or INCOMPLETE. */
  private record(s: string, pos: number, final: boolean): number {
    // fast path: a line of plain fields
    const nl = s.indexOf('\n', pos);
    if (nl < 0 && !final) return INCOMPLETE;
    const stop = nl < 0 ? s.length : nl;
    if (this.quoteAt < pos) this.quoteAt = at(s.indexOf('"', pos), s.length);
    if (this.crAt < pos) this.crAt = at(s.indexOf('\r', pos), s.length);
    if (this.quoteAt >= stop && (this.crAt >= stop || this.crAt === stop - 1)) {
      const fields = s.slice(pos, this.crAt === stop - 1 ? stop - 1 : stop).split(',');
      this.emit(fields, this.line);
      this.line++;
      return nl < 0 ? s.length : nl + 1;
    }
    return this.slowRecord(s, pos, final);
  }

  /** A record with quotes or a lone CR, character by character. */
  private slowRecord(s: string, pos: number, final: boolean): number {
    const start = this.line;
    let line = this.line;
    const fields: string[] = [];
    let i = pos;
    for (;;) {
      // at the start of a field
      if (s.charCodeAt(i) === 34 /* " */) {
        const quoteLine = line;
        let value = '';
        let q = i + 1;
        for (;;) {
          const j = s.indexOf('"', q);
          if (j < 0) {
            if (!final) return INCOMPLETE;
            throw new DataError(`${this.file ?? 'CSV'}:${quoteLine}: a quoted field opened on this line is never closed (add the closing ")`, [{ file: this.file, line: quoteLine, message: 'unclosed quote' }]);
          }
          if (j + 1 >= s.length && !final) return INCOMPLETE; // "" may continue in the next chunk
          const part = s.slice(q, j);
          for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) line++;
          value += part;
          if (s.charCodeAt(j + 1) === 34) {
            value += '"';
            q = j + 2;
            continue;
          }
          i = j + 1;
          break;
        }
        // only spaces or tabs may follow the closing quote before the delimiter
        let k = i;
        while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k++;
        if (k >= s.length && !final) return INCOMPLETE;
        const c = s[k];
        if (k < s.length && c !== ',' && c !== '\n' && c !== '\r') {
          // the message shows what follows, up to the next delimiter or 12 characters: wait for them
          if (!final && k + 12 > s.length && !/[,\r\n]/.test(s.slice(k))) return INCOMPLETE;
          const col = fields.length + 1;
          const name = this.header?.[col - 1];
          const after = s.slice(k, Math.min(s.length, k + 12)).split(/[,\r\n]/)[0];
          const shown = `"${(value.length > 30 ? value.slice(0, 30) + '…' : value).replace(/\r?\n|\r/g, '↵')}"${after}`;
          const column = `column ${col}${name ? ` (${name})` : ''}`;
          throw new DataError(`${this.file ?? 'CSV'}:${line}: ${column}: text after the closing quote: ${shown} — a quoted field must end at its closing quote (put the whole value inside the quotes, or drop them)`, [
            { file: this.file, line, field: name ?? `column ${col}`, message: `text after the closing quote: ${shown}` },
          ]);
        }
        fields.push(value);
        i = k;
      } else {
        let j = i;
        while (j < s.length) {
          const c = s.charCodeAt(j);
          if (c === 44 /* , */ || c === 10 || c === 13) break;
          j++;
        }
        if (j >= s.length && !final) return INCOMPLETE;
        fields.push(s.slice(i, j));
        i = j;
      }
      // after a field: a comma, a line end or the end of the text
      if (i >= s.length) {
        this.line = line + 1;
        this.emit(fields, start);
        return s.length;
      }
      const c = s.charCodeAt(i);
      if (c === 44) {
        i++;
        if (i >= s.length) {
          if (!final) return INCOMPLETE;
          fields.push('');
          this.line = line + 1;
          this.emit(fields, start);
          return s.length;
        }
        continue;
      }
      // \n, \r\n or a lone \r
      if (c === 13 && i + 1 >= s.length && !final) return INCOMPLETE;
      i += c === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1;
      this.line = line + 1;
      this.emit(fields, start);
      return i;
    }
  }
}

/**
 * Parses CSV text into records, each with the line it starts on (a quoted field may span lines).
 * Blank lines are skipped.
 * @throws DataError for a quote that is never closed (naming the line where it opens) or text after a closing quote (naming the line and column)
 */
export function parseCsvRecords(text: string, file?: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader((fields, line) => out.push({ fields, line }), file);
  reader.push(text);
  reader.end();
  return out;
}

/** Parses CSV text into rows of strings (see {@link parseCsvRecords}). */
export function parseCsv(text: string, file?: string): string[][] {
  return parseCsvRecords(text, file).map((r) => r.fields);
}

/** A text an office suite reads as a number, not as a formula (`-12.5`, `+3`, `1e-9`). */
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** First characters that make Excel, LibreOffice or WPS evaluate a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * A text field made safe against formula injection (OWASP "CSV injection"): text that starts
 * with `=`, `+`, `-`, `@`, a tab, CR or LF gets a leading `'`, so an office suite shows it as
 * text instead of evaluating it (`=cmd|' /C calc'!A0` → `'=cmd|' /C calc'!A0`). Text that is a
 * plain number (`-12.5`) is left as it is: a spreadsheet reads it as that number. For every
 * text cell the project writes to CSV or XLSX.
 * @example neutraliseFormula('=1+1') // => "'=1+1"
 * @example neutraliseFormula('-3.5') // => '-3.5'
 * @example neutraliseFormula('广东') // => '广东'
 */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** A CSV field: numbers as numbers (a negative number stays a number), text neutralised against formula injection ({@link neutraliseFormula}) and quoted when needed. */
export function csvField(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || v === undefined) return '';
  const t = String(v);
  if (!NEEDS_CARE.test(t)) return t; // the common case: plain text
  const s = neutraliseFormula(t);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text that needs neutralising or quoting. */
const NEEDS_CARE = /^[=+\-@\t\r\n]|[",\r\n]/;

/** Shortest round-trip representation; never NaN/Infinity (written empty). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  return Object.is(v, -0) ? '0' : String(v);
}

/**
 * Serialises rows (first row = header; an array or any iterable, such as a generator of rows) as
 * CSV with LF line ends. Text fields are neutralised against formula injection ({@link csvField}).
 * @throws IpIndexError when the table is too large for one string (~512 Mi characters)
 */
export function toCsv(rows: Iterable<unknown[]>): string {
  const parts: string[] = [];
  let size = 0;
  for (const r of rows) {
    const line = r.map(csvField).join(',');
    size += line.length + 1;
    if (size > MAX_TEXT_CHARS) throw new IpIndexError(`A table is too large to write as one CSV file (over ${MAX_TEXT_CHARS} characters by row ${parts.length + 1}); evaluate fewer units or editions at a time`);
    parts.push(line);
  }
  return parts.join('\n') + '\n';
}
