import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  DataError,
  IpIndexError,
  NATIONAL_UNIT,
  UnitRegistry,
  buildGroupings,
  parseCsv,
  parseFramework,
  parseTidyJson,
  resolveRecipe,
  type Framework,
  type Grouping,
  type Observation,
  type ResolvedRecipe,
} from '../core/index.ts';
import { CsvReader } from '../core/text/csv.ts';
import { TidyTableReader } from '../core/panel/parse.ts';
import { builtinRecipe, builtinRecipeNames, checkBuiltinRecipeFits } from '../core/recipe/default.ts';
import { suspectUnits, type SuspectUnit } from '../core/panel/unknown-units.ts';
import { FileError, READ_LIMITS, readChunks, readTextChunks, readTextFile, type ReadOptions } from './files.ts';
import { PROVINCES_CSV, assertNameOrFile, frameworkPath } from './paths.ts';
import { readObservationFiles } from './import/read-files.ts';
import { errorCount, findingToProblem, type Finding, type MappingFile } from '../core/import/index.ts';

export { READ_LIMITS, FileError, fsErrorText } from './files.ts';

/**
 * Reads a regular file of at most {@link READ_LIMITS}.textBytes (or `o.limit`) as strict UTF-8
 * text, with a clear error when it is missing, a folder, a device or pipe, too large, not
 * permitted or not UTF-8 (GBK/GB18030 and UTF-16 are recognised and named).
 * @throws FileError
 */
export function readText(file: string, o: ReadOptions = {}): string {
  return readTextFile(file, { limit: READ_LIMITS.textBytes, limitName: 'textBytes', ...o });
}

/** SHA-256 of a file's bytes, hex (a regular file within the data size limit). @throws FileError */
export function sha256File(file: string): string {
  const h = createHash('sha256');
  readChunks(file, { limit: READ_LIMITS.dataBytes, limitName: 'dataBytes' }, (b) => h.update(b));
  return h.digest('hex');
}

/** Loads a framework from a built-in name or a YAML/JSON file. */
export function loadFramework(arg: string): { framework: Framework; file: string } {
  const file = frameworkPath(arg);
  return { framework: parseFramework(readText(file, { what: 'Framework file' }), file), file };
}

/** The province registry (GB/T 2260 codes, short/full/English names) plus `CN`. */
export function loadRegistry(file = PROVINCES_CSV): UnitRegistry {
  const [head, ...rows] = parseCsv(readText(file));
  const col = (name: string): number => head!.indexOf(name);
  const units = rows.map((r) => ({
    code: r[col('code')]!,
    name: { zh: r[col('short_zh')]!, en: r[col('name_en')]! },
    aliases: [r[col('full_zh')]!],
  }));
  return new UnitRegistry([...units, NATIONAL_UNIT]);
}

/** Province attributes (region, GDP, population) by code, for sample data and maps. */
export function loadProvinces(file = PROVINCES_CSV): Record<string, string>[] {
  const [head, ...rows] = parseCsv(readText(file));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

/** Information about one data file read, for the run manifest. */
export interface DataFileInfo {
  file: string;
  sha256: string;
  rows: number;
}

const isFolder = (p: string): boolean => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const ROWS_NOTE = 'READ_LIMITS.dataRows, over all data files of a run; it is set from the memory available: NODE_OPTIONS=--max-old-space-size=<MiB> raises it up to 5 million';

/**
 * Reads one tidy CSV data file as a stream: 1 MiB chunks decoded as strict UTF-8, parsed record by
 * record into observations (never the whole text or a table of strings in memory), hashed on the
 * way. At most `maxRows` rows.
 * @throws DataError, FileError
 */
export function readTidyCsvFile(file: string, registry: UnitRegistry | undefined, maxRows = READ_LIMITS.dataRows): { observations: Observation[]; sha256: string } {
  const tidy = new TidyTableReader({ file, ...(registry ? { registry } : {}), maxRows, maxRowsNote: ROWS_NOTE });
  const csv = new CsvReader((fields, line) => tidy.add(fields, line), file);
  const h = createHash('sha256');
  readTextChunks(file, { limit: READ_LIMITS.dataBytes, limitName: 'dataBytes', what: 'Data file' }, (text) => csv.push(text), (b) => h.update(b));
  csv.end();
  return { observations: tidy.finish(), sha256: h.digest('hex') };
}

/** Options of {@link readDataFiles}: what the import reader needs for workbooks, wide tables and other encodings. */
export interface ReadDataOptions {
  /** The framework: lets XLSX/XLS files and mapped or wide tables be read (variables by code or name). */
  framework?: Framework;
  /** A mapping (see docs/import.md): every file is read through the import reader with it. */
  mapping?: MappingFile;
  /** Text encoding of CSV/JSON files: `utf-8` (default, strict), or `auto`/`gb18030` to read GBK files too. */
  encoding?: 'utf-8' | 'auto' | 'gb18030';
}

/**
 * Reads data files. Tidy CSV (UTF-8) and JSON by extension, CSV streamed ({@link readTidyCsvFile});
 * with a framework, XLSX and XLS workbooks too, and — with a mapping or an encoding other than
 * UTF-8 — every file through the import reader (`readObservationFiles`: any layout, GBK, the
 * mapping), whose errors are one DataError and whose warnings are returned. All files are parsed
 * before anything is returned; the same cell in two files with different values is an error
 * naming both; all files together may hold at most {@link READ_LIMITS}.dataRows rows.
 * @throws DataError, FileError
 */
export function readDataFiles(files: string[], registry: UnitRegistry, options: ReadDataOptions = {}): { observations: Observation[]; files: DataFileInfo[]; suspectUnits: SuspectUnit[]; warnings: Finding[] } {
  let all: Observation[] = [];
  const info: DataFileInfo[] = [];
  const seen = files.length > 1 ? new Map<string, Observation>() : undefined;
  const conflicts: string[] = [];
  const warnings: Finding[] = [];
  for (const file of files) {
    if (isFolder(file)) throw new FileError(`${file} is a folder; expected a data file (CSV or JSON)`);
    const ext = extname(file).toLowerCase();
    let obs: Observation[];
    let sha256: string;
    const budget = READ_LIMITS.dataRows - all.length;
    const imported = options.framework && (options.mapping || (options.encoding && options.encoding !== 'utf-8') || ext === '.xlsx' || ext === '.xls');
    if (imported) {
      const r = readObservationFiles([file], { framework: options.framework!, registry, ...(options.mapping ? { mapping: options.mapping } : {}), encoding: options.encoding ?? 'utf-8' });
      assertNoErrors(r.problems);
      for (const w of r.problems) warnings.push(w);
      obs = r.observations;
      if (obs.length > budget) throw new DataError(`Data file ${file} has more than ${budget} rows, the most one run reads (${ROWS_NOTE}); split the data or raise the limit`);
      sha256 = r.sources[0]!.sha256;
    } else if (ext === '.xlsx' || ext === '.xls') {
      throw new DataError(`${file}: a workbook is read against a framework (readDataFiles(files, registry, { framework }))`);
    } else if (ext === '.json') {
      const bytes = { limit: READ_LIMITS.jsonDataBytes, limitName: 'jsonDataBytes' as const, what: 'Data file' };
      obs = parseTidyJson(readTextFile(file, bytes), { file, registry, maxRows: budget, maxRowsNote: ROWS_NOTE });
      sha256 = sha256File(file);
    } else if (ext === '.csv' || ext === '.txt') ({ observations: obs, sha256 } = readTidyCsvFile(file, registry, budget));
    else throw new DataError(`${file}: unsupported data format "${ext || basename(file)}" (expected .csv, .json, .xlsx or .xls)`);
    if (seen) {
      for (const o of obs) {
        const k = `${o.unit}|${o.year}|${o.variable}`;
        const prev = seen.get(k);
        if (prev && prev.value !== o.value) conflicts.push(`${o.file}:${o.row} and ${prev.file}:${prev.row}: ${o.variable} for ${o.unit} ${o.year} is ${o.value} and ${prev.value}`);
        seen.set(k, o);
      }
    }
    // appended one by one: a spread (push(...obs)) overflows the stack at ~125 000 rows
    if (!all.length) all = obs;
    else for (const o of obs) all.push(o);
    info.push({ file, sha256, rows: obs.length });
  }
  if (conflicts.length) {
    throw new DataError(`Data files disagree on ${conflicts.length} cell${conflicts.length > 1 ? 's' : ''}; nothing was read`, conflicts.slice(0, 50).map((message) => ({ message })));
  }
  // Latin-letter units close to a known unit's name (Guangdon): reported, not silently new units
  return { observations: all, files: info, suspectUnits: suspectUnits(all, registry), warnings };
}

/** Throws one DataError listing the errors among import findings (English). @throws DataError */
function assertNoErrors(findings: readonly Finding[]): void {
  const n = errorCount(findings);
  if (n) throw new DataError(`The data has ${n} error${n > 1 ? 's' : ''}; nothing was read`, findings.filter((f) => f.severity === 'error').map((f) => findingToProblem(f)));
}

/** Reads groupings (YAML). */
export function loadGroupings(file: string, registry: UnitRegistry): Grouping[] {
  return buildGroupings(parseYamlFile(readText(file, { what: 'Groupings file' }), file, 'Groupings'), registry, file);
}

/** Parses YAML (or JSON) text, turning a syntax error into a message with file and line. */
export function parseYamlFile(text: string, file: string, what: string): unknown {
  try {
    return parseYaml(text);
  } catch (e) {
    const err = e as Error & { linePos?: { line: number }[] };
    const line = err.linePos?.[0]?.line;
    throw new IpIndexError(`${what} ${file}${line ? `:${line}` : ''} is not valid YAML/JSON: ${err.message.split('\n')[0]}`);
  }
}

/**
 * Resolves a recipe argument: a built-in name (`cnipa-regional`, `cnipa-national`, `default`) or
 * a JSON/YAML file. A CNIPA recipe is refused for a framework it was not made for, and a bare
 * word that is neither a built-in nor a file gets the closest built-in names.
 * @throws RecipeError, IpIndexError
 */
export function loadRecipe(arg: string, framework?: Framework): { recipe: ResolvedRecipe; file?: string } {
  // own names only: `-r __proto__` or `-r constructor` is not a built-in recipe
  const named = builtinRecipeNames().includes(arg) ? builtinRecipe(arg) : undefined;
  if (named) {
    if (framework) checkBuiltinRecipeFits(arg, framework);
    return { recipe: resolveRecipe(named, framework) };
  }
  assertNameOrFile(arg, 'recipe', builtinRecipeNames());
  const raw = parseYamlFile(readText(arg, { what: 'Recipe file' }), arg, 'Recipe');
  return { recipe: resolveRecipe(raw, framework, arg), file: arg };
}
