/**
 * Cells as people type them: full-width digits and punctuation, thousands separators, a `%`
 * sign, dashes and slashes for missing, trailing spaces. What is unambiguous is read; what could
 * mean two things (`1.234,5`, `12%` for an indicator that is not a share) is refused with a
 * message saying why. Pure functions.
 */
import type { Bilingual, Cell, PercentCell } from './types.ts';

/**
 * Text with full-width ASCII forms (`１２３．４`, `，`, `％`, `－`) turned into their half-width
 * forms, the ideographic space and no-break spaces into plain spaces, then trimmed.
 * @example halfWidth(' １２３．４％ ') // => '123.4%'
 */
export function halfWidth(s: string): string {
  // printable ASCII (nearly every cell of a large file): nothing to convert
  if (/^[\x20-\x7e]*$/.test(s)) return s.trim();
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0 || c === 0x2007 || c === 0x202f) out += ' ';
    else out += ch;
  }
  return out.trim();
}

/** Markers people write for "no value" (compared after {@link halfWidth}, ignoring case). */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', '-', '--', '—', '——', '–', '/', '..', '...', '…', '……'];
const MISSING = new Set(MISSING_MARKERS);

/** What a value cell is expected to hold: whether its variable is a share in %, and whether a count. */
export interface ValueCellContext {
  /** The variable's unit is `%`: a `%` sign and a percent-formatted cell are accepted. */
  percent?: boolean;
  /** The variable counts things (件, 项, 人…): `1.234` is ambiguous (a European thousands dot?). */
  count?: boolean;
  /** The variable's unit, for messages. */
  unit?: string;
}

/** A cell problem: a finding code, what was expected and the message. */
export interface CellProblem {
  code: string;
  expected: string;
  message: Bilingual;
}

/** The number a cell holds, null for a missing marker, or the problem. */
export type CellResult = { value: number | null } | { problem: CellProblem };

const PLAIN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const EXCEL_ERROR = /^#(DIV\/0!|N\/A|REF!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

const isPercentCell = (c: Cell): c is PercentCell => c !== null && typeof c === 'object';

/** A number ×100 without the binary noise (0.123 × 100 = 12.3, not 12.300000000000001). */
const times100 = (x: number): number => Number((x * 100).toPrecision(15));

/**
 * A cell's text as written (for messages): the number, `12%` for a percent cell, '' for empty.
 * @example cellText({ percentOf: 0.12 }) // => '12%'
 */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  if (isPercentCell(c)) return `${times100(c.percentOf)}%`;
  return c;
}

const EXPECTED = { en: 'a number such as 1234.5 (1,234 and full-width digits are fine), or empty/NA/—/- for missing', zh: '数字（如 1234.5；可用千位分隔符 1,234 或全角数字），缺失可留空或填 NA、—、-' };

const problem = (code: string, zh: string, en: string, expected = EXPECTED.en): { problem: CellProblem } => ({ problem: { code, expected, message: { zh, en } } });

/**
 * Reads a value cell. Accepts plain numbers, thousands separators (`1,234`), full-width forms,
 * `%` on a share (12% → 12; an Excel cell formatted 0% holding 0.12 → 12), and the missing
 * markers. Refuses with a reason: text that is not a number (`约1200`, `1200件`), an Excel error
 * (`#DIV/0!`), `%` on a variable not in %, a decimal comma or dotted thousands (`1.234,5`,
 * `12,5`, `1.234.567`), and `1.234` for a count (1.234 or 1234?).
 * @example parseValueCell('１,２３４．５', {}) // => { value: 1234.5 }
 * @example parseValueCell('12%', { percent: true }) // => { value: 12 }
 * @example parseValueCell('—', {}) // => { value: null }
 */
export function parseValueCell(cell: Cell, ctx: ValueCellContext = {}): CellResult {
  if (cell === null) return { value: null };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell } : problem('non-numeric', `不是有限数值：${cell}`, `not a finite number: ${cell}`);
  const unit = ctx.unit ? `${ctx.unit}` : '';
  if (isPercentCell(cell)) {
    if (ctx.percent) return { value: times100(cell.percentOf) };
    return problem('percent-not-share', `单元格为百分比格式（${cellText(cell)}），但该指标的计量单位是 ${unit || '非百分比'}，不是 %：请填写以 ${unit || '其单位'} 计的数值`, `the cell is formatted as a percentage (${cellText(cell)}) but the variable's unit is ${unit || 'not %'}, not %: enter the value in ${unit || 'its unit'}`, `a number in ${unit || 'the variable’s unit'}, without %`);
  }
  const s = halfWidth(cell);
  if (MISSING.has(s.toLowerCase())) return { value: null };
  if (EXCEL_ERROR.test(s)) return problem('excel-error', `Excel 错误值 ${s}（公式无法计算）：请填入数值，或留空表示缺失`, `Excel error value ${s} (a formula that cannot be computed): enter the value, or leave the cell empty for missing`);
  let t = s;
  if (t.endsWith('%')) {
    if (!ctx.percent) {
      return problem('percent-not-share', `“${s}”带 % 号，但该指标的计量单位是 ${unit || '非百分比'}：请填写不带 % 的数值`, `"${s}" has a % sign but the variable's unit is ${unit || 'not %'}: enter the number without %`, `a number in ${unit || 'the variable’s unit'}, without %`);
    }
    t = t.slice(0, -1).trim();
  }
  if (THOUSANDS.test(t)) t = t.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(\.\d{3})+,\d+$/.test(t) || /^[-+]?\d+,\d{1,2}$/.test(t) || /^[-+]?\d+,\d{4,}$/.test(t) || /^[-+]?\d{1,3}(\.\d{3}){2,}$/.test(t)) {
    return problem('ambiguous-number', `“${s}”含义不明：逗号是小数点（欧洲写法）还是千位分隔符？请写成 1234.5 这样的数`, `"${s}" is ambiguous: is the comma a decimal comma (European style) or a thousands separator? Write it as 1234.5`, 'a number with a decimal point and optional thousands commas (1,234.5)');
  } else if (ctx.count && /^[-+]?\d{1,3}\.\d{3}$/.test(t)) {
    return problem('ambiguous-number', `“${s}”含义不明：该指标计数（${unit}），${s} 是小数还是用点作千位分隔符的 ${t.replace('.', '')}？请写成整数或去掉歧义`, `"${s}" is ambiguous for a count (${unit}): a decimal, or ${t.replace('.', '')} with a dot as the thousands separator? Write the whole number`, `a whole number of ${unit}`);
  }
  if (!PLAIN.test(t)) {
    const m = /^[约近超逾]?\s*([-+]?[\d.,]+)\s*(\S+)?$/.exec(t);
    const hint = m ? `; ${m[2] ? `the unit "${m[2]}" belongs in the header, not in the cell` : 'write the number alone'}` : '';
    const hintZh = m ? `；${m[2] ? `单位“${m[2]}”应写在表头而不是单元格里` : '只填数字'}` : '';
    return problem('non-numeric', `“${s.length > 60 ? `${s.slice(0, 60)}…` : s}”不是数字${hintZh}`, `"${s.length > 60 ? `${s.slice(0, 60)}…` : s}" is not a number${hint}`);
  }
  const v = Number(t);
  return Number.isFinite(v) ? { value: v } : problem('non-numeric', `“${s}”超出可表示的数值范围`, `"${s}" is beyond the numbers that can be represented`);
}

/**
 * Reads a year cell: 2023, `2023`, `2023年`, `２０２３年度`; undefined when the cell is not a year
 * from 1900 to 2200.
 * @example parseYearCell('2023年') // => 2023
 */
export function parseYearCell(cell: Cell): number | undefined {
  if (cell === null || isPercentCell(cell)) return undefined;
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 1900 && cell <= 2200 ? cell : undefined;
  const m = /^(\d{4})\s*(年度?)?$/.exec(halfWidth(cell));
  if (!m) return undefined;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2200 ? y : undefined;
}

/**
 * A year named in a sheet name or a title (`2023`, `2023年各地区专利授权`), if exactly one.
 * @example yearInText('2023年各地区专利授权量') // => 2023
 */
export function yearInText(s: string): number | undefined {
  const found = [...new Set([...halfWidth(s).matchAll(/(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)/g)].map((m) => Number(m[1])))];
  return found.length === 1 ? found[0] : undefined;
}

/**
 * A name cell as a key: half-width, inner spaces removed (`北␣京` with an ideographic space → `北京`), text of numbers.
 * @example nameKey('北\u3000京 ') // => '北京'
 */
export function nameKey(c: Cell): string {
  return halfWidth(cellText(c)).replace(/\s+/g, '');
}
