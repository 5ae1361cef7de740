/**
 * Collection templates (数据填报模板): one Excel workbook per data provider, with an instructions
 * sheet in Chinese, one data sheet of the provider's variables (code, name, unit, definition,
 * what values are allowed) × the units the framework covers (31 provinces, and 全国 where the
 * framework covers the national level), data validation on every input cell (numbers only, ≥ 0
 * for counts, 0–100 for shares, a framework `range`), locked headers (the sheet is protected;
 * only the input cells are unlocked), frozen panes, and last year's values beside the empty
 * column when they are given (from the store). A hidden sheet describes the layout so that the
 * filled workbook imports back exactly ({@link readTemplateWorkbook}).
 */
import ExcelJS from 'exceljs';
import type { Framework } from '../../core/framework/types.ts';
import type { Provider } from '../../core/framework/providers.ts';
import type { Observation, UnitRegistry } from '../../core/panel/index.ts';
import { inputDomains, type ValueDomain } from '../../core/plan/check-data.ts';
import { IpIndexError } from '../../core/errors.ts';
import { neutraliseFormula } from '../../core/text/csv.ts';
import { xmlSafe } from '../../render/cells.ts';
import { DATA_SHEET, FIRST_DATA_ROW, HEADER_ROWS, INSTRUCTIONS_SHEET, META_SHEET, TEMPLATE_FORMAT, UNIT_CODE_COL, UNIT_NAME_COL, type TemplateMeta } from './layout.ts';

/** Options of {@link templateWorkbooks}. */
export interface TemplateOptions {
  framework: Framework;
  /** SHA-256 of the framework file (kept in the template, checked on import). */
  frameworkSha256: string;
  /** The data year to collect. */
  year: number;
  /** Only this provider's workbook (default: one per provider). */
  provider?: string;
  /** Resolves unit codes to names and lists the provinces. */
  registry: UnitRegistry;
  /** Last year's values (data year `year − 1`), shown beside the input column when given. */
  previous?: readonly Observation[];
  /** Where the previous values come from, for the instructions (e.g. "数据库 x.duckdb 数据版本 3"). */
  previousFrom?: string;
  /** Whether the previous values are sample data (then said so on both sheets). */
  previousIsSample?: boolean;
  /** ipindex version written into the template. */
  software: string;
}

/** One template: its file name and the workbook. */
export interface TemplateFile {
  name: string;
  provider: Provider;
  workbook: ExcelJS.Workbook;
  meta: TemplateMeta;
}

const FONT = 'Microsoft YaHei';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const PREV_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };

/** Text as a cell holds it: never a formula, no characters XML cannot hold. */
const text = (s: string): string => neutraliseFormula(xmlSafe(s));

/** The units a template lists: the provinces of the registry (GB/T 2260 order), and/or 全国 (CN). */
export function templateUnits(fw: Framework, registry: UnitRegistry): { code: string; name: string }[] {
  const coverage = fw.coverage ?? ['provinces'];
  const out: { code: string; name: string }[] = [];
  if (coverage.includes('provinces')) for (const u of registry.units) if (/^\d{6}$/.test(u.code)) out.push({ code: u.code, name: u.name.zh });
  if (coverage.includes('national')) out.push({ code: 'CN', name: registry.name('CN') });
  return out;
}

/** The rule a cell must meet, in words, and its Excel data validation. */
export function cellRule(d: ValueDomain | undefined): { words: string; validation: ExcelJS.DataValidation } {
  const base = { type: 'decimal' as const, allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: '输入有误', showInputMessage: false };
  const lo = d?.min;
  const hi = d?.max;
  if (lo !== undefined && hi !== undefined) return { words: `${lo}–${hi} 之间的数值`, validation: { ...base, operator: 'between', formulae: [lo, hi], error: `请输入 ${lo} 到 ${hi} 之间的数值（不带单位、% 或千位分隔符）` } };
  if (lo !== undefined) return { words: `≥ ${lo} 的数值`, validation: { ...base, operator: 'greaterThanOrEqual', formulae: [lo], error: `请输入不小于 ${lo} 的数值（不带单位或千位分隔符）` } };
  if (hi !== undefined) return { words: `≤ ${hi} 的数值`, validation: { ...base, operator: 'lessThanOrEqual', formulae: [hi], error: `请输入不大于 ${hi} 的数值（不带单位或千位分隔符）` } };
  return { words: '数值', validation: { ...base, operator: 'between', formulae: [-1e307, 1e307], error: '请输入数值（不带单位或千位分隔符）' } };
}

/** A file name part without characters file systems refuse. */
const fileSafe = (s: string): string => s.replace(/[\\/:*?"<>|\p{Cc}\s]+/gu, '_').slice(0, 60);

/**
 * The templates of a framework for a data year: one workbook per provider (or the one asked for).
 * @throws IpIndexError when the framework declares no providers, or the provider asked for is not declared
 */
export async function templateWorkbooks(o: TemplateOptions): Promise<TemplateFile[]> {
  const fw = o.framework;
  const providers = fw.providers ?? [];
  if (!providers.length) throw new IpIndexError(`指标体系 ${fw.file ?? fw.id} 未声明数据提供单位（providers:），无法生成填报模板 / Framework ${fw.file ?? fw.id} declares no data providers (a providers: list and provider: on each raw indicator and variable)`);
  let chosen = providers;
  if (o.provider !== undefined) {
    const p = providers.find((x) => x.id === o.provider);
    if (!p) throw new IpIndexError(`未知的数据提供单位 ${o.provider}；指标体系声明的有：${providers.map((x) => x.id).join(', ')} / Unknown provider ${o.provider}; the framework declares ${providers.map((x) => `${x.id} (${x.name.zh})`).join(', ')}`);
    chosen = [p];
  }
  const prev = new Map<string, number | null>();
  for (const ob of o.previous ?? []) if (ob.year === o.year - 1) prev.set(`${ob.unit}|${ob.variable}`, ob.value);
  const domains = inputDomains(fw);
  const units = templateUnits(fw, o.registry);
  const out: TemplateFile[] = [];
  for (const p of chosen.filter((x) => x.variables.length)) {
    const { workbook, meta } = await oneTemplate(o, p, units, domains, o.previous ? prev : undefined);
    out.push({ name: `${o.year}-${fileSafe(p.id)}-${fileSafe(p.name.zh)}.xlsx`, provider: p, workbook, meta });
  }
  return out;
}

async function oneTemplate(o: TemplateOptions, p: Provider, units: { code: string; name: string }[], domains: Map<string, ValueDomain>, prev: Map<string, number | null> | undefined): Promise<{ workbook: ExcelJS.Workbook; meta: TemplateMeta }> {
  const fw = o.framework;
  const wb = new ExcelJS.Workbook();
  wb.creator = `ipindex ${o.software}`;
  // a fixed date: the same inputs make the same workbook
  wb.created = new Date(Date.UTC(o.year + 1, 0, 1));
  wb.modified = wb.created;
  const byCode = new Map<string, { name: { zh: string }; unit?: string; description?: string }>([...fw.variables.map((v) => [v.code, v] as const), ...fw.nodes.map((n) => [n.code, n] as const)]);
  const vars = p.variables.map((code) => {
    const n = byCode.get(code)!;
    return { code, name: n.name.zh, unit: n.unit ?? '', definition: n.description ?? n.name.zh, rule: cellRule(domains.get(code)) };
  });
  const withPrev = prev !== undefined;
  const span = withPrev ? 2 : 1;

  // --- instructions ------------------------------------------------------------------------
  const ins = wb.addWorksheet(INSTRUCTIONS_SHEET, { properties: { tabColor: { argb: 'FF4472C4' } } });
  ins.getColumn(1).width = 100;
  const lines: [string, boolean?][] = [
    [`${o.year}年数据填报说明 — ${fw.name.zh}`, true],
    [`数据提供单位：${p.name.zh}${p.name.en ? `（${p.name.en}）` : ''}`],
    [`指标体系：${fw.name.zh}（${fw.id}，版本 ${fw.version}）；填报 ${o.year} 年数据，共 ${vars.length} 项指标、${units.length} 个地区。`],
    [''],
    ['填报步骤', true],
    [`1. 在“${DATA_SHEET}”工作表中，只填写浅黄色单元格（“${o.year}年（填写）”列）；表头、地区和灰色的上年值已锁定，不能修改。`],
    ['2. 每个单元格填写一个数值，单位以表头“计量单位”为准：不要输入单位、百分号（%）、千位分隔符或文字说明；比重类指标填 0–100 之间的数（如 12.5 表示 12.5%）。'],
    ['3. 暂无数据的单元格请留空，不要填 0 或“—”；留空的数据将在导入时列出，并按规则沿用上年数据。'],
    ['4. 不要增删行列、不要改动工作表名称，也不要删除隐藏的工作表（其中记录了表格结构，用于准确导入）。'],
    [`5. 填好后保存为 .xlsx 文件，原样发回。导入命令：ipindex data import --store <数据库> --framework ${fw.id} <本文件>`],
    [''],
    ['取值要求', true],
    ['单元格设置了数据有效性：计数类指标须为 ≥ 0 的数值，比重类指标须在 0–100 之间；不符合要求的输入会被拒绝。导入时还会再次检查（同比异常波动、疑似单位错误等）。'],
  ];
  if (withPrev) lines.push([''], ['上年值', true], [`灰色列为 ${o.year - 1} 年已入库的数据${o.previousFrom ? `（来源：${o.previousFrom}）` : ''}，仅供核对，如有修订请另行说明。`]);
  if (o.previousIsSample) lines.push(['【样本数据】上年值取自随附的样本数据，仅用于演示，不是官方统计。', true]);
  lines.push([''], [`由 ipindex ${o.software} 生成。`]);
  lines.forEach(([t, bold], i) => {
    const c = ins.getCell(i + 1, 1);
    c.value = text(t);
    c.font = { name: FONT, size: i === 0 ? 14 : 11, bold: !!bold };
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  await ins.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  // --- data sheet ----------------------------------------------------------------------------
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROWS.columns }] });
  ws.getColumn(UNIT_CODE_COL).width = 10;
  ws.getColumn(UNIT_NAME_COL).width = 12;
  const lastCol = 2 + vars.length * span;
  ws.mergeCells(HEADER_ROWS.title, 1, HEADER_ROWS.title, Math.max(lastCol, 2));
  const title = ws.getCell(HEADER_ROWS.title, 1);
  title.value = text(`${o.year}年 ${fw.name.zh} 数据填报表 — ${p.name.zh}${o.previousIsSample ? '（上年值为样本数据）' : ''}`);
  title.font = { name: FONT, size: 13, bold: true };
  const labels: [number, string][] = [[HEADER_ROWS.code, '指标代码'], [HEADER_ROWS.name, '指标名称'], [HEADER_ROWS.unit, '计量单位'], [HEADER_ROWS.definition, '指标定义'], [HEADER_ROWS.rule, '取值要求']];
  for (const [r, label] of labels) {
    ws.mergeCells(r, 1, r, 2);
    const c = ws.getCell(r, 1);
    c.value = label;
    c.font = { name: FONT, bold: true };
    c.fill = HEAD_FILL;
    c.border = THIN;
  }
  ws.getCell(HEADER_ROWS.columns, UNIT_CODE_COL).value = '地区代码';
  ws.getCell(HEADER_ROWS.columns, UNIT_NAME_COL).value = '地区';
  const columns: TemplateMeta['columns'] = [];
  vars.forEach((v, i) => {
    const first = 3 + i * span;
    const input = first + span - 1;
    const values: [number, string][] = [[HEADER_ROWS.code, v.code], [HEADER_ROWS.name, v.name], [HEADER_ROWS.unit, v.unit], [HEADER_ROWS.definition, v.definition], [HEADER_ROWS.rule, v.rule.words]];
    for (const [r, t] of values) {
      if (span > 1) ws.mergeCells(r, first, r, input);
      const c = ws.getCell(r, first);
      c.value = text(t);
      c.font = { name: FONT, bold: r === HEADER_ROWS.code };
      c.alignment = { wrapText: true, vertical: 'top', horizontal: 'center' };
      c.fill = HEAD_FILL;
      c.border = THIN;
    }
    if (withPrev) {
      const c = ws.getCell(HEADER_ROWS.columns, first);
      c.value = `${o.year - 1}年（上年值）`;
      ws.getColumn(first).width = 16;
    }
    ws.getCell(HEADER_ROWS.columns, input).value = `${o.year}年（填写）`;
    ws.getColumn(input).width = 16;
    columns.push({ variable: v.code, col: input, ...(withPrev ? { previousCol: first } : {}) });
  });
  for (let col = 1; col <= lastCol; col++) {
    const c = ws.getCell(HEADER_ROWS.columns, col);
    c.font = { name: FONT, bold: true };
    c.fill = HEAD_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center', wrapText: true };
  }
  ws.getRow(HEADER_ROWS.definition).height = 60;
  ws.getRow(HEADER_ROWS.columns).height = 32;
  const rows: TemplateMeta['rows'] = [];
  units.forEach((u, k) => {
    const r = FIRST_DATA_ROW + k;
    ws.getCell(r, UNIT_CODE_COL).value = u.code;
    ws.getCell(r, UNIT_NAME_COL).value = text(u.name);
    for (const col of [UNIT_CODE_COL, UNIT_NAME_COL]) {
      ws.getCell(r, col).border = THIN;
      ws.getCell(r, col).font = { name: FONT };
    }
    rows.push({ unit: u.code, row: r });
    for (const [i, v] of vars.entries()) {
      const colInfo = columns[i]!;
      if (colInfo.previousCol !== undefined) {
        const pc = ws.getCell(r, colInfo.previousCol);
        const pv = prev!.get(`${u.code}|${v.code}`);
        if (pv !== undefined && pv !== null) pc.value = pv;
        pc.fill = PREV_FILL;
        pc.border = THIN;
        pc.font = { name: FONT, color: { argb: 'FF666666' } };
      }
      const c = ws.getCell(r, colInfo.col);
      c.fill = INPUT_FILL;
      c.border = THIN;
      c.protection = { locked: false };
      c.dataValidation = v.rule.validation;
    }
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  // --- layout, for the importer ------------------------------------------------------------------
  const meta: TemplateMeta = {
    format: TEMPLATE_FORMAT,
    layout: 1,
    framework: { id: fw.id, version: fw.version, sha256: o.frameworkSha256 },
    year: o.year,
    provider: { id: p.id, name: p.name.zh },
    sheet: DATA_SHEET,
    columns,
    rows,
    software: o.software,
  };
  const hidden = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const json = JSON.stringify(meta);
  // a cell holds at most 32 767 characters
  if (json.length > 32_000) throw new IpIndexError(`模板结构过大（${vars.length} 项指标 × ${units.length} 个地区），请按提供单位分开生成 / The template of ${p.id} is too large to describe in one cell (${vars.length} variables × ${units.length} units)`);
  hidden.getCell(1, 1).value = json;
  return { workbook: wb, meta };
}
