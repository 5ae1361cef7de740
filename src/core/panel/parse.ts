import { DataError, type Problem } from '../errors.ts';
import { parseCsvRecords } from '../text/csv.ts';
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
const REQUIRED = ['unit', 'year', 'variable', 'value'] as const;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '-', '—', '..', '…']);

/** Parses a cell as a number; null for an explicit missing marker; undefined when invalid. */
export function parseNumberCell(raw: string): number | null | undefined {
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return null;
  const t = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses tidy data rows (`unit,year,variable,value[,flag,source,note]`; Chinese headers
 * 单位/年份/指标/数值 are accepted too). Every bad cell is reported at once with file, row and
 * column; duplicate (unit, year, variable) rows are an error. Nothing is returned unless all
 * rows are valid.
 * @throws DataError listing every problem
 */
export function parseTidyTable(table: string[][], options: ParseDataOptions = {}): Observation[] {
  const { file, registry } = options;
  const problems: Problem[] = [];
  const [header, ...rows] = table;
  const lineOf = (i: number): number => options.lines?.[i + 1] ?? i + 2;
  if (!header) throw new DataError(`Data file ${file ?? ''} is empty (expected a header unit,year,variable,value)`.replace('  ', ' '));
  const idx: Record<string, number> = {};
  header.forEach((h, i) => {
    const k = h.trim().toLowerCase();
    for (const [col, names] of Object.entries(COLUMN_ALIASES)) if (names.includes(k) && idx[col] === undefined) idx[col] = i;
  });
  const missingCols = REQUIRED.filter((c) => idx[c] === undefined);
  if (missingCols.length) {
    throw new DataError(`Data file ${file ?? ''} lacks column${missingCols.length > 1 ? 's' : ''} ${missingCols.join(', ')}`.replace('  ', ' '), [
      { file, line: 1, message: `header is "${header.join(',')}"; expected unit,year,variable,value (optional flag,source,note)` },
    ]);
  }
  const out: Observation[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = lineOf(i);
    const cell = (c: string): string => (idx[c] === undefined ? '' : (r[idx[c]!] ?? '').trim());
    const bad = (field: string, message: string, node?: string): void => {
      problems.push({ file, line, field, node, message });
    };
    if (r.every((c) => c.trim() === '')) return;
    if (r.length > header.length && r.slice(header.length).some((c) => c.trim() !== '')) {
      bad('value', `${r.length} fields but the header has ${header.length} (a number with a thousands comma must be quoted: "1,234")`);
      return;
    }
    const unitRaw = cell('unit');
    let unit = unitRaw;
    if (!unitRaw) bad('unit', 'unit is empty (expected a 6-digit code, a province name or CN)');
    else if (registry) {
      const u = registry.resolve(unitRaw);
      if (u) unit = u.code;
      else if (/^\d{6}$/.test(unitRaw) || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(unitRaw)) {
        // a 6-digit code or a name that is not known: a typo, not a new unit
        bad('unit', `unknown unit "${unitRaw}" (expected a 6-digit GB/T 2260 code, a short or full province name, CN, or a Latin-letter code for a unit of your own)`);
      }
    }
    const yearRaw = cell('year');
    const year = Number(yearRaw);
    if (!/^\d{4}$/.test(yearRaw) || year < 1900 || year > 2200) bad('year', `year must be a 4-digit year, got "${yearRaw}"`);
    const variable = cell('variable');
    if (!variable) bad('variable', 'variable is empty (expected an indicator or variable code such as R18 or POP)');
    const valueRaw = cell('value');
    const value = parseNumberCell(valueRaw);
    if (value === undefined) bad('value', `expected a number (plain decimal such as 1234.5, or empty/NA for missing), got "${valueRaw}"`, variable || undefined);
    if (problems.length > 200) return;
    const key = `${unit}|${year}|${variable}`;
    if (seen.has(key)) bad('variable', `duplicate row for unit ${unitRaw}, year ${yearRaw}, variable ${variable} (first at row ${seen.get(key)})`, variable);
    else seen.set(key, line);
    const o: Observation = { unit, year, variable, value: value ?? null, file, row: line };
    const flag = cell('flag');
    const source = cell('source');
    const note = cell('note');
    if (flag) o.flag = flag;
    if (source) o.source = source;
    if (note) o.note = note;
    out.push(o);
  });
  if (problems.length) {
    const n = problems.length;
    throw new DataError(`Data file ${file ?? ''} has ${n}${n > 200 ? '+' : ''} invalid cell${n > 1 ? 's' : ''}; nothing was imported`.replace('  ', ' '), problems.slice(0, 200));
  }
  return out;
}

/** Parses tidy CSV text. @throws DataError */
export function parseTidyCsv(text: string, options: ParseDataOptions = {}): Observation[] {
  const records = parseCsvRecords(text, options.file);
  return parseTidyTable(records.map((r) => r.fields), { ...options, lines: records.map((r) => r.line) });
}

/**
 * Parses tidy JSON: an array of `{unit, year, variable, value, …}` objects, or an object with
 * such an array under `observations`.
 * @throws DataError
 */
export function parseTidyJson(text: string, options: ParseDataOptions = {}): Observation[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataError(`Data file ${options.file ?? ''} is not valid JSON: ${(e as Error).message}`);
  }
  const arr = Array.isArray(data) ? data : (data as { observations?: unknown })?.observations;
  if (!Array.isArray(arr)) throw new DataError(`Data file ${options.file ?? ''}: expected an array of observations or {"observations": [...]}`);
  const cols = ['unit', 'year', 'variable', 'value', 'flag', 'source', 'note'];
  const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  const table = [cols, ...arr.map((o) => cols.map((c) => str((o as Record<string, unknown>)?.[c])))];
  return parseTidyTable(table, options);
}
