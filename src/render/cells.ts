/**
 * What every report renderer shares about the document model's text: a table cell as display
 * text or as a spreadsheet number format, and a heading's label with its number as printed.
 */
import type { HeadingBlock, TableCell } from '../core/report-model/document.ts';

/** A number cell of a table. */
export type NumberCell = Extract<TableCell, { value: number | null }>;

/** Whether a cell holds a number (or a missing number), not text. */
export function isNumberCell(cell: TableCell): cell is NumberCell {
  return 'value' in cell;
}

/** Decimals a number cell shows: its own, else 0 for `integer`, else 2. */
export function cellDecimals(cell: NumberCell): number {
  if (cell.format === 'integer') return 0;
  const d = cell.decimals ?? 2;
  return Number.isInteger(d) && d >= 0 && d <= 10 ? d : 2;
}

/** What a missing number shows as in HTML and DOCX (an XLSX cell stays empty). */
export const MISSING = '—';

/**
 * A cell as display text: numbers rounded to their decimals, `signed` with + for a positive
 * change (a change that rounds to zero shows without sign), `percent` with %, a missing number
 * as {@link MISSING}.
 * @example cellText({ value: 0.734, decimals: 2, format: 'signed' }) // => '+0.73'
 * @example cellText({ value: -0.001, decimals: 2, format: 'signed' }) // => '0.00'
 * @example cellText({ value: 12.5, decimals: 1, format: 'percent' }) // => '12.5%'
 * @example cellText({ text: '广东' }) // => '广东'
 */
export function cellText(cell: TableCell): string {
  if (!isNumberCell(cell)) return cell.text;
  const v = cell.value;
  if (v === null || !Number.isFinite(v)) return MISSING;
  const d = cellDecimals(cell);
  let s = v.toFixed(d);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1); // -0.00 → 0.00
  if (cell.format === 'signed' && v > 0 && !/^0(\.0*)?$/.test(s)) s = `+${s}`;
  if (cell.format === 'percent') s += '%';
  return s;
}

/**
 * The spreadsheet number format of a number cell (Excel / LibreOffice / WPS syntax): `0.00`,
 * `+0.00;-0.00;0.00` for signed changes, `0.0"%"` for a share already in per cent (the value is
 * not multiplied by 100), `0` for integers.
 * @example xlsxNumFmt({ value: 1, decimals: 2, format: 'signed' }) // => '+0.00;-0.00;0.00'
 */
export function xlsxNumFmt(cell: NumberCell): string {
  const d = cellDecimals(cell);
  const base = d > 0 ? `0.${'0'.repeat(d)}` : '0';
  switch (cell.format) {
    case 'signed':
      return `+${base};-${base};${base}`;
    case 'percent':
      return `${base}"%"`;
    default:
      return base;
  }
}

/**
 * A heading as printed: its number (as the document gives it: `第三章`, `一、`, `（二）`,
 * `Chapter 3`, `(1)`, `3.2`) before the text, with a space between unless the number ends in 、
 * or the full-width ）; no number, the text alone.
 * @example headingLabel({ number: '一、', text: '评价结果' }) // => '一、评价结果'
 * @example headingLabel({ number: '（二）', text: '地区' }) // => '（二）地区'
 * @example headingLabel({ number: '第三章', text: '评价结果' }) // => '第三章 评价结果'
 * @example headingLabel({ number: '(1)', text: 'IP system' }) // => '(1) IP system'
 */
export function headingLabel(h: Pick<HeadingBlock, 'number' | 'text'>): string {
  const n = h.number.trim();
  if (!n) return h.text;
  return /[、）]$/.test(n) ? `${n}${h.text}` : `${n} ${h.text}`;
}

/** Display width of a text in character cells (CJK and full-width characters count 2), for column widths. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Characters XML 1.0 cannot hold (control characters other than tab, LF, CR; U+FFFE/FFFF; lone surrogates). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g; // eslint-disable-line no-control-regex

/**
 * Text that an XML file (XLSX, DOCX) can hold: each character XML 1.0 forbids (a control
 * character from a user's file, a lone surrogate) becomes U+FFFD �, visibly, instead of making
 * the file one that Word or Excel refuses to open.
 * @example xmlSafe('a\u0001b') // => 'a\ufffdb'
 */
export function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '\ufffd');
}

/**
 * A document's title with its edition, unless the title already names it.
 * @example titleWithEdition({ title: '报告（2025年）', edition: 2025 }) // => '报告（2025年）'
 * @example titleWithEdition({ title: 'Report', edition: 2025 }) // => 'Report 2025'
 */
export function titleWithEdition(m: { title: string; edition: number }): string {
  return m.title.includes(String(m.edition)) ? m.title : `${m.title} ${m.edition}`;
}
