/**
 * The report as an Excel workbook (exceljs): one sheet per table of the document, each with its
 * caption, the sample-data notice where it applies, frozen header rows, number formats from the
 * cells' decimals and format (the stored value keeps full precision), and a last sheet with the
 * run information and manifests (运行信息 / manifest). Every text cell is neutralised against
 * formula injection by the rule the CSV writer uses ({@link neutraliseFormula}), so a unit or
 * indicator named `=cmd|' /C calc'!A0` is text, also after a user copies it or saves as CSV.
 */
import ExcelJS from 'exceljs';
import type { ReportDocument, TableBlock, TableCell } from '../core/report-model/document.ts';
import { neutraliseFormula } from '../core/text/csv.ts';
import { cellDecimals, displayWidth, isNumberCell, xlsxNumFmt, xmlSafe } from './cells.ts';

/** Options of {@link renderXlsx}. */
export interface XlsxOptions {
  /** Name of the run-information sheet (default 运行信息 in Chinese, `manifest` in English). */
  manifestSheet?: string;
}

/** Longest sheet name Excel accepts. */
export const MAX_SHEET_NAME = 31;

/**
 * A sheet name Excel accepts, unique in `taken` (compared without case, as Excel does): the
 * characters `[]:*?/\` become `_`, a leading or trailing `'` is dropped, at most 31 characters
 * (a numbered suffix ` (2)` within them when the name is taken), `fallback` when nothing is left.
 * The reserved name `History` gets a suffix.
 * @example sheetName('targets/[2025]', 'x', new Set()) // => 'targets__2025_'
 */
export function sheetName(wanted: string, fallback: string, taken: Set<string>): string {
  const clean = (s: string): string => [...xmlSafe(s).replace(/[[\]:*?/\\]/g, '_').replace(/\p{Cc}/gu, '').replace(/^'+|'+$/g, '').trim()].slice(0, MAX_SHEET_NAME).join('');
  let base = clean(wanted) || clean(fallback) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
    const suffix = ` (${n})`;
    base = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('');
    name = `${base}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const FONT = 'Microsoft YaHei';

/** Writes a text cell, neutralised (and with characters XML cannot hold made visible, {@link xmlSafe}). */
function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = neutraliseFormula(xmlSafe(text));
}

/** Writes a cell of the model: a number with its number format (empty when missing), or neutralised text. */
function setCell(cell: ExcelJS.Cell, c: TableCell): void {
  if (isNumberCell(c)) {
    if (c.value !== null && Number.isFinite(c.value)) {
      cell.value = c.value;
      cell.numFmt = xlsxNumFmt(c);
    }
    cell.alignment = { horizontal: 'right' };
  } else setText(cell, c.text);
}

/** One table as a sheet: caption, notice, header rows frozen, the rows, the note. */
function tableSheet(wb: ExcelJS.Workbook, t: TableBlock, name: string, notice: string | undefined): void {
  const headerRows = Math.max(1, t.headerRows ?? 1);
  const top = notice ? 2 : 1; // rows above the header: caption (+ notice)
  const firstIsText = t.rows.length > 0 && t.rows.every((r) => r[0] !== undefined && !isNumberCell(r[0]));
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: top + headerRows, xSplit: firstIsText && t.columns.length > 1 ? 1 : 0 }] });
  const cols = t.columns.length;
  setText(ws.getCell(1, 1), t.caption);
  ws.getCell(1, 1).font = { name: FONT, bold: true, size: 12 };
  if (cols > 1) ws.mergeCells(1, 1, 1, cols);
  if (notice) {
    setText(ws.getCell(2, 1), notice);
    ws.getCell(2, 1).font = { name: FONT, bold: true, color: { argb: 'FFC00000' } };
    if (cols > 1) ws.mergeCells(2, 1, 2, cols);
  }
  const header = ws.getRow(top + 1);
  t.columns.forEach((c, j) => {
    const cell = header.getCell(j + 1);
    setText(cell, c.header);
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: c.align === 'right' ? 'right' : 'left', vertical: 'middle', wrapText: true };
  });
  t.rows.forEach((r, i) => {
    const row = ws.getRow(top + 2 + i);
    const isHeader = i < headerRows - 1;
    r.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      setCell(cell, c);
      cell.border = THIN;
      cell.font = { name: FONT, bold: isHeader };
      if (isHeader) cell.fill = HEADER_FILL;
      if (!isNumberCell(c) && t.columns[j]?.align === 'right') cell.alignment = { horizontal: 'right' };
    });
  });
  if (t.note) {
    const cell = ws.getCell(top + 2 + t.rows.length + 1, 1);
    setText(cell, t.note);
    cell.font = { name: FONT, italic: true, size: 9 };
  }
  // column widths from the widest header or cell (CJK characters count double)
  for (let j = 0; j < cols; j++) {
    let w = displayWidth(t.columns[j]!.header);
    for (const r of t.rows) {
      const c = r[j];
      if (!c) continue;
      w = Math.max(w, isNumberCell(c) ? (c.value === null ? 1 : Math.abs(c.value).toFixed(cellDecimals(c)).length + 2) : displayWidth(c.text));
    }
    ws.getColumn(j + 1).width = Math.min(60, Math.max(8, w + 2));
  }
}

/** Rows `path | value` of a JSON value: nested objects and arrays flattened to `a.b[0].c`. */
export function flattenJson(value: unknown, path = '', out: [string, string | number | boolean | null][] = []): [string, string | number | boolean | null][] {
  if (value === null || typeof value !== 'object') {
    out.push([path, value === undefined ? null : (value as string | number | boolean | null)]);
    return out;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v] as const) : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const);
  if (!entries.length) out.push([path, Array.isArray(value) ? '[]' : '{}']);
  for (const [p, v] of entries) flattenJson(v, p, out);
  return out;
}

/** The run-information sheet: what the cover says, then every manifest flattened to key | value. */
function manifestSheet(wb: ExcelJS.Workbook, doc: ReportDocument, name: string): void {
  const zh = doc.meta.lang === 'zh';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const add = (k: string, v: string | number | boolean | null, bold = false): void => {
    const row = ws.addRow([]);
    setText(row.getCell(1), k);
    const c = row.getCell(2);
    if (typeof v === 'number') c.value = v;
    else if (typeof v === 'boolean') c.value = v;
    else if (v !== null) setText(c, v);
    if (bold) row.font = { name: FONT, bold: true };
  };
  add(zh ? '项目' : 'item', zh ? '内容' : 'value', true);
  ws.getRow(1).fill = HEADER_FILL;
  const m = doc.meta;
  add(zh ? '报告' : 'report', m.title);
  if (m.subtitle) add(zh ? '副标题' : 'subtitle', m.subtitle);
  add(zh ? '版次' : 'edition', m.edition);
  for (const ix of m.indices) add(zh ? '指数' : 'index', `${ix.name} (${ix.id})`);
  for (const i of m.inputs) add(zh ? '输入' : 'input', [i.label, i.vintage ? `vintage ${i.vintage}` : '', i.sha256 ? `SHA-256 ${i.sha256}` : ''].filter(Boolean).join(' · '));
  if (m.sampleNotice) {
    add(zh ? '样本数据' : 'sample data', m.sampleNotice);
    ws.lastRow!.font = { name: FONT, bold: true, color: { argb: 'FFC00000' } };
  }
  if (m.realDataSource) add(zh ? '数据来源' : 'data source', m.realDataSource);
  add(zh ? '软件' : 'software', m.software);
  add(zh ? '生成日期' : 'generated', m.generated);
  doc.manifests.forEach((man, i) => {
    ws.addRow([]);
    add(doc.manifests.length > 1 ? `manifest ${i + 1}` : 'manifest', null, true);
    for (const [k, v] of flattenJson(man)) add(k, v);
  });
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 90;
}

/**
 * Renders a report document as an XLSX workbook (see the module comment).
 * Usage: `await renderXlsx(doc)` gives the bytes of a ZIP file (`PK…`).
 */
export async function renderXlsx(doc: ReportDocument, options: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.meta.software;
  wb.title = doc.meta.title;
  const when = new Date(doc.meta.generated);
  if (!Number.isNaN(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }
  const taken = new Set<string>();
  const mName = sheetName(options.manifestSheet ?? (doc.meta.lang === 'zh' ? '运行信息' : 'manifest'), 'manifest', new Set());
  taken.add(mName.toLowerCase()); // reserved for the last sheet
  for (const b of doc.blocks) if (b.kind === 'table') tableSheet(wb, b, sheetName(b.sheetName, b.id, taken), doc.meta.sampleNotice);
  manifestSheet(wb, doc, mName);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
