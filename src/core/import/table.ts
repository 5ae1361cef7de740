/**
 * One table → tidy observations, whatever its layout: tidy (`unit,year,variable,value`), units
 * as rows × variables as columns, variables as rows × units as columns; the year from a column,
 * the header (a year over its variables), the mapping, the sheet name or a title above the
 * header. Every cell that cannot be read is a finding with file, sheet, row, column, unit,
 * variable, the value and what was expected; nothing is guessed silently. Pure.
 */
import type { Observation } from '../panel/types.ts';
import { parseUnit, sameDims } from '../units/unit.ts';
import { cellText, halfWidth, nameKey, parseValueCell, parseYearCell, yearInText } from './cells.ts';
import { columnLetter } from './findings.ts';
import { findHeader, splitMeasure, type Column, type HeaderChoice, type Role } from './header.ts';
import type { Cell, Finding, Sheet, TableShape } from './types.ts';
import type { VariableEntry, Vocabulary } from './vocabulary.ts';

/** What one table gave. */
export interface TableResult {
  observations: Observation[];
  findings: Finding[];
  shape?: TableShape;
  /** 1-based file row of the (last) header row. */
  headerRow?: number;
}

const FOOTNOTE = /^(注|注释|说明|备注|资料来源|数据来源|来源|note|notes|source)\s*[:：.．、]?/i;
const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The factor from a stated unit of measure to the framework's (万件 → 件: 10 000), or why not. */
export function measureFactor(measure: string, target: string | undefined): { factor: number } | { why: { zh: string; en: string } } {
  const m = halfWidth(measure);
  if (!target || m === target) return { factor: 1 };
  try {
    const a = parseUnit(m);
    const b = parseUnit(target);
    if (sameDims(a, b)) return { factor: Number((a.scale / b.scale).toPrecision(15)) };
    return { why: { zh: `计量单位 ${m} 与框架规定的 ${target} 量纲不同`, en: `the unit of measure ${m} is not of the same kind as the framework's ${target}` } };
  } catch {
    return { why: { zh: `无法识别计量单位“${clip(m)}”（框架规定为 ${target}）`, en: `the unit of measure "${clip(m)}" is not one ipindex knows (the framework states ${target})` } };
  }
}

/**
 * Reads one table into observations with findings. `vocab` resolves variables and units for the
 * framework and mapping.
 */
export function readTable(sheet: Sheet, vocab: Vocabulary): TableResult {
  return new TableReading(sheet, vocab).run();
}

class TableReading {
  private readonly findings: Finding[] = [];
  private readonly observations: Observation[] = [];
  private readonly rows: Cell[][];
  private readonly rowNo: (i: number) => number;
  private header: HeaderChoice | undefined;
  private readonly conversions = new Map<string, Finding>();
  private readonly unknownVariables = new Map<string, Finding>();

  constructor(
    private readonly sheet: Sheet,
    private readonly vocab: Vocabulary,
  ) {
    this.rows = fillMerges(sheet);
    this.rowNo = (i) => sheet.rowNumbers?.[i] ?? i + 1;
  }

  run(): TableResult {
    const m = this.vocab.mapping;
    const fixedIndex = m.headerRow !== undefined ? this.indexOfRow(m.headerRow) : undefined;
    if (m.headerRow !== undefined && fixedIndex === undefined) {
      this.add({ severity: 'error', code: 'no-header', row: m.headerRow, expected: 'a header row within the table', message: { zh: `映射文件指定表头在第 ${m.headerRow} 行，但该表没有这一行`, en: `the mapping puts the header on row ${m.headerRow}, but the table has no such row` } });
      return this.result();
    }
    if (this.rows.every((r) => r.every((c) => cellText(c).trim() === ''))) {
      this.add({ severity: 'error', code: 'empty-table', expected: 'a header and data rows', message: { zh: '表格为空', en: 'the table is empty' } });
      return this.result();
    }
    this.header = findHeader(this.rows, this.vocab, { ...(fixedIndex !== undefined ? { index: fixedIndex } : {}), ...(m.headerRows !== undefined ? { rows: m.headerRows } : {}) });
    if (!this.header) {
      const first = this.rows.find((r) => r.some((c) => cellText(c).trim() !== '')) ?? [];
      this.add({
        severity: 'error',
        code: 'no-header',
        expected: 'a header naming unit/year/variable/value columns, or variables (codes or names) as columns, or provinces as columns',
        value: clip(first.map(cellText).join(','), 120),
        message: {
          zh: `在前 30 行中找不到表头：没有一行列出单位/年份/指标/数值列、框架中的指标（代码或名称）或省份；请检查表格，或在映射文件中用 columns、variables 说明各列`,
          en: `no header found in the first 30 rows: no row names unit/year/variable/value columns, variables of the framework (codes or names) or provinces; check the table, or say what the columns are in a mapping file (columns, variables)`,
        },
      });
      return this.result();
    }
    const cols = this.header.columns;
    this.reportHeaderProblems(cols);
    const shape = m.shape ?? detectShape(cols);
    if (shape === 'tidy') this.readTidy(cols);
    else if (shape === 'units-by-variables') this.readUnitsByVariables(cols);
    else this.readVariablesByUnits(cols);
    for (const f of this.conversions.values()) this.findings.push(f);
    for (const f of this.unknownVariables.values()) this.findings.push(f);
    return { ...this.result(), shape, headerRow: this.rowNo(this.header.index) };
  }

  private result(): TableResult {
    return { observations: this.observations, findings: this.findings };
  }

  private indexOfRow(row: number): number | undefined {
    if (!this.sheet.rowNumbers) return row >= 1 && row <= this.rows.length ? row - 1 : undefined;
    const i = this.sheet.rowNumbers.indexOf(row);
    return i >= 0 ? i : undefined;
  }

  private add(f: Omit<Finding, 'file' | 'sheet'>): void {
    this.findings.push({ ...f, file: this.sheet.file, ...(this.sheet.sheet !== undefined ? { sheet: this.sheet.sheet } : {}) } as Finding);
  }

  /** Column name for messages: its letter in a workbook, its header in a CSV file. */
  private colName(c: number): string {
    if (this.sheet.sheet !== undefined) return columnLetter(c);
    const h = this.header?.columns[c]?.header;
    return h ? clip(h, 40) : columnLetter(c);
  }

  private reportHeaderProblems(cols: Column[]): void {
    const seen = new Map<string, number>();
    cols.forEach((c, i) => {
      const k = c.kind === 'role' ? `role:${c.role}` : c.kind === 'variable' ? `var:${c.entry.code}:${c.year ?? ''}` : c.kind === 'unit' ? `unit:${c.code}:${c.year ?? ''}` : '';
      if (!k) return;
      const prev = seen.get(k);
      if (prev !== undefined) {
        this.add({ severity: 'error', code: 'duplicate-column', row: this.rowNo(this.header!.index), column: this.colName(i), value: c.header, expected: 'each column named once', message: { zh: `“${c.header}”与 ${this.colName(prev)} 列表示同一内容，请只保留一列`, en: `"${c.header}" names the same thing as column ${this.colName(prev)}; keep one` } });
      } else seen.set(k, i);
    });
  }

  /** The year of a value in column `c` of body row `r` (wide tables), or undefined after a finding. */
  private fixedYear(): number | undefined {
    if (this.vocab.mapping.year !== undefined) return this.vocab.mapping.year;
    if (this.sheet.sheet !== undefined) {
      const y = yearInText(this.sheet.sheet);
      if (y !== undefined) return y;
    }
    // a title above the header: 2023年各地区专利授权量
    for (let i = 0; i < this.header!.index - (this.header!.rows - 1); i++) {
      const y = yearInText(this.rows[i]!.map(cellText).join(' '));
      if (y !== undefined) return y;
    }
    return undefined;
  }

  private bodyRows: { cells: Cell[]; row: number }[] | undefined;

  /** The rows after the header, without blank rows and footnotes (`注：…` alone on its row). */
  private body(): { cells: Cell[]; row: number }[] {
    if (this.bodyRows) return this.bodyRows;
    const out: { cells: Cell[]; row: number }[] = [];
    for (let i = this.header!.index + 1; i < this.rows.length; i++) {
      const cells = this.rows[i]!;
      let first: string | undefined;
      let filled = 0;
      for (const c of cells) {
        if (c === null) continue;
        if (typeof c === 'string' && c.trim() === '') continue;
        filled++;
        if (first === undefined) first = cellText(c);
        if (filled > 1) break;
      }
      if (!filled) continue;
      if (filled === 1 && FOOTNOTE.test(halfWidth(first!))) continue;
      out.push({ cells, row: this.rowNo(i) });
    }
    return (this.bodyRows = out);
  }

  /** The unit of a row's label cell, or undefined after a finding (or for a row skipped by the mapping). */
  private unitOf(cell: Cell, row: number, col: number): string | undefined {
    const text = nameKey(cell);
    if (!text) {
      this.add({ severity: 'error', code: 'empty-unit', row, column: this.colName(col), expected: 'a province name, 全国 or a 6-digit code', message: { zh: '单位（地区）为空', en: 'the unit (province) is empty' } });
      return undefined;
    }
    const u = this.vocab.unit(text);
    if ('code' in u) return u.code;
    const policy = this.vocab.mapping.totals ?? 'error';
    if ('total' in u) {
      if (u.total === 'total' && policy === 'national') return 'CN';
      if (policy === 'skip') {
        this.add({ severity: 'warning', code: 'total-row-skipped', row, column: this.colName(col), unit: text, value: text, message: { zh: `“${text}”是${u.total === 'total' ? '合计' : '地区小计'}行，按映射文件（totals: skip）未导入`, en: `"${text}" is a ${u.total === 'total' ? 'total' : 'regional subtotal'} row, left out as the mapping says (totals: skip)` } });
        return undefined;
      }
      if (u.total === 'total') {
        this.add({ severity: 'error', code: 'total-row', row, column: this.colName(col), unit: text, value: text, expected: 'a province; or say in the mapping that 合计 is the national total (totals: national) or to leave it out (totals: skip)', message: { zh: `“${text}”是合计行，不是省份：若它就是全国数，请改写为“全国”或在映射文件中写 totals: national；若不需要，写 totals: skip（不会被自动相加或丢弃）`, en: `"${text}" is a total row, not a province: if it is the national figure write 全国 or set totals: national in the mapping; to leave it out set totals: skip (it is never summed or dropped silently)` } });
      } else {
        this.add({ severity: 'error', code: 'regional-row', row, column: this.colName(col), unit: text, value: text, expected: 'a province (regional subtotals are computed from the provinces, not typed in)', message: { zh: `“${text}”是地区小计行，不是省份：请删除该行，或在映射文件中写 totals: skip`, en: `"${text}" is a regional subtotal, not a province: delete the row, or set totals: skip in the mapping` } });
      }
      return undefined;
    }
    const sugg = u.unknown.length ? `——是否指 ${u.unknown.join(' 或 ')}？` : '';
    const suggEn = u.unknown.length ? ` — did you mean ${u.unknown.join(' or ')}?` : '';
    this.add({
      severity: 'error',
      code: 'unknown-unit',
      row,
      column: this.colName(col),
      unit: text,
      value: text,
      expected: 'one of the 31 provinces (short or full name, 广东/广东省), 全国/CN, or a 6-digit GB/T 2260 province code (440000)',
      message: {
        zh: `“${clip(text)}”不是已知的省级单位${u.why ? `：${u.why.zh}` : ''}${sugg}（应为 31 个省（区、市）的简称或全称、全国，或以 0000 结尾的 6 位代码）`,
        en: `"${clip(text)}" is not a known province${u.why ? `: ${u.why.en}` : ''}${suggEn} (expected one of the 31 provinces, short or full name, 全国/CN, or a 6-digit code ending in 0000)`,
      },
    });
    return undefined;
  }

  /** A value cell → number/null, or undefined after a finding. */
  private valueOf(cell: Cell, entry: VariableEntry | undefined, row: number, col: number, unit: string | undefined): number | null | undefined {
    const r = parseValueCell(cell, { percent: entry?.unit === '%', count: entry?.count ?? false, ...(entry?.unit ? { unit: entry.unit } : {}) });
    if ('value' in r) return r.value;
    this.add({ severity: 'error', code: r.problem.code, row, column: this.colName(col), ...(unit ? { unit } : {}), ...(entry ? { variable: entry.code } : {}), value: clip(cellText(cell)), expected: r.problem.expected, message: r.problem.message });
    return undefined;
  }

  /** Converts a value stated in `measure` to the framework's unit, once reporting the conversion or the mismatch. */
  private convert(value: number | null, measure: string | undefined, entry: VariableEntry, row: number, col: number, unit: string, measureCol = col): number | null | undefined {
    if (measure === undefined || value === null) return value;
    const f = measureFactor(measure, entry.unit);
    const k = `${entry.code}|${measure}|${measureCol}`;
    if ('why' in f) {
      this.add({ severity: 'error', code: 'measure-mismatch', row, column: this.colName(measureCol), unit, variable: entry.code, value: measure, expected: `values in ${entry.unit ?? 'the framework’s unit'}`, message: { zh: `${entry.code}（${entry.name}）：${f.why.zh}，无法换算`, en: `${entry.code} (${entry.name}): ${f.why.en}; cannot convert` } });
      return undefined;
    }
    if (f.factor === 1) return value;
    if (!this.conversions.has(k)) {
      this.conversions.set(k, { severity: 'warning', code: 'measure-converted', file: this.sheet.file, ...(this.sheet.sheet !== undefined ? { sheet: this.sheet.sheet } : {}), row, column: this.colName(measureCol), variable: entry.code, value: measure, expected: entry.unit!, message: { zh: `${entry.code} 以 ${halfWidth(measure)} 填报，已按 ×${f.factor} 换算为框架单位 ${entry.unit}`, en: `${entry.code} is given in ${halfWidth(measure)}; converted ×${f.factor} to the framework's ${entry.unit}` } });
    }
    return Number((value * f.factor).toPrecision(15));
  }

  private push(o: Observation): void {
    if (this.sheet.sheet !== undefined) o.sheet = this.sheet.sheet;
    if (this.vocab.mapping.source && o.source === undefined) o.source = this.vocab.mapping.source;
    this.observations.push(o);
  }

  private noYear(): void {
    this.add({ severity: 'error', code: 'no-year', row: this.rowNo(this.header!.index), expected: 'a year column, a year in the sheet name or title (2023年…), or year: in the mapping', message: { zh: '无法确定数据年份：表中没有年份列，工作表名和标题中也没有年份；请在映射文件中写 year: 2023', en: 'cannot tell the data year: no year column, and no year in the sheet name or title; set year: 2023 in the mapping' } });
  }

  private unknownVariable(name: string, suggestions: string[], row: number, col: number): void {
    const k = name;
    const had = this.unknownVariables.get(k);
    if (had) {
      had.message = { zh: had.message.zh.replace(/（共 \d+ 处）$/, '') + `（共 ${(Number(/（共 (\d+) 处）$/.exec(had.message.zh)?.[1] ?? 1) + 1)} 处）`, en: had.message.en.replace(/ \(\d+ places\)$/, '') + ` (${Number(/\((\d+) places\)$/.exec(had.message.en)?.[1] ?? 1) + 1} places)` };
      return;
    }
    const mapped = this.vocab.hasVariableMapping;
    this.unknownVariables.set(k, {
      severity: 'error',
      code: 'unknown-variable',
      file: this.sheet.file,
      ...(this.sheet.sheet !== undefined ? { sheet: this.sheet.sheet } : {}),
      row,
      column: this.colName(col),
      variable: name,
      value: name,
      expected: mapped ? 'a code listed in the mapping’s variables or ignore' : 'a variable of the framework (code or Chinese name)',
      message: {
        zh: `“${clip(name)}”不是框架中的指标或变量${suggestions.length ? `——是否指 ${suggestions.join(' 或 ')}？` : ''}${mapped ? '；映射文件的 variables 与 ignore 中也没有它' : ''}`,
        en: `"${clip(name)}" is not a variable of the framework${suggestions.length ? ` — did you mean ${suggestions.join(' or ')}?` : ''}${mapped ? '; nor is it in the mapping’s variables or ignore' : ''}`,
      },
    });
  }

  private readTidy(cols: Column[]): void {
    const at: Partial<Record<Role, number[]>> = {};
    cols.forEach((c, i) => {
      if (c.kind === 'role') (at[c.role] ??= []).push(i);
    });
    const m = this.vocab.mapping;
    const varCols = (() => {
      const names = m.columns?.variable;
      if (Array.isArray(names)) return names.map((n) => cols.findIndex((c) => c.kind === 'role' && halfWidth(c.header).toLowerCase() === halfWidth(n).toLowerCase())).filter((i) => i >= 0);
      return at.variable?.slice(0, 1) ?? [];
    })();
    const need: Role[] = ['unit', 'value'];
    if (m.year === undefined) need.push('year');
    const missing = need.filter((r) => !at[r]?.length);
    if (!varCols.length) missing.push('variable');
    if (missing.length) {
      this.add({ severity: 'error', code: 'missing-column', row: this.rowNo(this.header!.index), value: clip(cols.map((c) => c.header).join(','), 120), expected: 'columns unit, year, variable, value (or 单位, 年份, 指标, 数值)', message: { zh: `缺少列：${missing.join('、')}（可在映射文件的 columns 中指定列名）`, en: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (name them in the mapping's columns)` } });
      return;
    }
    const [cu, cy, cv, cm, cf, cs, cn] = [at.unit![0]!, at.year?.[0], at.value![0]!, at.measure?.[0], at.flag?.[0], at.source?.[0], at.note?.[0]];
    for (const { cells, row } of this.body()) {
      const unit = this.unitOf(cells[cu] ?? null, row, cu);
      let year: number | undefined = m.year;
      if (cy !== undefined) {
        const yc = cells[cy] ?? null;
        year = parseYearCell(yc);
        if (year === undefined) this.add({ severity: 'error', code: 'bad-year', row, column: this.colName(cy), value: clip(cellText(yc)), ...(unit ? { unit } : {}), expected: 'a 4-digit year (2023 or 2023年)', message: { zh: `年份应为 4 位数字（如 2023），实为“${clip(cellText(yc))}”`, en: `the year must be a 4-digit year such as 2023, got "${clip(cellText(yc))}"` } });
      }
      const varName = varCols.map((i) => halfWidth(cellText(cells[i] ?? null))).join('/');
      let entry: VariableEntry | undefined;
      let code: string | undefined;
      if (!varName.replace(/\//g, '')) {
        this.add({ severity: 'error', code: 'empty-variable', row, column: this.colName(varCols[0]!), ...(unit ? { unit } : {}), expected: 'a variable code such as R18 or POP', message: { zh: '指标为空', en: 'the variable is empty' } });
      } else {
        const v = this.lookupJoined(varCols.map((i) => halfWidth(cellText(cells[i] ?? null))));
        if ('ignored' in v) continue;
        if ('variable' in v) {
          entry = v.variable;
          code = entry.code;
        } else if (this.vocab.hasVariableMapping) this.unknownVariable(varName, v.unknown, row, varCols[0]!);
        else code = varName; // kept as written: the validation names it, with suggestions
      }
      const raw = this.valueOf(cells[cv] ?? null, entry, row, cv, unit);
      if (unit === undefined || year === undefined || code === undefined || raw === undefined) continue;
      const value = entry && cm !== undefined && cellText(cells[cm] ?? null).trim() ? this.convert(raw, cellText(cells[cm] ?? null), entry, row, cm, unit) : raw;
      if (value === undefined) continue;
      const o: Observation = { unit, year, variable: code, value, file: this.sheet.file, row, column: this.colName(cv) };
      const text = (i: number | undefined): string => (i === undefined ? '' : halfWidth(cellText(cells[i] ?? null)));
      if (text(cf)) o.flag = text(cf);
      if (text(cs)) o.source = text(cs);
      if (text(cn)) o.note = text(cn);
      this.push(o);
    }
  }

  /** A variable named by one or more columns (`v4_cg_zlsyx_fm`, or `发明/v4_…` joined by `/`): the joined name, then each part. */
  private lookupJoined(parts: string[]): ReturnType<Vocabulary['variable']> {
    const joined = this.vocab.variable(parts.join('/'));
    if (parts.length === 1 || !('unknown' in joined)) return joined;
    for (const p of parts) {
      const v = this.vocab.variable(p);
      if (!('unknown' in v)) return v;
    }
    return joined;
  }

  private readUnitsByVariables(cols: Column[]): void {
    const unitCol = cols.findIndex((c) => c.kind === 'role' && c.role === 'unit');
    const labelCol = unitCol >= 0 ? unitCol : this.guessLabelColumn(cols, (t) => !('unknown' in this.vocab.unit(t)));
    const yearCol = cols.findIndex((c) => c.kind === 'role' && c.role === 'year');
    const fixed = yearCol < 0 ? this.fixedYear() : undefined;
    const valueCols = cols.map((c, i) => [c, i] as const).filter(([c, i]) => i !== labelCol && c.kind !== 'role' && c.kind !== 'skip' && c.kind !== 'empty');
    if (labelCol < 0) {
      this.add({ severity: 'error', code: 'missing-column', row: this.rowNo(this.header!.index), expected: 'a column of provinces (地区/省份/unit)', message: { zh: '找不到地区列：请在表头写“地区”，或在映射文件中写 columns: {unit: …}', en: 'no column of units found: head it 地区 or unit, or set columns: {unit: …} in the mapping' } });
      return;
    }
    if (yearCol < 0 && fixed === undefined && valueCols.some(([c]) => c.kind === 'variable' && c.year === undefined)) {
      this.noYear();
      return;
    }
    for (const [c, i] of valueCols) if (c.kind !== 'variable') this.unknownVariable(c.header, c.kind === 'unknown' ? c.suggestions : [], this.rowNo(this.header!.index), i);
    this.reportUnnamedColumns(cols, labelCol);
    for (const { cells, row } of this.body()) {
      const unit = this.unitOf(cells[labelCol] ?? null, row, labelCol);
      let year = fixed;
      if (yearCol >= 0) {
        year = parseYearCell(cells[yearCol] ?? null);
        if (year === undefined) this.add({ severity: 'error', code: 'bad-year', row, column: this.colName(yearCol), value: clip(cellText(cells[yearCol] ?? null)), expected: 'a 4-digit year', message: { zh: `年份应为 4 位数字，实为“${clip(cellText(cells[yearCol] ?? null))}”`, en: `the year must be a 4-digit year, got "${clip(cellText(cells[yearCol] ?? null))}"` } });
      }
      for (const [c, i] of valueCols) {
        if (c.kind !== 'variable') continue;
        const raw = this.valueOf(cells[i] ?? null, c.entry, row, i, unit);
        const y = c.year ?? year;
        if (raw === undefined || unit === undefined || y === undefined) continue;
        const value = this.convert(raw, c.measure, c.entry, row, i, unit);
        if (value === undefined) continue;
        this.push({ unit, year: y, variable: c.entry.code, value, file: this.sheet.file, row, column: this.colName(i) });
      }
    }
  }

  private readVariablesByUnits(cols: Column[]): void {
    const varCol = cols.findIndex((c) => c.kind === 'role' && c.role === 'variable');
    const labelCol = varCol >= 0 ? varCol : this.guessLabelColumn(cols, (t) => !('unknown' in this.vocab.variable(splitMeasure(t).name)));
    const measureCol = cols.findIndex((c) => c.kind === 'role' && c.role === 'measure');
    const fixed = this.fixedYear();
    const unitCols = cols.map((c, i) => [c, i] as const).filter(([c, i]) => i !== labelCol && (c.kind === 'unit' || c.kind === 'total' || c.kind === 'unknown'));
    if (labelCol < 0) {
      this.add({ severity: 'error', code: 'missing-column', row: this.rowNo(this.header!.index), expected: 'a column of variables (指标)', message: { zh: '找不到指标列：请在表头写“指标”，或在映射文件中写 columns: {variable: …}', en: 'no column of variables found: head it 指标 or variable, or set columns: {variable: …} in the mapping' } });
      return;
    }
    if (fixed === undefined && unitCols.some(([c]) => (c as { year?: number }).year === undefined)) {
      this.noYear();
      return;
    }
    const hr = this.rowNo(this.header!.index);
    const colUnits = new Map<number, string>();
    for (const [c, i] of unitCols) {
      const u = this.unitOf(c.header, hr, i);
      if (u !== undefined) colUnits.set(i, u);
    }
    for (const { cells, row } of this.body()) {
      const label = halfWidth(cellText(cells[labelCol] ?? null));
      const { name, measure: inName } = splitMeasure(label);
      const look = this.vocab.variable(label);
      const v = 'unknown' in look && inName !== undefined ? this.vocab.variable(name) : look;
      if ('ignored' in v) continue;
      if ('unknown' in v) {
        this.unknownVariable(label, v.unknown, row, labelCol);
        continue;
      }
      const entry = v.variable;
      const fromColumn = measureCol >= 0 && cellText(cells[measureCol] ?? null).trim() !== '';
      const measure = fromColumn ? cellText(cells[measureCol] ?? null) : v === look ? undefined : inName;
      for (const [c, i] of unitCols) {
        const unit = colUnits.get(i);
        const raw = this.valueOf(cells[i] ?? null, entry, row, i, unit);
        const y = (c as { year?: number }).year ?? fixed;
        if (raw === undefined || unit === undefined || y === undefined) continue;
        const value = this.convert(raw, measure, entry, row, i, unit, fromColumn ? measureCol : labelCol);
        if (value === undefined) continue;
        this.push({ unit, year: y, variable: entry.code, value, file: this.sheet.file, row, column: this.colName(i) });
      }
    }
  }

  /** Columns without a header that hold values: left out, and said so (never dropped silently). */
  private reportUnnamedColumns(cols: Column[], labelCol: number): void {
    const body = this.body();
    cols.forEach((c, i) => {
      if (c.kind !== 'empty' || i === labelCol) return;
      const filled = body.filter((b) => cellText(b.cells[i] ?? null).trim() !== '');
      if (!filled.length) return;
      this.add({ severity: 'warning', code: 'unnamed-column', row: filled[0]!.row, column: this.colName(i), value: clip(cellText(filled[0]!.cells[i] ?? null)), expected: 'a header naming the variable', message: { zh: `${this.colName(i)} 列没有表头，但有 ${filled.length} 个数值：未导入；请在表头写明指标`, en: `column ${this.colName(i)} has no header but ${filled.length} value${filled.length > 1 ? 's' : ''}: not imported; head it with its variable` } });
    });
  }

  /** The first column whose header names nothing and whose body cells mostly pass `test`. */
  private guessLabelColumn(cols: Column[], test: (text: string) => boolean): number {
    const body = this.body().slice(0, 40);
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.kind !== 'empty' && c.kind !== 'unknown' && !(c.kind === 'role' && (c.role === 'unit' || c.role === 'variable'))) continue;
      const texts = body.map((b) => nameKey(b.cells[i] ?? null)).filter((t) => t !== '');
      if (texts.length && texts.filter(test).length * 2 >= texts.length) return i;
    }
    return -1;
  }
}

/** The layout a header implies: tidy when it names a value column, variables × units when provinces are columns, else units × variables. */
export function detectShape(cols: Column[]): TableShape {
  const has = (r: Role): boolean => cols.some((c) => c.kind === 'role' && c.role === r);
  if (has('value')) return 'tidy';
  const units = cols.filter((c) => c.kind === 'unit' || c.kind === 'total').length;
  const vars = cols.filter((c) => c.kind === 'variable').length;
  return units >= 2 && units > vars ? 'variables-by-units' : 'units-by-variables';
}

/** The rows of a sheet with every merged range's top-left cell copied into the range (a header merged over its columns). */
function fillMerges(sheet: Sheet): Cell[][] {
  if (!sheet.merges?.length) return sheet.rows;
  const rows = sheet.rows.map((r) => r);
  for (const m of sheet.merges) {
    const v = rows[m.r0]?.[m.c0] ?? null;
    if (v === null) continue;
    for (let r = m.r0; r <= m.r1; r++) {
      if (!rows[r]) continue;
      const row = (rows[r] = [...rows[r]!]);
      for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) row[c] = v;
    }
  }
  return rows;
}
