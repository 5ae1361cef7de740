/**
 * `ipindex data import`: reads data files (any format and layout the readers know, and filled
 * collection templates), validates them against the framework and the latest vintage, and — only
 * when there is no error — stores them as a new vintage in one transaction, with the warnings.
 * Errors block the import and leave the store exactly as it was (not even created).
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError, type Observation } from '../core/index.ts';
import { errorCount, findingToProblem, sortFindings, validateObservations, type Finding } from '../core/import/index.ts';
import { loadFramework, loadRegistry, readText, sha256File } from '../io/index.ts';
import { readFileBytes, READ_LIMITS } from '../io/files.ts';
import { loadMapping, readObservationFiles } from '../io/import/index.ts';
import { findingsTable } from '../io/import/report.ts';
import { loadTemplate, readTemplateWorkbook } from '../io/template/read.ts';
import { StoreError, frameworkSha256, importVintage, openStore, readVintage, resolveVintage, type SourceFile, type Store, type VintageInfo } from '../store/index.ts';

/** Options of {@link dataImport}. */
export interface DataImportOptions {
  store: string;
  framework: string;
  files: string[];
  note?: string;
  /** Provider of the data (recorded with the vintage; default: the provider of the templates imported, if one). */
  provider?: string;
  /** `latest` (default), `none` or a vintage id: what the new vintage builds on. */
  base?: string;
  mapping?: string;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  lang?: 'zh' | 'en';
  /** Data years accepted (default 1949 … this year). */
  years?: { min?: number; max?: number };
  /** Test hook: pause between the steps of the transaction (ms). */
  slowMs?: number;
}

/** What an import did. */
export interface DataImportResult {
  vintage: VintageInfo;
  findings: Finding[];
  /** Console lines: the summary and the table of warnings. */
  lines: string[];
}

/** Whether a file is an ipindex collection template (an .xlsx with the hidden layout sheet). */
async function asTemplate(file: string): Promise<Awaited<ReturnType<typeof loadTemplate>>> {
  if (extname(file).toLowerCase() !== '.xlsx') return undefined;
  try {
    return await loadTemplate(readFileBytes(file, { limit: READ_LIMITS.jsonDataBytes, what: 'Data file' }));
  } catch {
    return undefined; // not readable as a template: the readers say what is wrong with it
  }
}

/** The vintage an import builds on, and its observations (for revisions and last year's values). */
async function baseVintage(store: Store | undefined, base: string, frameworkId: string): Promise<{ id: number | 'none' | 'latest'; observations?: Observation[] }> {
  if (base === 'none') return { id: 'none' };
  if (!store) {
    if (base !== 'latest') throw new StoreError(`数据库尚不存在，不能以数据版本 ${base} 为基础 / The store does not exist yet: vintage ${base} cannot be the base`);
    return { id: 'latest' };
  }
  try {
    const id = await resolveVintage(store, base, frameworkId);
    return { id, observations: await readVintage(store, id) };
  } catch (e) {
    if (base === 'latest') return { id: 'latest' }; // the first vintage of this framework
    throw e;
  }
}

/**
 * Reads, validates and imports (see the module comment). Prints nothing; returns the vintage and
 * the console lines.
 * @throws DataError listing every error (nothing is stored), StoreError
 */
export async function dataImport(o: DataImportOptions): Promise<DataImportResult> {
  const lang = o.lang ?? 'zh';
  const registry = loadRegistry();
  const { framework, file: fwFile } = loadFramework(o.framework);
  const fwText = readText(fwFile, { what: 'Framework file' });
  const fwSha = frameworkSha256(fwText);
  const findings: Finding[] = [];
  const observations: Observation[] = [];
  const sources: SourceFile[] = [];
  const others: string[] = [];
  const providers = new Set<string>();
  for (const file of o.files) {
    const t = await asTemplate(file);
    if (!t) {
      others.push(file);
      continue;
    }
    const r = readTemplateWorkbook(t.workbook, t.meta, file, framework, fwSha);
    findings.push(...r.findings);
    for (const ob of r.observations) observations.push(ob);
    sources.push({ file, sha256: sha256File(file), rows: r.observations.length });
    providers.add(t.meta.provider.id);
  }
  if (others.length) {
    const mapping = o.mapping ? loadMapping(o.mapping, framework) : undefined;
    const r = readObservationFiles(others, { framework, registry, lang, ...(mapping ? { mapping } : {}), ...(o.encoding ? { encoding: o.encoding } : {}) });
    findings.push(...r.problems);
    for (const ob of r.observations) observations.push(ob);
    for (const s of r.sources) sources.push({ file: s.file, sha256: s.sha256, rows: r.observations.filter((x) => x.file === s.file).length });
  }
  // the store is opened only when it exists: a failed first import must not leave an empty store behind
  let store = existsSync(o.store) ? await openStore(o.store) : undefined;
  try {
    const base = await baseVintage(store, o.base ?? 'latest', framework.id);
    const years = { min: o.years?.min ?? 1949, max: o.years?.max ?? new Date().getFullYear() };
    findings.push(...validateObservations(observations, framework, { registry, years, ...(base.observations ? { previous: base.observations } : {}) }));
    const sorted = sortFindings(findings);
    const errors = errorCount(sorted);
    if (errors) {
      const errs = sorted.filter((f) => f.severity === 'error');
      throw new DataError(
        lang === 'zh' ? `数据有 ${errors} 个错误，未导入任何数据（数据库未改动）` : `The data has ${errors} error${errors > 1 ? 's' : ''}; nothing was imported (the store is unchanged)`,
        errs.map((f) => findingToProblem(f, lang)),
      );
    }
    if (!observations.length) throw new DataError(lang === 'zh' ? '文件中没有可导入的数据' : 'The files hold no observations to import');
    store ??= await openStore(o.store, { create: true });
    const provider = o.provider ?? (providers.size === 1 ? [...providers][0] : undefined);
    const vintage = await importVintage(store, {
      framework: { framework, text: fwText, file: fwFile },
      observations,
      files: sources,
      problems: sorted,
      ...(provider ? { provider } : {}),
      ...(o.note !== undefined ? { note: o.note } : {}),
      base: typeof base.id === 'number' ? base.id : base.id === 'none' ? 'none' : 'latest',
      ...(o.slowMs ? { slowMs: o.slowMs } : {}),
    });
    const w = sorted.length;
    const head =
      lang === 'zh'
        ? `数据版本 ${vintage.id} 已导入 ${o.store}：${vintage.importedRows} 条观测来自 ${o.files.length} 个文件${vintage.base !== null ? `，其余 ${vintage.rows - vintage.importedRows} 条沿用数据版本 ${vintage.base}` : ''}，共 ${vintage.rows} 条；${w} 个警告随数据保存`
        : `vintage ${vintage.id} imported into ${o.store}: ${vintage.importedRows} observations from ${o.files.length} file${o.files.length > 1 ? 's' : ''}${vintage.base !== null ? `, ${vintage.rows - vintage.importedRows} kept from vintage ${vintage.base}` : ''}, ${vintage.rows} in all; ${w} warning${w === 1 ? '' : 's'} kept with it`;
    return { vintage, findings: sorted, lines: [head, ...(w ? ['', ...findingsTable(sorted, lang, registry)] : [])] };
  } finally {
    store?.close();
  }
}
