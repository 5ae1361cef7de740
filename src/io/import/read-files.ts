/**
 * Reading the files analysts actually have — CSV (UTF-8, with or without BOM, or GBK/GB18030),
 * XLSX, legacy XLS and JSON — into tidy observations, with every problem of every file as a
 * finding and each file's provenance (SHA-256, size, format, encoding, sheets).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { readSheets, type Cell, type Finding, type MappingFile, type Sheet, type TableShape } from '../../core/import/index.ts';
import { IpIndexError, type Framework, type UnitRegistry, type Observation } from '../../core/index.ts';
import { CsvReader } from '../../core/text/csv.ts';
import { READ_LIMITS, decodeDataText, readFileBytes, type TextEncoding } from '../files.ts';
import { readWorkbook, workbookFormat } from './workbook.ts';

/** Where one file came from, for the vintage's provenance. */
export interface SourceFile {
  file: string;
  sha256: string;
  bytes: number;
  format: 'csv' | 'xlsx' | 'xls' | 'json';
  /** Text encoding (CSV, JSON); undefined for workbooks. */
  encoding?: TextEncoding;
  /** Worksheets read (workbooks), with the layout found and how many observations each gave. */
  sheets: { name: string; shape?: TableShape; headerRow?: number; observations: number }[];
}

/** Options of {@link readObservationFiles}. */
export interface ReadObservationFilesOptions {
  framework: Framework;
  registry: UnitRegistry;
  /** Mapping (parsed, see `loadMapping`); default: headers and codes recognised by name. */
  mapping?: MappingFile;
  /** Language of the error thrown by {@link assertNoErrors} (findings carry both). */
  lang?: 'zh' | 'en';
  /** Text encoding of CSV/JSON files: `auto` (default: UTF-8, else GBK/GB18030 when it decodes strictly), `utf-8`, `gb18030`. */
  encoding?: 'auto' | 'utf-8' | 'gb18030';
}

/** What {@link readObservationFiles} read. */
export interface ReadObservationFilesResult {
  observations: Observation[];
  sources: SourceFile[];
  /** Every problem met while reading (unreadable files and cells, unknown units or codes…), errors and warnings. */
  problems: Finding[];
}

/** The format of a file, from its first bytes, else its extension. */
function formatOf(file: string, bytes: Uint8Array): SourceFile['format'] | undefined {
  const wb = workbookFormat(bytes);
  if (wb) return wb;
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xls' || ext === '.xlsx') return 'xls'; // an HTML or XML table saved as .xls: SheetJS reads those too
  return undefined;
}

/** CSV text → one sheet (rows with their line numbers; blank lines skipped). */
export function csvSheet(text: string, file: string): Sheet {
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  const reader = new CsvReader((fields, line) => {
    rows.push(fields);
    rowNumbers.push(line);
  }, file);
  reader.push(text);
  reader.end();
  return { file, rows, rowNumbers };
}

/** JSON (an array of objects, or `{observations: [...]}`) → one sheet whose header is the keys. */
export function jsonSheet(text: string, file: string): Sheet {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new IpIndexError(`Data file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const arr = Array.isArray(data) ? data : data !== null && typeof data === 'object' && Array.isArray((data as { observations?: unknown }).observations) ? (data as { observations: unknown[] }).observations : undefined;
  if (!arr) throw new IpIndexError(`Data file ${file}: expected an array of observations or {"observations": [...]}`);
  const keys: string[] = [];
  for (const o of arr) if (o && typeof o === 'object' && !Array.isArray(o)) for (const k of Object.keys(o)) if (!keys.includes(k)) keys.push(k);
  const cell = (v: unknown): Cell => (v === null || v === undefined ? null : typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v));
  const rows: Cell[][] = [keys, ...arr.map((o) => (o && typeof o === 'object' && !Array.isArray(o) ? keys.map((k) => cell((o as Record<string, unknown>)[k])) : [JSON.stringify(o)]))];
  return { file, rows, rowNumbers: rows.map((_, i) => i + 1) };
}

const fileFinding = (file: string, code: string, e: unknown): Finding => {
  const msg = (e as Error).message ?? String(e);
  return { severity: 'error', code, file, expected: 'a readable CSV (UTF-8 or GBK), XLSX, XLS or JSON file', message: { zh: `无法读取文件：${msg}`, en: `cannot read the file: ${msg}` } };
};

/**
 * Reads data files of any supported format and layout into tidy observations (the layout of
 * each table is detected, or given by the mapping). Nothing throws for a bad file or cell: every
 * problem is in `problems`, so that all files are checked at once; {@link assertNoErrors} turns
 * errors into one exception. `readObservationFiles(['2023.xlsx'], { framework, registry })`.
 */
export function readObservationFiles(paths: readonly string[], options: ReadObservationFilesOptions): ReadObservationFilesResult {
  const sheets: Sheet[] = [];
  const problems: Finding[] = [];
  const sources: SourceFile[] = [];
  const pending: { source: SourceFile; sheets: Sheet[] }[] = [];
  for (const file of paths) {
    let bytes: Buffer;
    try {
      if (statSync(file).isDirectory()) throw new IpIndexError(`${file} is a folder; expected a data file`);
      bytes = readFileBytes(file, { limit: extname(file).toLowerCase() === '.csv' ? READ_LIMITS.dataBytes : READ_LIMITS.jsonDataBytes, what: 'Data file' });
    } catch (e) {
      problems.push(fileFinding(file, 'unreadable-file', e));
      continue;
    }
    const format = formatOf(file, bytes);
    const source: SourceFile = { file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, format: format ?? 'csv', sheets: [] };
    if (!format) {
      problems.push({ severity: 'error', code: 'unsupported-format', file, value: extname(file), expected: '.csv, .xlsx, .xls or .json', message: { zh: `不支持的文件格式“${extname(file) || file}”（应为 CSV、XLSX、XLS 或 JSON）`, en: `unsupported data format "${extname(file) || file}" (expected CSV, XLSX, XLS or JSON)` } });
      continue;
    }
    try {
      if (format === 'xlsx' || format === 'xls') {
        const s = readWorkbook(bytes, file);
        pending.push({ source, sheets: s });
      } else {
        const { text, encoding } = decodeDataText(bytes, file, { encoding: options.encoding ?? 'auto' });
        source.encoding = encoding;
        if (encoding === 'gb18030' && (options.encoding ?? 'auto') === 'auto') {
          // recognised, not assumed: said so, with the first line as read, so that a misread file shows
          const first = text.split(/\r?\n/, 1)[0]!.slice(0, 80);
          problems.push({ severity: 'warning', code: 'encoding-gbk', file, row: 1, value: first, expected: 'UTF-8 text (or --encoding gb18030 to state the encoding)', message: { zh: `文件不是 UTF-8 编码，已按 GBK/GB18030（中文 Excel、WPS 的默认编码）读取，首行为“${first}”：若文字显示有误，请另存为 UTF-8`, en: `the file is not UTF-8; read as GBK/GB18030 (the default of Chinese Excel and WPS), its first line reads “${first}”: if the text looks wrong, save it as UTF-8` } });
        }
        pending.push({ source, sheets: [format === 'json' ? jsonSheet(text, file) : csvSheet(text, file)] });
      }
    } catch (e) {
      problems.push(fileFinding(file, format === 'csv' || format === 'json' ? 'unreadable-text' : 'unreadable-workbook', e));
      continue;
    }
  }
  for (const p of pending) {
    sources.push(p.source);
    for (const s of p.sheets) sheets.push(s);
  }
  const r = readSheets(sheets, { framework: options.framework, registry: options.registry, ...(options.mapping ? { mapping: options.mapping } : {}) });
  for (const t of r.tables) {
    const src = sources.find((s) => s.file === t.file);
    if (src && t.sheet !== undefined) src.sheets.push({ name: t.sheet, ...(t.shape ? { shape: t.shape } : {}), ...(t.headerRow !== undefined ? { headerRow: t.headerRow } : {}), observations: t.observations });
  }
  return { observations: r.observations, sources, problems: [...problems, ...r.findings] };
}
