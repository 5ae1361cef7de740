/**
 * Reading a filled collection template back: the hidden layout sheet says which cell is which
 * unit and variable ({@link TemplateMeta}); every input cell is read as the number typed in
 * (a number cell as it is; a text cell only when it is a plain number, `1,234` included; a
 * formula by its result), an empty cell is a missing value reported as such. A template whose
 * rows or header codes were changed, or that belongs to another framework, is refused with the
 * sheet, cell and what was expected.
 */
import ExcelJS from 'exceljs';
import { DataError, type Problem } from '../../core/errors.ts';
import { parseNumberCell } from '../../core/panel/parse.ts';
import type { Framework } from '../../core/framework/types.ts';
import type { Observation } from '../../core/panel/types.ts';
import { HEADER_ROWS, META_SHEET, TEMPLATE_FORMAT, UNIT_CODE_COL, type TemplateMeta } from './layout.ts';

/** What a filled template holds. */
export interface TemplateRead {
  meta: TemplateMeta;
  observations: Observation[];
  /** Cells left empty, per variable (for the warning that lists them). */
  empty: { variable: string; units: string[] }[];
  /** Warnings: a template made from another version of the framework. */
  warnings: Problem[];
}

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** The layout a workbook keeps in its hidden sheet, or undefined when it is not an ipindex template. */
export function templateMeta(wb: ExcelJS.Workbook): TemplateMeta | undefined {
  const ws = wb.getWorksheet(META_SHEET);
  const v = ws?.getCell(1, 1).value;
  if (typeof v !== 'string') return undefined;
  try {
    const m = JSON.parse(v) as TemplateMeta;
    return m && m.format === TEMPLATE_FORMAT ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The value of a cell as a number, null for empty, or a string saying why it is not a number. */
function cellNumber(v: ExcelJS.CellValue): number | null | { bad: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { bad: String(v) };
  if (typeof v === 'string') {
    if (!v.trim()) return null;
    const x = parseNumberCell(v);
    return x === undefined ? { bad: v } : x;
  }
  if (typeof v === 'object' && 'result' in v) {
    const r = (v as { result?: unknown }).result;
    if (typeof r === 'number' && Number.isFinite(r)) return r;
    if (r === undefined || r === null || r === '') return null;
    return { bad: String(r) };
  }
  if (typeof v === 'object' && 'richText' in v) return cellNumber((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
  if (v instanceof Date) return { bad: `a date (${v.toISOString().slice(0, 10)})` };
  return { bad: String(v) };
}

/**
 * Reads a filled template workbook (already loaded). `file` names it in messages and in each
 * observation's provenance (with sheet, row and column).
 * @throws DataError listing every cell that is not a number and every change of the layout
 */
export function readTemplateWorkbook(wb: ExcelJS.Workbook, meta: TemplateMeta, file: string, framework: Framework, frameworkSha256?: string): TemplateRead {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (meta.framework.id !== framework.id) {
    throw new DataError(`${file}: 这是指标体系 ${meta.framework.id} 的填报模板，不是 ${framework.id} 的 / ${file} is a template of framework ${meta.framework.id}, not ${framework.id}: import it with --framework ${meta.framework.id}`);
  }
  if (frameworkSha256 && meta.framework.sha256 !== frameworkSha256) {
    warnings.push({ file, message: `模板由指标体系 ${meta.framework.id} 的另一版本（${meta.framework.version}）生成 / the template was made from another version of ${meta.framework.id} (${meta.framework.version}, SHA-256 ${meta.framework.sha256.slice(0, 12)}…)` });
  }
  const ws = wb.getWorksheet(meta.sheet);
  if (!ws) throw new DataError(`${file}: 找不到工作表“${meta.sheet}” / no sheet "${meta.sheet}" (was it renamed?)`);
  const known = new Set([...framework.variables.map((v) => v.code), ...framework.nodes.map((n) => n.code)]);
  for (const c of meta.columns) {
    const head = ws.getCell(HEADER_ROWS.code, c.previousCol ?? c.col).value;
    if (String(head ?? '').trim() !== c.variable) problems.push({ file, line: HEADER_ROWS.code, field: `${meta.sheet}!${columnLetter(c.col)}${HEADER_ROWS.code}`, node: c.variable, message: `表头应为指标代码 ${c.variable}，实为 "${String(head ?? '')}"（列被移动或修改？）/ expected the code ${c.variable} here, found "${String(head ?? '')}" (columns moved?)` });
    if (!known.has(c.variable)) problems.push({ file, node: c.variable, message: `指标体系 ${framework.id} 中没有指标 ${c.variable} / framework ${framework.id} has no variable ${c.variable}` });
  }
  for (const r of meta.rows) {
    const u = String(ws.getCell(r.row, UNIT_CODE_COL).value ?? '').trim();
    if (u !== r.unit) problems.push({ file, line: r.row, field: `${meta.sheet}!${columnLetter(UNIT_CODE_COL)}${r.row}`, message: `此行应为地区代码 ${r.unit}，实为 "${u}"（行被移动或修改？）/ expected the unit code ${r.unit} in this row, found "${u}" (rows moved?)` });
  }
  if (problems.length) throw new DataError(`${file}: 模板结构被改动，未导入任何数据 / the template's layout was changed; nothing was read`, problems);
  const observations: Observation[] = [];
  const empty = new Map<string, string[]>();
  for (const c of meta.columns) {
    for (const r of meta.rows) {
      const x = cellNumber(ws.getCell(r.row, c.col).value);
      const where = `${meta.sheet}!${columnLetter(c.col)}${r.row}`;
      if (x === null) {
        if (!empty.has(c.variable)) empty.set(c.variable, []);
        empty.get(c.variable)!.push(r.unit);
        continue;
      }
      if (typeof x === 'object') {
        problems.push({ file, line: r.row, field: where, node: c.variable, message: `${r.unit} ${meta.year}: 不是数值："${x.bad.slice(0, 60)}"；应填写不带单位的数值 / not a number: "${x.bad.slice(0, 60)}"; expected a plain number` });
        continue;
      }
      observations.push({ unit: r.unit, year: meta.year, variable: c.variable, value: x, source: meta.provider.name, file, row: r.row, sheet: meta.sheet, column: columnLetter(c.col) });
    }
  }
  if (problems.length) throw new DataError(`${file}: ${problems.length} 个单元格不是数值，未导入任何数据 / ${problems.length} cell${problems.length > 1 ? 's are' : ' is'} not a number; nothing was read`, problems);
  return { meta, observations, empty: [...empty].map(([variable, units]) => ({ variable, units })), warnings };
}

/** Loads an .xlsx file with exceljs; undefined when it is not an ipindex template. */
export async function loadTemplate(bytes: Uint8Array): Promise<{ workbook: ExcelJS.Workbook; meta: TemplateMeta } | undefined> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const meta = templateMeta(wb);
  return meta ? { workbook: wb, meta } : undefined;
}
