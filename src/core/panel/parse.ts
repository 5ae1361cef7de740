import { DataError, type Problem } from '../errors.ts';
import { CsvReader } from '../text/csv.ts';
import { didYouMean, suggestionText } from '../text/suggest.ts';
import type { UnitRegistry } from './registry.ts';
import type { Observation } from './types.ts';

/** Options for parsing tidy data. */
export interface ParseDataOptions {
  /** File name for messages. */
  file?: string;
  /** Resolves unit names to codes. Without it, units are taken as written. */
  registry?: UnitRegistry;
  /** Line of each table row in the source (default: row index + 1), for messages. */
  lines?: number[];
  /** Most data rows accepted (default unlimited): a larger table is refused with a message naming the limit. */
  maxRows?: number;
  /** Where the limit is set, for the message. */
  maxRowsNote?: string;
}

const COLUMN_ALIASES: Record<string, string[]> = {
  unit: ['unit', 'ucode', '单位', '地区', '地区代码', '省份'],
  year: ['year', 'time', '年份', '年度', '数据年份'],
  variable: ['variable', 'icode', 'indicator', '指标', '变量', '指标代码'],
  value: ['value', '数值', '值', '指标值'],
  flag: ['flag', '标记'],
  source: ['source', '来源', '数据来源'],
  note: ['note', '备注', '说明'],
};
const COLUMNS = Object.keys(COLUMN_ALIASES);
/** Header name (lower case) → column. */
const ALIAS_TO_COLUMN = new Map<string, string>(Object.entries(COLUMN_ALIASES).flatMap(([col, names]) => names.map((n) => [n, col] as [string, string])));
const REQUIRED = ['unit', 'year', 'variable', 'value'] as const;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '-', '—', '..', '…']);
/** Most problems collected before a file is given up. */
const MAX_PROBLEMS = 200;

/** Parses a cell as a number; null for an explicit missing marker; undefined when invalid. */
export function parseNumberCell(raw: string): number | null | undefined {
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return null;
  const t = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** User text echoed in a message, cut to `n` characters (a field may be megabytes long). */
const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The column a header cell names (`数值` → value), or undefined. */
const columnOf = (h: string): string | undefined => ALIAS_TO_COLUMN.get(h.trim().toLowerCase());

/** A flat copy of a string, so that a field sliced out of a large chunk of text does not keep the chunk alive. */
const flat = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/**
 * Reads tidy data one row at a time (the first row is the header): what {@link parseTidyTable},
 * {@link parseTidyCsv} and the streaming file reader share, so a file of a million rows is never
 * held as a table of strings. Every bad cell is collected with file, row and column (up to 200);
 * {@link finish} returns the observations only when every row is valid. Unit, variable, flag,
 * source and note strings are shared between rows (one string per distinct value).
 */
export class TidyTableReader {
  private readonly file: string | undefined;
  private readonly registry: UnitRegistry | undefined;
  private readonly maxRows: number;
  private readonly maxRowsNote: string | undefined;
  private header: string[] | undefined;
  private readonly idx: Record<string, number> = Object.create(null) as Record<string, number>;
  private readonly problems: Problem[] = [];
  private readonly out: Observation[] = [];
  /** (unit id, variable id) → [year, line of its first row, year, line…], for duplicates. */
  private readonly seen = new Map<number, number[]>();
  private readonly strings = new Map<string, string>();
  private readonly unitIds = new Map<string, number>();
  private readonly variableIds = new Map<string, number>();
  /** Raw unit text → code, or null for a unit refused (with its message). */
  private readonly units = new Map<string, string | { error: string }>();
  private rows = 0;

  constructor(options: Omit<ParseDataOptions, 'lines'> = {}) {
    this.file = options.file;
    this.registry = options.registry;
    this.maxRows = options.maxRows ?? Infinity;
    this.maxRowsNote = options.maxRowsNote;
  }

  /** How many rows were read (after the header, blank rows included). */
  get rowCount(): number {
    return this.rows;
  }

  /** Adds a problem found outside the row checks (a JSON key, a missing field…). */
  problem(p: Omit<Problem, 'file'>): void {
    this.problems.push({ file: this.file, ...p });
    if (this.problems.length > MAX_PROBLEMS) this.fail();
  }

  /** Adds one row: the first is the header. @throws DataError for a bad header, over 200 bad cells or too many rows */
  add(r: string[], line: number): void {
    if (!this.header) return this.setHeader(r);
    this.rows++;
    if (this.rows > this.maxRows) {
      throw new DataError(`Data file ${this.file ?? ''} has more than ${this.maxRows} rows, the most one run reads (${this.maxRowsNote ?? 'a configurable limit'}); split the data or raise the limit`.replace('  ', ' '), [
        { file: this.file, line, message: `row ${this.maxRows + 1} is over the limit` },
      ]);
    }
    const header = this.header;
    let blank = true;
    for (const c of r) {
      if (c.length && c.trim() !== '') {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (r.length > header.length && r.slice(header.length).some((c) => c.trim() !== '')) {
      return this.problem({ line, field: 'value', message: `${r.length} fields but the header has ${header.length} (a number with a thousands comma must be quoted: "1,234"); column ${header.length + 1} has no header` });
    }
    if (r.length < header.length) {
      const lost = header.slice(r.length).map((h, i) => `${r.length + i + 1} (${h.trim() || 'unnamed'})`);
      const firstLost = columnOf(header[r.length]!) ?? `column ${r.length + 1}`;
      return this.problem({ line, field: firstLost, message: `${r.length} field${r.length === 1 ? '' : 's'} but the header has ${header.length}: no field for column${lost.length > 1 ? 's' : ''} ${lost.join(', ')} — every row needs a field for every column (leave it empty, or NA, for a missing value)` });
    }
    // (no closures per row: a million rows)
    const idx = this.idx;
    const unitRaw = r[idx.unit!]!.trim();
    let unit = unitRaw;
    if (!unitRaw) this.problem({ line, field: 'unit', message: 'unit is empty (expected a 6-digit code, a province name or CN)' });
    else {
      let u = this.units.get(unitRaw);
      if (u === undefined) {
        u = this.resolveUnit(unitRaw);
        this.units.set(flat(unitRaw), u);
      }
      if (typeof u === 'string') unit = u;
      else this.problem({ line, field: 'unit', message: u.error });
    }
    const yearRaw = r[idx.year!]!.trim();
    const year = Number(yearRaw);
    const yearOk = yearRaw.length === 4 && /^\d{4}$/.test(yearRaw) && year >= 1900 && year <= 2200;
    if (!yearOk) this.problem({ line, field: 'year', message: `year must be a 4-digit year, got "${clip(yearRaw)}"` });
    const variable = this.intern(r[idx.variable!]!.trim());
    if (!variable) this.problem({ line, field: 'variable', message: 'variable is empty (expected an indicator or variable code such as R18 or POP)' });
    const valueRaw = r[idx.value!]!.trim();
    const value = parseNumberCell(valueRaw);
    if (value === undefined) this.problem({ line, field: 'value', ...(variable ? { node: variable } : {}), message: `expected a number (plain decimal such as 1234.5, or empty/NA for missing), got "${clip(valueRaw)}"` });
    if (yearOk && unit && variable && this.duplicate(unit, variable, year, line)) {
      const first = this.firstRow(unit, variable, year);
      this.problem({ line, field: 'variable', node: variable, message: `duplicate row for unit ${clip(unitRaw)}, year ${yearRaw}, variable ${variable} (first at row ${first})` });
    }
    if (this.problems.length) return; // nothing is returned anyway
    const o: Observation = { unit, year, variable, value: value ?? null, file: this.file, row: line };
    if (idx.flag !== undefined) {
      const flag = r[idx.flag]!.trim();
      if (flag) o.flag = this.intern(flag);
    }
    if (idx.source !== undefined) {
      const source = r[idx.source]!.trim();
      if (source) o.source = this.intern(source);
    }
    if (idx.note !== undefined) {
      const note = r[idx.note]!.trim();
      if (note) o.note = this.intern(note);
    }
    this.out.push(o);
  }

  /**
   * Records (unit, variable, year) at `line`; true when it was there already. One entry per
   * (unit, variable) pair holding its years and lines, not one per row.
   */
  private duplicate(unit: string, variable: string, year: number, line: number): boolean {
    const key = this.id(this.unitIds, unit) * 0x4000000 + this.id(this.variableIds, variable);
    let cells = this.seen.get(key);
    if (!cells) this.seen.set(key, (cells = []));
    for (let i = 0; i < cells.length; i += 2) if (cells[i] === year) return true;
    cells.push(year, line);
    return false;
  }

  private firstRow(unit: string, variable: string, year: number): number | undefined {
    const cells = this.seen.get(this.id(this.unitIds, unit) * 0x4000000 + this.id(this.variableIds, variable))!;
    for (let i = 0; i < cells.length; i += 2) if (cells[i] === year) return cells[i + 1];
    return undefined;
  }

  /** The observations. @throws DataError listing every problem */
  finish(): Observation[] {
    if (!this.header) throw new DataError(`Data file ${this.file ?? ''} is empty (expected a header unit,year,variable,value)`.replace('  ', ' '));
    if (this.problems.length) this.fail();
    return this.out;
  }

  private fail(): never {
    const n = this.problems.length;
    throw new DataError(`Data file ${this.file ?? ''} has ${n}${n > MAX_PROBLEMS ? '+' : ''} invalid cell${n > 1 ? 's' : ''}; nothing was imported`.replace('  ', ' '), this.problems.slice(0, MAX_PROBLEMS));
  }

  private setHeader(header: string[]): void {
    const file = this.file;
    const idx = this.idx;
    const twice: string[] = [];
    header.forEach((h, i) => {
      const col = columnOf(h);
      if (col === undefined) return;
      if (idx[col] !== undefined) twice.push(`${col} (columns ${idx[col]! + 1} "${clip(header[idx[col]!]!.trim())}" and ${i + 1} "${clip(h.trim())}")`);
      else idx[col] = i;
    });
    if (twice.length) {
      throw new DataError(`Data file ${file ?? ''} names a column twice: ${twice.join('; ')}; keep one`.replace('  ', ' '), [{ file, line: 1, message: `header is "${clip(header.join(','), 200)}"` }]);
    }
    const missingCols = REQUIRED.filter((c) => idx[c] === undefined);
    if (missingCols.length) {
      // a header cell close to a missing column's name: a typo (valeu → value)
      const unknown = header.map((h) => h.trim()).filter((h) => h && columnOf(h) === undefined);
      const hints = unknown.flatMap((h) => {
        const near = didYouMean(h, missingCols.flatMap((c) => COLUMN_ALIASES[c]!));
        return near.length ? [`"${clip(h)}"${suggestionText(near)}`] : [];
      });
      throw new DataError(`Data file ${file ?? ''} lacks column${missingCols.length > 1 ? 's' : ''} ${missingCols.join(', ')}${hints.length ? ` (${hints.join('; ')})` : ''}`.replace('  ', ' '), [
        { file, line: 1, message: `header is "${clip(header.join(','), 200)}"; expected unit,year,variable,value (optional flag,source,note)` },
      ]);
    }
    this.header = header;
  }

  private resolveUnit(unitRaw: string): string | { error: string } {
    if (!this.registry) return flat(unitRaw);
    const u = this.registry.resolve(unitRaw);
    if (u) return u.code;
    // a 6-digit code or a name that is not known: a typo, not a new unit
    if (/^\d{6}$/.test(unitRaw) || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(unitRaw)) {
      return { error: `unknown unit "${clip(unitRaw)}" (expected a 6-digit GB/T 2260 code, a short or full province name, CN, or a Latin-letter code for a unit of your own)` };
    }
    return flat(unitRaw);
  }

  private intern(s: string): string {
    let v = this.strings.get(s);
    if (v === undefined) {
      v = flat(s);
      this.strings.set(v, v);
    }
    return v;
  }

  private id(ids: Map<string, number>, s: string): number {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  }
}

/**
 * Parses tidy data rows (`unit,year,variable,value[,flag,source,note]`; Chinese headers
 * 单位/年份/指标/数值 are accepted too). Every bad cell is reported at once with file, row and
 * column; a row with fewer fields than the header, or with more that are not empty, a column
 * named twice and duplicate (unit, year, variable) rows are errors. Nothing is returned unless
 * all rows are valid.
 * @throws DataError listing every problem
 */
export function parseTidyTable(table: string[][], options: ParseDataOptions = {}): Observation[] {
  const reader = new TidyTableReader(options);
  table.forEach((r, i) => reader.add(r, options.lines?.[i] ?? i + 1));
  return reader.finish();
}

/** Parses tidy CSV text. @throws DataError */
export function parseTidyCsv(text: string, options: ParseDataOptions = {}): Observation[] {
  const reader = new TidyTableReader(options);
  const csv = new CsvReader((fields, line) => reader.add(fields, line), options.file);
  csv.push(text);
  csv.end();
  return reader.finish();
}

/**
 * The line on which each element of the observations array starts (`[…]` or
 * `{"observations": […]}`), from a scan of JSON text that `JSON.parse` accepted.
 * @example jsonElementLines('[\n{"a": 1},\n{"a": 2}\n]') // => [2, 3]
 */
export function jsonElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  const stack: { object: boolean; target: boolean; expectKey: boolean; key: string }[] = [];
  const valueStarts = (): void => {
    if (stack[stack.length - 1]?.target) lines.push(line);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 10) line++;
    else if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 58 /* : */) continue;
    else if (c === 34 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      if (top?.object && top.expectKey) {
        top.key = text.slice(i + 1, j);
        top.expectKey = false;
      } else valueStarts();
      i = j;
    } else if (c === 44 /* , */) {
      if (top?.object) top.expectKey = true;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      valueStarts();
      const target = c === 91 && (stack.length === 0 || (stack.length === 1 && top!.object && top!.key === 'observations'));
      stack.push({ object: c === 123, target, expectKey: c === 123, key: '' });
    } else if (c === 93 /* ] */ || c === 125 /* } */) stack.pop();
    else {
      // a number, true, false or null
      valueStarts();
      while (i + 1 < text.length && /[\w.+-]/.test(text[i + 1]!)) i++;
    }
  }
  return lines;
}

/** What a JSON field holds, in words, for a value that is not a string, number or null. */
const jsonKind = (v: unknown): string => {
  if (Array.isArray(v)) {
    // no JSON.stringify of the whole: an array may be nested 100 000 deep
    const items = v.slice(0, 4).map((x) => (x === null || typeof x !== 'object' ? JSON.stringify(x) : Array.isArray(x) ? '[…]' : '{…}'));
    return `an array ([${items.join(', ')}${v.length > 4 ? ', …' : ''}])`;
  }
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${clip(String(v))}`;
};

/** Where a JSON syntax error is, as a line and column (from the parser's position, or the end of the text). */
function jsonPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : /end of (JSON )?input|Unterminated/i.test(message) ? text.length : -1;
  if (at < 0) return '';
  let line = 1;
  let col = 1;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return m ? ` (line ${line}, column ${col})` : ` (the file ends at line ${line}, column ${col}: it looks cut short)`;
}

/**
 * Parses tidy JSON: an array of `{unit, year, variable, value, …}` objects, or an object with
 * such an array under `observations`. Keys are the CSV columns (and their Chinese names); an
 * unknown key is an error with the closest known key (`valeu` → value), as is an observation
 * without `value` (write `"value": null` for a missing value) and a field that is not a text,
 * a number or null (`[5]`). Rows are named by the line on which each observation starts.
 * @throws DataError
 */
export function parseTidyJson(text: string, options: ParseDataOptions = {}): Observation[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataError(`Data file ${options.file ?? ''} is not valid JSON: ${(e as Error).message}${jsonPlace(text, (e as Error).message)}`);
  }
  const arr = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Object.hasOwn(data, 'observations') ? (data as { observations?: unknown }).observations : undefined;
  if (!Array.isArray(arr)) throw new DataError(`Data file ${options.file ?? ''}: expected an array of observations or {"observations": [...]}`);
  const found = jsonElementLines(text);
  const lines = found.length === arr.length ? found : undefined;
  const reader = new TidyTableReader(options);
  reader.add(COLUMNS, 1);
  const known = [...ALIAS_TO_COLUMN.keys()];
  arr.forEach((o: unknown, i) => {
    const line = lines?.[i] ?? i + 1;
    const where = `observation ${i + 1}`;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      reader.problem({ line, message: `${where} is ${jsonKind(o)}; expected an object such as {"unit": "广东", "year": 2024, "variable": "R18", "value": 123}` });
      return;
    }
    const row: string[] = COLUMNS.map(() => '');
    const given = new Set<string>();
    let ok = true;
    for (const [k, v] of Object.entries(o)) {
      const col = columnOf(k);
      if (col === undefined) {
        const near = didYouMean(k, known);
        reader.problem({ line, field: clip(k), message: `${where}: unknown key "${clip(k)}"${suggestionText(near) || ` (expected ${COLUMNS.join(', ')})`}` });
        ok = false;
        continue;
      }
      if (given.has(col)) {
        reader.problem({ line, field: k, message: `${where}: ${col} is given twice` });
        ok = false;
        continue;
      }
      given.add(col);
      if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) row[COLUMNS.indexOf(col)] = String(v);
      else if (v !== null) {
        reader.problem({ line, field: col, message: `${where}: ${col} is ${jsonKind(v)}; expected ${col === 'value' ? 'a number, or null for a missing value' : 'a text or a number'}` });
        ok = false;
      }
    }
    for (const c of REQUIRED) {
      if (given.has(c)) continue;
      const near = [...Object.keys(o)].filter((k) => columnOf(k) === undefined && didYouMean(k, COLUMN_ALIASES[c]!).length);
      if (near.length) continue; // already reported as a misspelt key with the suggestion
      reader.problem({ line, field: c, message: `${where} has no ${c}${c === 'value' ? ' (write "value": null for a missing value)' : ''}` });
      ok = false;
    }
    if (ok) reader.add(row, line);
  });
  return reader.finish();
}
