/**
 * The layout of a collection template (数据填报模板), shared by the writer and the reader: the
 * sheet names, the header rows, and the machine-readable description the writer keeps in a
 * hidden sheet so that a filled template imports back exactly (which cell is which unit and
 * variable), whatever the provider did to column widths or formats.
 */

/** Name of the instructions sheet. */
export const INSTRUCTIONS_SHEET = '填报说明';
/** Name of the data sheet. */
export const DATA_SHEET = '数据填报';
/** Name of the hidden sheet holding {@link TemplateMeta} as JSON in cell A1. */
export const META_SHEET = '_ipindex';
/** `format` of {@link TemplateMeta}. */
export const TEMPLATE_FORMAT = 'ipindex-template';

/** Rows of the data sheet's header block: title, code, name, unit, definition, rule, column labels. */
export const HEADER_ROWS = { title: 1, code: 2, name: 3, unit: 4, definition: 5, rule: 6, columns: 7 } as const;
/** First data row of the data sheet. */
export const FIRST_DATA_ROW = 8;
/** Columns of the data sheet before the variables: unit code, unit name. */
export const UNIT_CODE_COL = 1;
export const UNIT_NAME_COL = 2;

/** What a template is, kept with it (hidden sheet `_ipindex`, JSON in A1). */
export interface TemplateMeta {
  format: typeof TEMPLATE_FORMAT;
  /** Layout version of this description. */
  layout: 1;
  framework: { id: string; version: string; sha256: string };
  /** The data year the template collects. */
  year: number;
  provider: { id: string; name: string };
  sheet: string;
  /** Per variable: the column (1-based) of the value to fill, and of last year's value if shown. */
  columns: { variable: string; col: number; previousCol?: number }[];
  /** Per unit: its row (1-based) and code. */
  rows: { unit: string; row: number }[];
  /** ipindex version that wrote it. */
  software: string;
}
