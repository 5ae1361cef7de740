/**
 * Findings: making them, sorting them, and turning them into the typed errors and problems the
 * rest of ipindex uses. Pure.
 */
import type { Problem } from '../errors.ts';
import type { Finding } from './types.ts';

/**
 * The column letter of a 0-based column index (0 → A, 26 → AA), as Excel and WPS show it.
 * @example columnLetter(27) // => 'AB'
 */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a finding is, as one text: `file [sheet] row 5, column C`. */
export function findingPlace(f: Finding, lang: 'zh' | 'en' = 'en'): string {
  const parts: string[] = [];
  if (f.file) parts.push(f.file);
  if (f.sheet) parts.push(lang === 'zh' ? `工作表“${f.sheet}”` : `sheet "${f.sheet}"`);
  if (f.row !== undefined) parts.push(lang === 'zh' ? `第 ${f.row} 行` : `row ${f.row}`);
  if (f.column) parts.push(lang === 'zh' ? `${f.column} 列` : `column ${f.column}`);
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** A finding as an ipindex {@link Problem} (file, line, field, node, English message). */
export function findingToProblem(f: Finding, lang: 'zh' | 'en' = 'en'): Problem {
  return {
    ...(f.file !== undefined ? { file: f.sheet ? `${f.file} [${f.sheet}]` : f.file } : {}),
    ...(f.row !== undefined ? { line: f.row } : {}),
    ...(f.column ? { field: f.column } : {}),
    ...(f.variable ? { node: f.variable } : {}),
    message: `${f.unit ? `${f.unit}: ` : ''}${f.message[lang]}`,
  };
}

/** Findings in reading order: errors first, then by file, sheet, row and column. */
export function sortFindings(fs: Finding[]): Finding[] {
  const cmp = (a: string | undefined, b: string | undefined): number => (a ?? '').localeCompare(b ?? '');
  return [...fs].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || cmp(a.file, b.file) || cmp(a.sheet, b.sheet) || (a.row ?? 0) - (b.row ?? 0) || cmp(a.column, b.column) || cmp(a.code, b.code));
}

/** How many findings are errors. */
export function errorCount(fs: readonly Finding[]): number {
  let n = 0;
  for (const f of fs) if (f.severity === 'error') n++;
  return n;
}
