/**
 * The import adapter: data files of any supported format → observations with findings, mapping
 * files, and the error that stops an import.
 */
import { DataError, type Framework } from '../../core/index.ts';
import { errorCount, findingToProblem, parseMapping, type Finding, type MappingFile } from '../../core/import/index.ts';
import { parseYamlFile, readText } from '../read.ts';

export { readObservationFiles, csvSheet, jsonSheet, type ReadObservationFilesOptions, type ReadObservationFilesResult, type SourceFile } from './read-files.ts';
export { readWorkbook, workbookFormat, MAX_SHEET_CELLS } from './workbook.ts';

/**
 * Reads a mapping file (YAML or JSON; see docs/import.md), checked against the framework.
 * @throws DataError listing every problem, IpIndexError for YAML syntax, FileError
 */
export function loadMapping(file: string, framework?: Framework): MappingFile {
  return parseMapping(parseYamlFile(readText(file, { what: 'Mapping file' }), file, 'Mapping file'), { file, ...(framework ? { framework } : {}) });
}

/**
 * Throws when the findings hold an error: one DataError listing every error (file, row, column,
 * unit, variable), in the language asked.
 * @throws DataError
 */
export function assertNoErrors(findings: readonly Finding[], lang: 'zh' | 'en' = 'en'): void {
  const n = errorCount(findings);
  if (!n) return;
  const errors = findings.filter((f) => f.severity === 'error');
  throw new DataError(lang === 'zh' ? `数据有 ${n} 个错误，未导入任何数据` : `The data has ${n} error${n > 1 ? 's' : ''}; nothing was imported`, errors.map((f) => findingToProblem(f, lang)));
}
