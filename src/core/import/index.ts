/**
 * Import: reading the tables analysts actually have (tidy or wide, with a mapping for foreign
 * codes) into tidy observations, and validating observations before they are stored. Pure: the
 * Node reader in src/io/import turns files into {@link Sheet}s.
 */
import type { Framework } from '../framework/types.ts';
import type { UnitRegistry } from '../panel/registry.ts';
import type { Observation } from '../panel/types.ts';
import { mappingFor, type MappingFile } from './mapping.ts';
import { readTable } from './table.ts';
import type { Finding, Sheet, TableShape } from './types.ts';
import { Vocabulary } from './vocabulary.ts';

export type { Bilingual, Cell, Finding, Mapping, MergedRange, PercentCell, Sheet, TableShape, TotalRowPolicy } from './types.ts';
export { halfWidth, parseValueCell, parseYearCell, yearInText, cellText, MISSING_MARKERS, type CellResult, type ValueCellContext } from './cells.ts';
export { parseMapping, mappingFor, type MappingFile } from './mapping.ts';
export { readTable, detectShape, measureFactor, type TableResult } from './table.ts';
export { Vocabulary } from './vocabulary.ts';
export { validateObservations, groupDigits, type ValidateOptions, type ValidationThresholds } from './validate.ts';
export { columnLetter, findingPlace, findingToProblem, sortFindings, errorCount } from './findings.ts';

/** Options of {@link readSheets}. */
export interface ReadSheetsOptions {
  framework: Framework;
  registry: UnitRegistry;
  /** The mapping (with per-file overrides); default: headers and codes recognised by name. */
  mapping?: MappingFile;
}

/** What the tables gave: observations, findings, and per table the layout found. */
export interface ReadSheetsResult {
  observations: Observation[];
  findings: Finding[];
  tables: { file: string; sheet?: string; shape?: TableShape; headerRow?: number; observations: number }[];
}

/**
 * Reads tables (CSV files, JSON files, worksheets) into tidy observations: each with its own
 * layout and the mapping that applies to its file (sheets the mapping does not list are skipped).
 * Every problem is a finding; observations of cells that could be read are returned either way,
 * so that all problems of all files are reported at once.
 */
export function readSheets(sheets: readonly Sheet[], options: ReadSheetsOptions): ReadSheetsResult {
  const observations: Observation[] = [];
  const findings: Finding[] = [];
  const tables: ReadSheetsResult['tables'] = [];
  const vocabs = new Map<string, Vocabulary>();
  for (const s of sheets) {
    let vocab = vocabs.get(s.file);
    if (!vocab) vocabs.set(s.file, (vocab = new Vocabulary(options.framework, options.registry, options.mapping ? mappingFor(options.mapping, s.file) : {})));
    const only = vocab.mapping.sheets;
    if (only && s.sheet !== undefined && !only.includes(s.sheet)) continue;
    const r = readTable(s, vocab);
    for (const o of r.observations) observations.push(o);
    for (const f of r.findings) findings.push(f);
    tables.push({ file: s.file, ...(s.sheet !== undefined ? { sheet: s.sheet } : {}), ...(r.shape ? { shape: r.shape } : {}), ...(r.headerRow !== undefined ? { headerRow: r.headerRow } : {}), observations: r.observations.length });
  }
  return { observations, findings, tables };
}
