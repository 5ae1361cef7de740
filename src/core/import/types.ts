/**
 * Types of the import layer: sheets as readers hand them over (any format), mappings that say
 * which column or code is what, and findings — one located problem each, in Chinese and English.
 */

/**
 * A spreadsheet cell number whose display format is a percentage: Excel stores 12 % as 0.12 in
 * a cell formatted `0%`. Read as 12 for an indicator in %, refused for any other.
 */
export interface PercentCell {
  percentOf: number;
}

/**
 * A cell as a reader saw it: text (CSV, a text cell), a number (an XLSX/XLS number cell), a
 * number in a percent format, or null (empty). An Excel error value (`#DIV/0!`) arrives as text.
 */
export type Cell = string | number | PercentCell | null;

/** A rectangle of merged cells, 0-based and inclusive (rows of {@link Sheet.rows}). */
export interface MergedRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** One table from a file: a CSV file, a JSON file, or one worksheet of a workbook. */
export interface Sheet {
  /** File name, for messages. */
  file: string;
  /** Worksheet name (XLSX/XLS); undefined for CSV and JSON. */
  sheet?: string;
  /** The cells, row by row; rows[i] is the file's row {@link rowNumbers}[i] (default i + 1). */
  rows: Cell[][];
  /** 1-based row (line) number of each row in the file, when rows were skipped (blank lines). */
  rowNumbers?: number[];
  /** Merged cells (workbooks). */
  merges?: MergedRange[];
}

/** Text in two languages: every message of the import layer has both. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * One problem found in data, with where it is and what was expected. `error` blocks an import;
 * `warning` is kept with the data.
 */
export interface Finding {
  severity: 'error' | 'warning';
  /** Stable kind of problem, e.g. `unknown-unit`, `unit-slip` (see docs/import.md). */
  code: string;
  file?: string;
  sheet?: string;
  /** 1-based row in the file (the header counts). */
  row?: number;
  /** Column: its letter in a workbook (`C`) or its header in a CSV file, as the file names it. */
  column?: string;
  /** Unit (province) code or the text as written when it is not known. */
  unit?: string;
  variable?: string;
  /** The value as read (text as written, or the number). */
  value?: string | number | null;
  /** What was expected, in words. */
  expected?: string;
  message: Bilingual;
}

/** The shapes a table may have. */
export type TableShape = 'tidy' | 'units-by-variables' | 'variables-by-units';

/** What to do with a total row (合计/总计) or a regional subtotal (东部地区) in a provincial table. */
export type TotalRowPolicy = 'error' | 'national' | 'skip';

/**
 * How the files of a provider map onto the framework: which column holds what, which foreign
 * code is which variable, how a table is laid out. Everything is optional: without a mapping,
 * headers are recognised by name (unit/单位/地区, year/年份, variable/指标, value/数值) and
 * variables by code or Chinese name.
 */
export interface Mapping {
  /** Column headers (as written in the file) for each role; `variable` may name several columns, joined by `|`. */
  columns?: {
    unit?: string;
    year?: string;
    variable?: string | string[];
    value?: string;
    /** A column stating each row's unit of measure (件, 万元): checked against the framework's and converted between scales of the same dimension (万件 → 件). */
    measure?: string;
    flag?: string;
    source?: string;
    note?: string;
  };
  /** Foreign code, column header or block (as written) → variable code of the framework. */
  variables?: Record<string, string>;
  /** Foreign codes or headers deliberately not imported (never dropped silently otherwise). */
  ignore?: string[];
  /** Unit names as written → unit code or name the registry knows (`全省合计: 440000`). */
  units?: Record<string, string>;
  /** The year of every row, when the file has no year column (one sheet per year names it otherwise). */
  year?: number;
  /** The table's layout; detected when absent. */
  shape?: TableShape;
  /** 1-based row of the header (the last header row when there are several); detected when absent. */
  headerRow?: number;
  /** How many rows the header spans (merged header cells: 专利授权量 over 合计/发明); default detected (1 or 2). */
  headerRows?: number;
  /** Only these worksheets (names); default all. */
  sheets?: string[];
  /** 合计/总计 and regional subtotal rows: `error` (default), `national` (合计 is 全国), `skip` (left out, with a warning). */
  totals?: TotalRowPolicy;
  /** Source text given to every observation that has none. */
  source?: string;
}
