import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
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
  parseTidyCsv,
  parseTidyJson,
  resolveRecipe,
  type Framework,
  type Grouping,
  type Observation,
  type ResolvedRecipe,
} from '../core/index.ts';
import { builtinRecipe, builtinRecipeNames, checkBuiltinRecipeFits } from '../core/recipe/default.ts';
import { suspectUnits, type SuspectUnit } from '../core/panel/unknown-units.ts';
import { PROVINCES_CSV, assertNameOrFile, frameworkPath } from './paths.ts';

/** Reads a file as UTF-8 text with a clear error when it is missing. */
export function readText(file: string): string {
  try {
    if (statSync(file).isDirectory()) throw new IpIndexError(`${file} is a folder; expected a file`);
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof IpIndexError) throw e;
    throw new IpIndexError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** SHA-256 of a file's bytes, hex. */
export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Loads a framework from a built-in name or a YAML/JSON file. */
export function loadFramework(arg: string): { framework: Framework; file: string } {
  const file = frameworkPath(arg);
  return { framework: parseFramework(readText(file), file), file };
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

/**
 * Reads tidy data files (CSV or JSON by extension). All files are parsed before anything is
 * returned; the same cell in two files with different values is an error naming both.
 * @throws DataError
 */
export function readDataFiles(files: string[], registry: UnitRegistry): { observations: Observation[]; files: DataFileInfo[]; suspectUnits: SuspectUnit[] } {
  const all: Observation[] = [];
  const info: DataFileInfo[] = [];
  const seen = new Map<string, Observation>();
  const conflicts: string[] = [];
  for (const file of files) {
    const text = readText(file);
    const ext = extname(file).toLowerCase();
    let obs: Observation[];
    if (ext === '.json') obs = parseTidyJson(text, { file, registry });
    else if (ext === '.csv' || ext === '.txt') obs = parseTidyCsv(text, { file, registry });
    else throw new DataError(`${file}: unsupported data format "${ext || basename(file)}" (expected .csv or .json; XLSX arrives with the data store)`);
    for (const o of obs) {
      const k = `${o.unit}|${o.year}|${o.variable}`;
      const prev = seen.get(k);
      if (prev && prev.value !== o.value) conflicts.push(`${o.file}:${o.row} and ${prev.file}:${prev.row}: ${o.variable} for ${o.unit} ${o.year} is ${o.value} and ${prev.value}`);
      seen.set(k, o);
    }
    all.push(...obs);
    info.push({ file, sha256: sha256File(file), rows: obs.length });
  }
  if (conflicts.length) {
    throw new DataError(`Data files disagree on ${conflicts.length} cell${conflicts.length > 1 ? 's' : ''}; nothing was read`, conflicts.slice(0, 50).map((message) => ({ message })));
  }
  // Latin-letter units close to a known unit's name (Guangdon): reported, not silently new units
  return { observations: all, files: info, suspectUnits: suspectUnits(all, registry) };
}

/** Reads groupings (YAML). */
export function loadGroupings(file: string, registry: UnitRegistry): Grouping[] {
  return buildGroupings(parseYamlFile(readText(file), file, 'Groupings'), registry, file);
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
  const named = builtinRecipe(arg);
  if (named) {
    if (framework) checkBuiltinRecipeFits(arg, framework);
    return { recipe: resolveRecipe(named, framework) };
  }
  assertNameOrFile(arg, 'recipe', builtinRecipeNames());
  const raw = parseYamlFile(readText(arg), arg, 'Recipe');
  return { recipe: resolveRecipe(raw, framework, arg), file: arg };
}
