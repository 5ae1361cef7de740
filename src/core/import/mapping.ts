/**
 * The mapping file: a small YAML file kept with a provider's data saying which column is the
 * unit, year, variable and value, which foreign code is which variable, and how the table is
 * laid out. Parsed from the plain object YAML gives; every mistake is reported at once. Pure.
 */
import { DataError, type Problem } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { didYouMean, suggestionText } from '../text/suggest.ts';
import type { Mapping, TableShape, TotalRowPolicy } from './types.ts';

/** A mapping file: defaults, and overrides for files whose name matches a pattern (`*` any text). */
export interface MappingFile extends Mapping {
  files?: { match: string; mapping: Mapping }[];
}

const KEYS = ['columns', 'variables', 'ignore', 'units', 'year', 'shape', 'header_row', 'header_rows', 'sheets', 'totals', 'source', 'files', 'note', 'description'];
const COLUMN_KEYS = ['unit', 'year', 'variable', 'value', 'measure', 'flag', 'source', 'note'];
const SHAPES: TableShape[] = ['tidy', 'units-by-variables', 'variables-by-units'];
const TOTALS: TotalRowPolicy[] = ['error', 'national', 'skip'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * Checks and converts a parsed mapping file. Variables it maps to must exist in the framework
 * (when given); unknown keys get the closest known key.
 * @throws DataError listing every problem with the file and key
 */
export function parseMapping(raw: unknown, options: { file?: string; framework?: Framework } = {}): MappingFile {
  const file = options.file;
  const problems: Problem[] = [];
  const bad = (field: string, message: string): void => void problems.push({ ...(file ? { file } : {}), field, message });
  if (raw === null || raw === undefined) return {};
  if (!isObject(raw)) throw new DataError(`Mapping file ${file ?? ''}: expected a mapping of keys (columns, variables, ignore, units, year, shape, header_row, totals, files)`.replace('  ', ' '));
  const known = new Set(options.framework ? [...options.framework.nodes.filter((n) => n.kind !== 'aggregate').map((n) => n.code), ...options.framework.variables.map((v) => v.code)] : []);
  const one = (o: Record<string, unknown>, where: string): Mapping => {
    const m: Mapping = {};
    for (const k of Object.keys(o)) if (!KEYS.includes(k) || (where !== '' && k === 'files')) bad(`${where}${k}`, `unknown key${suggestionText(didYouMean(k, KEYS))}${suggestionText(didYouMean(k, KEYS)) ? '' : ` (expected ${KEYS.join(', ')})`}`);
    if (o.columns !== undefined) {
      if (!isObject(o.columns)) bad(`${where}columns`, 'expected a mapping such as {unit: province, year: year, variable: code, value: value}');
      else {
        const cols: NonNullable<Mapping['columns']> = {};
        for (const [k, v] of Object.entries(o.columns)) {
          if (!COLUMN_KEYS.includes(k)) {
            bad(`${where}columns.${k}`, `unknown column role${suggestionText(didYouMean(k, COLUMN_KEYS)) || ` (expected ${COLUMN_KEYS.join(', ')})`}`);
            continue;
          }
          if (k === 'variable' && Array.isArray(v) && v.every((x) => text(x) !== undefined)) cols.variable = v.map((x) => text(x)!);
          else if (text(v) !== undefined) (cols as Record<string, string>)[k] = text(v)!;
          else bad(`${where}columns.${k}`, 'expected a column header (text)');
        }
        m.columns = cols;
      }
    }
    if (o.variables !== undefined) {
      if (!isObject(o.variables)) bad(`${where}variables`, 'expected a mapping foreign code → variable code, e.g. {v4_cg_zlsyx_fm: PATENT_VALID_INV}');
      else {
        m.variables = {};
        for (const [k, v] of Object.entries(o.variables)) {
          const to = text(v);
          if (to === undefined) bad(`${where}variables.${k}`, 'expected a variable code');
          else if (known.size && !known.has(to)) bad(`${where}variables.${k}`, `${to} is not a variable of the framework${suggestionText(didYouMean(to, known))}`);
          else m.variables[k] = to;
        }
      }
    }
    if (o.ignore !== undefined) {
      if (!Array.isArray(o.ignore) || !o.ignore.every((x) => text(x) !== undefined)) bad(`${where}ignore`, 'expected a list of foreign codes or headers');
      else m.ignore = o.ignore.map((x) => text(x)!);
    }
    if (o.units !== undefined) {
      if (!isObject(o.units) || !Object.values(o.units).every((x) => text(x) !== undefined)) bad(`${where}units`, 'expected a mapping name → unit code or name, e.g. {全省合计: 广东}');
      else m.units = Object.fromEntries(Object.entries(o.units).map(([k, v]) => [k, text(v)!]));
    }
    if (o.year !== undefined) {
      if (!Number.isInteger(o.year) || (o.year as number) < 1900 || (o.year as number) > 2200) bad(`${where}year`, `expected a 4-digit year, got ${JSON.stringify(o.year)}`);
      else m.year = o.year as number;
    }
    if (o.shape !== undefined) {
      if (!SHAPES.includes(o.shape as TableShape)) bad(`${where}shape`, `expected one of ${SHAPES.join(', ')}${suggestionText(didYouMean(String(o.shape), SHAPES))}`);
      else m.shape = o.shape as TableShape;
    }
    for (const [k, prop] of [['header_row', 'headerRow'], ['header_rows', 'headerRows']] as const) {
      const v = o[k];
      if (v === undefined) continue;
      if (!Number.isInteger(v) || (v as number) < 1 || (k === 'header_rows' && (v as number) > 2)) bad(`${where}${k}`, k === 'header_rows' ? 'expected 1 or 2' : 'expected a row number (1 = the first row)');
      else m[prop] = v as number;
    }
    if (o.sheets !== undefined) {
      if (!Array.isArray(o.sheets) || !o.sheets.every((x) => text(x) !== undefined)) bad(`${where}sheets`, 'expected a list of worksheet names');
      else m.sheets = o.sheets.map((x) => text(x)!);
    }
    if (o.totals !== undefined) {
      if (!TOTALS.includes(o.totals as TotalRowPolicy)) bad(`${where}totals`, `expected one of ${TOTALS.join(', ')}`);
      else m.totals = o.totals as TotalRowPolicy;
    }
    if (o.source !== undefined) {
      if (text(o.source) === undefined) bad(`${where}source`, 'expected a text');
      else m.source = text(o.source)!;
    }
    return m;
  };
  const out: MappingFile = one(raw, '');
  if (raw.files !== undefined) {
    if (!Array.isArray(raw.files)) bad('files', 'expected a list of {match: "name-*.xlsx", …mapping keys}');
    else {
      out.files = [];
      raw.files.forEach((f, i) => {
        if (!isObject(f) || typeof f.match !== 'string') return bad(`files[${i}]`, 'expected {match: "name-*.xlsx", …mapping keys}');
        const { match, ...rest } = f;
        out.files!.push({ match: match as string, mapping: one(rest, `files[${i}].`) });
      });
    }
  }
  if (problems.length) throw new DataError(`Mapping file ${file ?? ''} has ${problems.length} problem${problems.length > 1 ? 's' : ''}`.replace('  ', ' '), problems);
  return out;
}

/**
 * The mapping for one file: the defaults with the overrides of every `files` entry whose pattern
 * matches the file's base name (`*` matches any text), later entries winning.
 * @example mappingFor({ year: 2022, files: [{ match: '*-2023.xlsx', mapping: { year: 2023 } }] }, 'raw/patent-2023.xlsx').year // => 2023
 */
export function mappingFor(m: MappingFile, file: string): Mapping {
  const { files, ...base } = m;
  const name = file.split(/[\\/]/).pop() ?? file;
  let out: Mapping = base;
  for (const f of files ?? []) {
    const re = new RegExp(`^${f.match.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    if (re.test(name)) out = { ...out, ...f.mapping, ...(f.mapping.columns ? { columns: { ...out.columns, ...f.mapping.columns } } : {}), ...(f.mapping.variables ? { variables: { ...out.variables, ...f.mapping.variables } } : {}) };
  }
  return out;
}
