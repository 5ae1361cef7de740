/**
 * Reading a filled collection template back: the hidden layout sheet says which cell is which
 * unit and variable ({@link TemplateMeta}); every input cell is read as the number typed in
 * (a number cell as it is; a text cell only when it is a plain number, `1,234` included; a
 * formula by its result), an empty cell is a missing value reported as such. A template whose
 * rows or header codes were changed, or that belongs to another framework, is refused with the
 * sheet, cell and what was expected.
 */
import ExcelJS from 'exceljs';
import { parseNumberCell } from '../../core/panel/parse.ts';
import type { Framework } from '../../core/framework/types.ts';
import type { Observation } from '../../core/panel/types.ts';
import { HEADER_ROWS, META_SHEET, TEMPLATE_FORMAT, UNIT_CODE_COL, type TemplateMeta } from './layout.ts';

/**
 * A problem met reading a template, in the shape of the import's findings (src/core/import):
 * severity, a stable code, where (file, sheet, row, column, unit, variable), the value and the
 * message in Chinese and English.
 */
export interface TemplateFinding {
  severity: 'error' | 'warning';
  code: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  unit?: string;
  variable?: string;
  value?: string | number | null;
  expected?: string;
  message: { zh: string; en: string };
}

/** What a filled template holds. */
export interface TemplateRead {
  meta: TemplateMeta;
  /** The values filled in (empty cells are left out). */
  observations: Observation[];
  /** Errors (the layout was changed, a cell is not a number: nothing may be imported) and warnings (empty cells, another framework version). */
  findings: TemplateFinding[];
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
 * Reads a filled template workbook (already loaded). `file` names it in the findings and in each
 * observation's provenance (with sheet, row and column). Nothing is thrown for a bad cell: every
 * problem is a finding, and an import stops on any error among them.
 */
export function readTemplateWorkbook(wb: ExcelJS.Workbook, meta: TemplateMeta, file: string, framework: Framework, frameworkSha256?: string): TemplateRead {
  const findings: TemplateFinding[] = [];
  const sheet = meta.sheet;
  if (meta.framework.id !== framework.id) {
    findings.push({ severity: 'error', code: 'template-framework', file, expected: framework.id, value: meta.framework.id, message: { zh: `这是指标体系 ${meta.framework.id} 的填报模板，不是 ${framework.id} 的；请用 --framework ${meta.framework.id} 导入`, en: `a template of framework ${meta.framework.id}, not ${framework.id}: import it with --framework ${meta.framework.id}` } });
    return { meta, observations: [], findings };
  }
  if (frameworkSha256 && meta.framework.sha256 !== frameworkSha256) {
    findings.push({ severity: 'warning', code: 'template-framework-version', file, value: meta.framework.version, message: { zh: `模板由指标体系 ${meta.framework.id} 的另一版本（${meta.framework.version}，SHA-256 ${meta.framework.sha256.slice(0, 12)}…）生成`, en: `the template was made from another version of ${meta.framework.id} (${meta.framework.version}, SHA-256 ${meta.framework.sha256.slice(0, 12)}…)` } });
  }
  const ws = wb.getWorksheet(sheet);
  if (!ws) {
    findings.push({ severity: 'error', code: 'template-layout', file, sheet, message: { zh: `找不到工作表“${sheet}”（被改名或删除？）`, en: `no sheet "${sheet}" (renamed or deleted?)` } });
    return { meta, observations: [], findings };
  }
  const known = new Set([...framework.variables.map((v) => v.code), ...framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code)]);
  for (const c of meta.columns) {
    const col = c.previousCol ?? c.col;
    const head = String(ws.getCell(HEADER_ROWS.code, col).value ?? '').trim();
    if (head !== c.variable) findings.push({ severity: 'error', code: 'template-layout', file, sheet, row: HEADER_ROWS.code, column: columnLetter(col), variable: c.variable, value: head, expected: c.variable, message: { zh: `表头应为指标代码 ${c.variable}，实为“${head}”（列被移动或修改？）`, en: `expected the code ${c.variable} here, found "${head}" (columns moved?)` } });
    else if (!known.has(c.variable)) findings.push({ severity: 'error', code: 'unknown-variable', file, sheet, row: HEADER_ROWS.code, column: columnLetter(col), variable: c.variable, message: { zh: `指标体系 ${framework.id} 中没有需要填报的指标 ${c.variable}`, en: `framework ${framework.id} has no raw indicator or variable ${c.variable}` } });
  }
  for (const r of meta.rows) {
    const u = String(ws.getCell(r.row, UNIT_CODE_COL).value ?? '').trim();
    if (u !== r.unit) findings.push({ severity: 'error', code: 'template-layout', file, sheet, row: r.row, column: columnLetter(UNIT_CODE_COL), value: u, expected: r.unit, message: { zh: `此行应为地区代码 ${r.unit}，实为“${u}”（行被移动或修改？）`, en: `expected the unit code ${r.unit} in this row, found "${u}" (rows moved?)` } });
  }
  if (findings.some((f) => f.severity === 'error')) return { meta, observations: [], findings };
  const observations: Observation[] = [];
  for (const c of meta.columns) {
    const empty: string[] = [];
    for (const r of meta.rows) {
      const x = cellNumber(ws.getCell(r.row, c.col).value);
      if (x === null) {
        empty.push(r.unit);
        continue;
      }
      if (typeof x === 'object') {
        findings.push({ severity: 'error', code: 'not-a-number', file, sheet, row: r.row, column: columnLetter(c.col), unit: r.unit, variable: c.variable, value: x.bad.slice(0, 60), expected: '不带单位的数值 / a plain number', message: { zh: `${meta.year} 年的值不是数值：“${x.bad.slice(0, 60)}”`, en: `the ${meta.year} value is not a number: "${x.bad.slice(0, 60)}"` } });
        continue;
      }
      observations.push({ unit: r.unit, year: meta.year, variable: c.variable, value: x, source: meta.provider.name, file, row: r.row, sheet, column: columnLetter(c.col) });
    }
    if (empty.length) {
      const shown = empty.length > 8 ? `${empty.slice(0, 8).join(', ')} …` : empty.join(', ');
      findings.push({ severity: 'warning', code: 'template-empty', file, sheet, column: columnLetter(c.col), variable: c.variable, message: { zh: `${c.variable} 有 ${empty.length} 个地区未填写（${shown}）`, en: `${c.variable}: ${empty.length} unit${empty.length > 1 ? 's' : ''} left empty (${shown})` } });
    }
  }
  return { meta, observations, findings };
}

/** Loads an .xlsx file with exceljs; undefined when it is not an ipindex template. */
export async function loadTemplate(bytes: Uint8Array): Promise<{ workbook: ExcelJS.Workbook; meta: TemplateMeta } | undefined> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const meta = templateMeta(wb);
  return meta ? { workbook: wb, meta } : undefined;
}
