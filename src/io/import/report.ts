/**
 * Findings as a console table and as a report file (XLSX, one row per problem, or JSON), written
 * whole or not at all.
 */
import ExcelJS from 'exceljs';
import { basename, extname } from 'node:path';
import type { Finding } from '../../core/import/index.ts';
import { IpIndexError, type UnitRegistry } from '../../core/index.ts';
import { displayWidth, xmlSafe } from '../../render/cells.ts';

const HEAD = {
  zh: ['级别', '代码', '文件', '工作表', '行', '列', '单位', '指标', '值', '应为', '说明'],
  en: ['severity', 'code', 'file', 'sheet', 'row', 'column', 'unit', 'variable', 'value', 'expected', 'message'],
};
const SEVERITY = { zh: { error: '错误', warning: '警告' }, en: { error: 'error', warning: 'warning' } };

/** One finding as the cells of a report row (in the order of the header). */
function row(f: Finding, lang: 'zh' | 'en', registry?: UnitRegistry): (string | number)[] {
  const unit = f.unit === undefined ? '' : registry?.resolve(f.unit) ? `${registry.name(f.unit, lang)}${/^\d{6}$/.test(f.unit) ? ` (${f.unit})` : ''}` : f.unit;
  return [SEVERITY[lang][f.severity], f.code, f.file ?? '', f.sheet ?? '', f.row ?? '', f.column ?? '', unit, f.variable ?? '', f.value === undefined || f.value === null ? '' : f.value, f.expected ?? '', f.message[lang]];
}

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const cut = (s: string, w: number): string => {
  if (displayWidth(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > w - 1) break;
    out += ch;
  }
  return `${out}…`;
};

/**
 * The findings as a text table for the console: severity, code, place (file, sheet, row,
 * column), unit, variable and value in columns, the message last; headed in Chinese or English.
 */
export function findingsTable(findings: readonly Finding[], lang: 'zh' | 'en' = 'zh', registry?: UnitRegistry): string[] {
  const h = lang === 'zh' ? ['级别', '代码', '位置', '单位', '指标', '值', '说明'] : ['severity', 'code', 'where', 'unit', 'variable', 'value', 'message'];
  const rows = findings.map((f) => {
    const r = row(f, lang, registry);
    const where = [basename(String(r[2])), r[3] ? `[${r[3]}]` : '', r[4] !== '' ? (lang === 'zh' ? `第${r[4]}行` : `row ${r[4]}`) : '', r[5] ? (lang === 'zh' ? `${r[5]}列` : `col ${r[5]}`) : ''].filter(Boolean).join(' ');
    return [String(r[0]), String(r[1]), where, String(r[6]), String(r[7]), cut(String(r[8]), 16), String(r[10])];
  });
  const caps = [8, 24, 56, 18, 18, 16];
  const widths = caps.map((cap, i) => Math.min(cap, Math.max(displayWidth(h[i]!), ...rows.map((r) => displayWidth(r[i]!)))));
  const line = (cells: string[]): string => cells.map((c, i) => (i < widths.length ? pad(cut(c, widths[i]!), widths[i]!) : c)).join('  ');
  return [line(h), line(widths.map((w) => '─'.repeat(w)).concat('─'.repeat(8))), ...rows.map(line)];
}

/** A findings report as file bytes: XLSX (one row per problem, header frozen, filters on) or JSON. */
export async function findingsReport(findings: readonly Finding[], format: 'xlsx' | 'json', options: { lang?: 'zh' | 'en'; registry?: UnitRegistry; meta?: Record<string, unknown> } = {}): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh';
  if (format === 'json') return new TextEncoder().encode(JSON.stringify({ ...options.meta, findings }, null, 2) + '\n');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipindex';
  const ws = wb.addWorksheet(lang === 'zh' ? '数据问题' : 'Problems', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(HEAD[lang]);
  ws.getRow(1).font = { bold: true };
  for (const f of findings) ws.addRow(row(f, lang, options.registry).map((c) => (c === '' ? null : typeof c === 'string' ? xmlSafe(c) : c)));
  const widths = [6, 22, 28, 12, 6, 10, 14, 16, 14, 30, 80];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(11).alignment = { wrapText: true, vertical: 'top' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEAD[lang].length } };
  findings.forEach((f, i) => {
    if (f.severity === 'error') ws.getCell(i + 2, 1).font = { color: { argb: 'FFC00000' }, bold: true };
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The report format of a file name (.xlsx or .json). @throws IpIndexError for another extension */
export function reportFormat(file: string): 'xlsx' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.json') return 'json';
  throw new IpIndexError(`--report ${file}: expected a file name ending in .xlsx or .json`);
}
