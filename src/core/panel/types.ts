/**
 * The one tidy data shape: one observation per (unit, year, variable).
 */
export interface Observation {
  /** Unit code: a 6-digit GB/T 2260 code, `CN`, or any code the unit registry knows. */
  unit: string;
  /** Data year. */
  year: number;
  /** Indicator or variable code. */
  variable: string;
  /** Value in the variable's unit; null = reported as missing. */
  value: number | null;
  /** Data flag, e.g. `estimated`, `provisional`, `carried-forward:2023`. */
  flag?: string;
  /** Where the value comes from (provider, publication, `sample`). */
  source?: string;
  note?: string;
  /** Source file and row, for messages and traceability. */
  file?: string;
  row?: number;
  /** Worksheet (XLSX/XLS) and column (letter in a workbook, header in a CSV file) the value was read from. */
  sheet?: string;
  column?: string;
}

/** A unit (province, country…) that data may name by code, short or full name. */
export interface UnitInfo {
  code: string;
  name: { zh: string; en?: string };
  /** Other accepted spellings (full names such as 广东省, English names). */
  aliases?: string[];
}
