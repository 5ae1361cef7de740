/**
 * Finding a table's header and what each column is: a role (unit, year, variable, value…), a
 * variable, a unit, or a column to leave out — for a header on any of the first rows, over one
 * or two rows (merged header cells: 专利授权量 over 合计 | 发明; a year over its variables). Pure.
 */
import { parseUnit } from '../units/unit.ts';
import { cellText, halfWidth, parseYearCell } from './cells.ts';
import type { Cell, Mapping } from './types.ts';
import type { VariableEntry, Vocabulary } from './vocabulary.ts';

/** The roles a column may have in a tidy table. */
export type Role = 'unit' | 'year' | 'variable' | 'value' | 'flag' | 'source' | 'note' | 'measure';

const ROLE_ALIASES: Record<Role, string[]> = {
  unit: ['unit', 'ucode', 'province', 'region', '单位', '地区', '地区代码', '省份', '省份名称', '地区名称', '省(区、市)', '省(区,市)', '省区市', '省市'],
  year: ['year', 'time', '年份', '年度', '数据年份', '时间'],
  variable: ['variable', 'icode', 'indicator', 'code', '指标', '变量', '指标代码', '指标名称', '项目'],
  value: ['value', '数值', '值', '指标值', '数据'],
  flag: ['flag', '标记'],
  source: ['source', '来源', '数据来源'],
  note: ['note', '备注', '说明'],
  measure: ['measure', '计量单位', '度量单位'],
};
/** Columns that are neither data nor names: row numbers and ranks. */
const SKIP = new Set(['序号', '编号', '排名', '名次', '排序', '行次', 'no', 'no.', 'rank', '#']);

const key = (s: string): string => halfWidth(s).replace(/\s+/g, '').toLowerCase();
const ROLE_BY_KEY = new Map<string, Role>(Object.entries(ROLE_ALIASES).flatMap(([r, names]) => names.map((n) => [key(n), r as Role] as [string, Role])));

/** What one column holds. */
export type Column =
  | { kind: 'role'; role: Role; header: string }
  | { kind: 'variable'; entry: VariableEntry; header: string; measure?: string; year?: number }
  | { kind: 'unit'; code: string; header: string; year?: number }
  | { kind: 'total'; header: string; which: 'total' | 'regional'; year?: number }
  | { kind: 'skip'; header: string; why: 'ignored' | 'index' }
  | { kind: 'unknown'; header: string; suggestions: string[]; year?: number }
  | { kind: 'empty'; header: string; year?: number };

/** A header cell split into its name and a unit of measure in brackets: `专利授权量（万件）` → 专利授权量, 万件. */
export function splitMeasure(text: string): { name: string; measure?: string } {
  const t = halfWidth(text);
  const m = /^(.*?)\s*[(（]\s*([^()（）]+?)\s*[)）]$/.exec(t);
  if (!m || !m[1]) return { name: t };
  try {
    parseUnit(m[2]!);
    return { name: m[1], measure: m[2]! };
  } catch {
    return { name: t };
  }
}

/** The role of a header in the mapping's `columns`, or by its usual names. */
function roleOf(header: string, mapping: Mapping): Role | undefined {
  const k = key(header);
  if (!k) return undefined;
  const cols = mapping.columns;
  if (cols) {
    for (const [role, h] of Object.entries(cols) as [Role, string | string[] | undefined][]) {
      if (h === undefined) continue;
      if ((Array.isArray(h) ? h : [h]).some((x) => key(x) === k)) return role;
    }
  }
  return ROLE_BY_KEY.get(k);
}

/** What one header cell names. */
export function classifyHeader(text: string, vocab: Vocabulary): Column {
  const header = halfWidth(text);
  if (!header) return { kind: 'empty', header };
  const role = roleOf(header, vocab.mapping);
  if (role) return { kind: 'role', role, header };
  if (vocab.isIgnored(header)) return { kind: 'skip', header, why: 'ignored' };
  if (SKIP.has(key(header))) return { kind: 'skip', header, why: 'index' };
  const whole = vocab.variable(header);
  const { name, measure } = splitMeasure(header);
  const v = 'variable' in whole || measure === undefined ? whole : vocab.variable(name);
  if ('variable' in v) return { kind: 'variable', entry: v.variable, header, ...(measure !== undefined && v !== whole ? { measure } : {}) };
  if ('ignored' in v) return { kind: 'skip', header, why: 'ignored' };
  const u = vocab.unit(header);
  if ('code' in u) return { kind: 'unit', code: u.code, header };
  if ('total' in u) return { kind: 'total', header, which: u.total };
  return { kind: 'unknown', header, suggestions: v.unknown };
}

/** Whether a column counts towards recognising a header row. */
const known = (c: Column): boolean => c.kind === 'role' || c.kind === 'variable' || c.kind === 'unit' || c.kind === 'total' || (c.kind === 'skip' && c.why === 'ignored');

/** The columns of a header, one row or two (upper row filled right across its merged or blank continuation cells). */
export function classifyColumns(lower: Cell[], upper: Cell[] | undefined, vocab: Vocabulary): Column[] {
  const width = Math.max(lower.length, upper?.length ?? 0);
  const out: Column[] = [];
  let carry = '';
  for (let c = 0; c < width; c++) {
    const l = halfWidth(cellText(lower[c] ?? null));
    if (!upper) {
      out.push(classifyHeader(l, vocab));
      continue;
    }
    const own = halfWidth(cellText(upper[c] ?? null));
    if (own) carry = own;
    const u = own || (l ? carry : '');
    if (!u) {
      out.push(classifyHeader(l, vocab));
      continue;
    }
    if (!l || l === u) {
      out.push(classifyHeader(u, vocab));
      continue;
    }
    const year = parseYearCell(u);
    if (year !== undefined) {
      const col = classifyHeader(l, vocab);
      out.push(col.kind === 'role' || col.kind === 'skip' ? col : { ...col, year });
      continue;
    }
    let found: Column | undefined;
    for (const k of [`${u}/${l}`, `${u}|${l}`, `${u}${l}`, `${l}${u}`]) {
      const col = classifyHeader(k, vocab);
      if (col.kind === 'variable' || (col.kind === 'skip' && col.why === 'ignored')) {
        found = { ...col, header: `${u}/${l}` };
        break;
      }
    }
    const alone = classifyHeader(l, vocab);
    out.push(found ?? (alone.kind === 'unknown' ? { ...alone, header: `${u}/${l}` } : alone));
  }
  return out;
}

/** The header a table was found to have. */
export interface HeaderChoice {
  /** Index (in the rows given) of the last header row. */
  index: number;
  /** How many rows the header spans (1 or 2). */
  rows: number;
  columns: Column[];
}

/** How many rows are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The header of a table: the row (or pair of rows) among the first {@link HEADER_SEARCH_ROWS}
 * whose cells name the most columns, roles, variables or units (the mapping's `headerRow` and
 * `headerRows` fix it). Undefined when no row names any.
 */
export function findHeader(rows: Cell[][], vocab: Vocabulary, fixed: { index?: number; rows?: number } = {}): HeaderChoice | undefined {
  // a column the upper header row adds to (a year over it, a merged name joined to its own) counts a half more
  const score = (cols: Column[]): number => cols.filter(known).length + 0.5 * cols.filter((c) => known(c) && ((c as { year?: number }).year !== undefined || c.header.includes('/'))).length;
  const candidates = fixed.index !== undefined ? [fixed.index] : rows.slice(0, HEADER_SEARCH_ROWS).map((_, i) => i);
  let best: HeaderChoice | undefined;
  let bestScore = 0;
  for (const i of candidates) {
    const row = rows[i];
    if (!row) continue;
    const options: HeaderChoice[] = [];
    if (fixed.rows !== 2) options.push({ index: i, rows: 1, columns: classifyColumns(row, undefined, vocab) });
    if (fixed.rows !== 1 && i > 0 && rows[i - 1]!.some((c) => cellText(c).trim() !== '')) options.push({ index: i, rows: 2, columns: classifyColumns(row, rows[i - 1], vocab) });
    for (const o of options) {
      const s = score(o.columns);
      if (s > bestScore) {
        best = o;
        bestScore = s;
      }
    }
  }
  return best;
}
