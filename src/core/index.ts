/**
 * ipindex core: pure TypeScript (no I/O, no Node-only APIs). Runs in Node and the browser.
 */
export * from './errors.ts';
export type { Warning } from './warnings.ts';
export * from './units/index.ts';
export * from './expr/index.ts';
export * from './framework/index.ts';
export * from './panel/index.ts';
export * from './methods/index.ts';
export * from './recipe/index.ts';
export * from './analysis/index.ts';
export { parseCsv, parseCsvRecords, toCsv, csvField, formatNumber, type CsvRecord } from './text/csv.ts';
