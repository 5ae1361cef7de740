/**
 * Workbooks (XLSX and legacy XLS) → sheets of cells, with merged ranges and percent formats.
 * Read with SheetJS Community Edition 0.20.3 (`@e965/xlsx`, a republication of the SheetJS CE
 * release on npm): past the prototype-pollution (CVE-2023-30533, fixed 0.19.3) and ReDoS
 * (CVE-2024-22363, fixed 0.20.2) advisories of the `xlsx` 0.18.5 package on npm, it reads BIFF8
 * `.xls` and `.xlsx` alike, synchronously — one reader for both formats. See docs/import.md.
 */
import * as XLSX from '@e965/xlsx';
import type { Cell, MergedRange, Sheet } from '../../core/import/index.ts';
import { FileError } from '../files.ts';

/** Most cells of one worksheet read (a larger sheet is refused, before its cells fill the memory). */
export const MAX_SHEET_CELLS = 20_000_000;

/** The workbook format of some bytes, from their signature: ZIP (XLSX) or OLE2 compound file (XLS). */
export function workbookFormat(b: Uint8Array): 'xlsx' | 'xls' | undefined {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'xls';
  return undefined;
}

/**
 * The worksheets of a workbook as {@link Sheet}s: number cells as numbers (percent-formatted
 * ones as `{percentOf}`), text as text, an Excel error as its text (`#DIV/0!`), a date as its
 * ISO date text; merged ranges kept. Formulas are not recomputed: the value the workbook saved
 * is read.
 * @throws FileError when the bytes are not a workbook SheetJS can read
 */
export function readWorkbook(bytes: Uint8Array, file: string): Sheet[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellDates: true, dense: true, cellHTML: false, cellFormula: false });
  } catch (e) {
    throw new FileError(`Data file ${file} cannot be read as a workbook (XLSX/XLS): ${(e as Error).message}; open and save it again in Excel or WPS`);
  }
  const out: Sheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    if (!ws['!ref']) {
      out.push({ file, sheet: name, rows: [] });
      continue;
    }
    const range = XLSX.utils.decode_range(ws['!ref']);
    const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
    // the extent of the cells that hold something (a range formatted down to row 1 048 576 is not data)
    let h = 0;
    let w = 0;
    for (let r = 0; r < Math.min(data.length, range.e.r + 1); r++) {
      const src = data[r];
      if (!src) continue;
      for (let c = Math.min(src.length, range.e.c + 1) - 1; c >= 0; c--) {
        const cell = src[c];
        if (cell && cell.v !== undefined && cell.v !== null && cell.v !== '') {
          h = r + 1;
          if (c + 1 > w) w = c + 1;
          break;
        }
      }
    }
    if (h * w > MAX_SHEET_CELLS) throw new FileError(`Data file ${file}, sheet "${name}", spans ${h} rows × ${w} columns, more than ${MAX_SHEET_CELLS} cells; split it`);
    const rows: Cell[][] = [];
    for (let r = 0; r < h; r++) {
      const src = data[r] ?? [];
      const row: Cell[] = [];
      for (let c = 0; c < w; c++) row.push(cellOf(src[c]));
      rows.push(row);
    }
    const merges: MergedRange[] = (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c }));
    out.push({ file, sheet: name, rows, ...(merges.length ? { merges } : {}) });
  }
  return out;
}

function cellOf(c: XLSX.CellObject | undefined): Cell {
  if (!c || c.v === undefined || c.v === null) return c?.t === 'e' ? (c.w ?? '#ERROR') : null;
  switch (c.t) {
    case 'n': {
      const v = c.v as number;
      const fmt = typeof c.z === 'string' ? c.z : '';
      return /%/.test(fmt.replace(/"[^"]*"/g, '')) ? { percentOf: v } : v;
    }
    case 'e':
      return c.w ?? '#ERROR';
    case 'b':
      return c.v ? 'TRUE' : 'FALSE';
    case 'd':
      return c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v);
    default:
      return String(c.v);
  }
}
