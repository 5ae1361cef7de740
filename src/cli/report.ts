/**
 * `ipindex report`: evaluates one or more indices (each a framework with its data files and
 * optionally a recipe) and writes the evaluation report — narrative, tables, figures — as HTML,
 * XLSX, DOCX and PDF into one output folder, whole or not at all. A PDF that cannot be printed
 * (no headless browser starts) is said so on stderr, and the other formats are written.
 */
import { Option, type Command } from 'commander';
import { basename, isAbsolute, relative } from 'node:path';
import { IpIndexError, buildReport, type FigureMaker, type ReportDocument, type ReportRun } from '../core/index.ts';
import { didYouMean, suggestionText } from '../core/text/suggest.ts';
import { sampleNotice } from '../core/analysis/sample-label.ts';
import { SAMPLE_DATA, softwareVersion, writeFilesAtomically } from '../io/index.ts';
import { REPORT_FORMATS, renderReport, type RenderedReport, type ReportFormat } from '../render/index.ts';
import { evaluateFiles, type EvaluateFilesResult } from './evaluate.ts';
import { evaluateFromStore } from './evaluate-store.ts';

/** One index of a report: a framework (file or built-in name), its data files, and a recipe. */
export interface ReportIndexSpec {
  framework: string;
  /** Data files; empty with a store: the index reads a vintage of the store instead. */
  data: string[];
  recipe?: string;
  /** With a store: `latest` (default) or a vintage id. */
  vintage?: string;
}

/** Options of {@link reportFiles}. */
export interface ReportFilesOptions {
  /** The indices; both CNIPA indices make one report with the national part first. */
  indices: ReportIndexSpec[];
  edition: number;
  firstEdition?: number;
  groupings?: string;
  /** Output folder (replaced whole). */
  out: string;
  /** Default all four. */
  formats?: readonly ReportFormat[];
  /** Report language (default zh). */
  lang?: 'zh' | 'en';
  /** A store (`--store`): an index given without data files reads its vintage from it (the run is recorded there). */
  store?: string;
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  edition: number;
  out: string;
  formats?: readonly ReportFormat[];
  lang?: 'zh' | 'en';
  /** Charts of the figures (default: none until the chart maker is wired in). */
  figures?: FigureMaker;
}

/** What a report run wrote. */
export interface ReportWritten {
  document: ReportDocument;
  rendered: RenderedReport;
  /** Names of the files written into the folder. */
  files: string[];
  /** Notices of the evaluations (stderr lines). */
  notices: string[];
  /** Milliseconds of each step: evaluate, build, figures, html, xlsx, docx, pdf, write. */
  timings: Record<string, number>;
}

/** Files a report folder holds; a rerun into the same folder removes those it does not rewrite. */
export const REPORT_FILES = [...REPORT_FORMATS.map((f) => `report.${f}`), 'manifest.json', 'SAMPLE-DATA.txt'];

/**
 * Parses `--format html,xlsx,docx,pdf` (any order, repeats ignored, `all` for all four).
 * @throws IpIndexError naming an unknown format, with a suggestion
 * @example parseFormats('pdf, html') // => ['html', 'pdf']
 */
export function parseFormats(s: string): ReportFormat[] {
  const asked = s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  if (!asked.length) throw new IpIndexError('--format needs one or more of html, xlsx, docx, pdf (comma-separated)');
  if (asked.includes('all')) return [...REPORT_FORMATS];
  for (const f of asked) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new IpIndexError(`未知的报告格式 ${f} / Unknown report format ${f}${suggestionText(didYouMean(f, [...REPORT_FORMATS])) || '.'} Formats: ${REPORT_FORMATS.join(', ')}`);
    }
  }
  return REPORT_FORMATS.filter((f) => asked.includes(f));
}

/** A data file as the cover names it: relative to the current folder when inside it, else its name (no private path in a published report). */
function inputLabel(file: string): string {
  const r = relative(process.cwd(), file);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r.split('\\').join('/') : basename(file);
}

/** A report run of an evaluation. */
function reportRun(e: EvaluateFilesResult): ReportRun {
  return {
    framework: e.framework,
    result: e.result,
    panel: e.panel,
    groupings: e.groupings,
    stats: e.stats,
    manifest: e.manifest,
    sampleData: e.sampleData,
    inputs: e.dataFiles.map((f) => ({ label: inputLabel(f.file), sha256: f.sha256 })),
  };
}

/**
 * Builds the report of evaluations already made and writes it: the document
 * ({@link buildReport}), its formats ({@link renderReport}), a manifest.json of the runs, and
 * SAMPLE-DATA.txt for sample inputs, as one folder ({@link writeFilesAtomically}).
 */
export async function writeReport(evaluations: EvaluateFilesResult[], o: WriteReportOptions): Promise<Omit<ReportWritten, 'notices'>> {
  if (!evaluations.length) throw new IpIndexError('No index given: a report needs at least one evaluated index');
  const lang = o.lang ?? 'zh';
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (step: string): void => {
    const now = performance.now();
    timings[step] = now - t;
    t = now;
  };
  // the national (one-unit) run first, as the report orders its parts (and so the manifests)
  evaluations = [...evaluations].sort((a, b) => Number(a.result.units.length > 1) - Number(b.result.units.length > 1));
  const registry = evaluations[0]!.registry;
  let document: ReportDocument;
  try {
    document = buildReport(evaluations.map(reportRun), { lang, edition: o.edition, unitName: (c, l) => registry.name(c, l), software: `ipindex ${softwareVersion()}`, ...(o.figures ? { figures: o.figures } : {}) });
  } catch (e) {
    if (e instanceof IpIndexError) throw e;
    throw new IpIndexError(`报告未生成 / The report cannot be made: ${(e as Error).message}`);
  }
  lap('build');
  const rendered = await renderReport(document, { ...(o.formats ? { formats: o.formats } : {}) });
  Object.assign(timings, rendered.timings);
  t = performance.now();
  const files: Record<string, string | Uint8Array> = { ...rendered.files };
  const formats = o.formats ?? REPORT_FORMATS;
  files['manifest.json'] = JSON.stringify({ report: { edition: o.edition, lang, formats, written: Object.keys(rendered.files), ...(rendered.pdfError ? { pdfNotWritten: rendered.pdfError } : {}), figureErrors: rendered.figureErrors }, runs: document.manifests }, null, 2) + '\n';
  if (evaluations.some((e) => e.sampleData)) files['SAMPLE-DATA.txt'] = sampleNotice();
  writeFilesAtomically(o.out, files, REPORT_FILES);
  lap('write');
  return { document, rendered, files: Object.keys(files), timings };
}

/**
 * Evaluates each index from its files, then writes the report ({@link writeReport}).
 * @throws IpIndexError for bad inputs (naming file, row, column, indicator) — nothing is written
 */
export async function reportFiles(o: ReportFilesOptions): Promise<ReportWritten> {
  if (!o.indices.length) throw new IpIndexError('No index given: pass --framework <file|name> --data <files…> (repeat the pair for a second index), or --sample');
  const lang = o.lang ?? 'zh';
  const t0 = performance.now();
  const evaluations: EvaluateFilesResult[] = [];
  for (const ix of o.indices) {
    const common = { framework: ix.framework, edition: o.edition, lang, ...(ix.recipe ? { recipe: ix.recipe } : {}), ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}), ...(o.groupings ? { groupings: o.groupings } : {}) };
    if (!ix.data.length && o.store) evaluations.push(await evaluateFromStore({ ...common, store: o.store, ...(ix.vintage ? { vintage: ix.vintage } : {}) }));
    else evaluations.push(evaluateFiles({ ...common, data: ix.data }));
  }
  const evaluate = performance.now() - t0;
  const w = await writeReport(evaluations, { edition: o.edition, out: o.out, lang, ...(o.formats ? { formats: o.formats } : {}) });
  return { ...w, notices: evaluations.flatMap((e) => e.notices), timings: { evaluate, ...w.timings } };
}

/** Both CNIPA indices on the bundled sample data (`--sample`, and `npm start`). */
export const SAMPLE_INDICES: ReportIndexSpec[] = [
  { framework: 'cnipa-national', data: [SAMPLE_DATA.national] },
  { framework: 'cnipa-regional', data: [SAMPLE_DATA.regional] },
];

/** The lines printed after a report is written: where, which files, and why a PDF is missing. */
export function reportLines(w: Pick<ReportWritten, 'files' | 'rendered'>, out: string, lang: 'zh' | 'en'): { stdout: string[]; stderr: string[] } {
  const written = w.files.filter((f) => f.startsWith('report.'));
  const stderr: string[] = [];
  if (w.rendered.pdfError) stderr.push(`ipindex: ${w.rendered.pdfError}`);
  for (const f of w.rendered.figureErrors) stderr.push(lang === 'en' ? `ipindex: warning: figure ${f.id} not drawn: ${f.error}` : `ipindex: 提示：图 ${f.id} 未能生成：${f.error}`);
  const stdout = [lang === 'en' ? `→ wrote the report to ${out}/ (${written.join(', ')})` : `→ 报告已写入 ${out}/（${written.join('、')}）`];
  return { stdout, stderr };
}

/**
 * Registers `ipindex report`. Indices are given as pairs: each `--framework` takes the
 * `--data` files (and `--recipe`) that follow it, up to the next `--framework`; data or a recipe
 * given before the first `--framework` belong to the first one. `--sample` adds both CNIPA
 * indices on the bundled sample data.
 */
export function registerReportCommand(program: Command): void {
  const indices: (ReportIndexSpec & { recipes: string[] })[] = [];
  const pending: { data: string[]; recipes: string[] } = { data: [], recipes: [] };
  const current = (): { data: string[]; recipes: string[] } => indices[indices.length - 1] ?? pending;
  program
    .command('report')
    .description('write the evaluation report (narrative, tables, figures) as HTML, XLSX, DOCX and PDF (评价报告)')
    .option('-f, --framework <file|name>', 'framework file or built-in name; repeat with its own --data for a second index (e.g. -f cnipa-national -d national.csv -f cnipa-regional -d regional.csv)', (v: string) => {
      indices.push({ framework: v, data: [], recipes: [] });
      return v;
    })
    .option('-d, --data <files...>', 'tidy data files of the --framework before them', (v: string) => {
      current().data.push(v);
      return v;
    })
    .option('-r, --recipe <file|name>', 'recipe of the --framework before it (default as for evaluate)', (v: string) => {
      current().recipes.push(v);
      return v;
    })
    .option('--store <db>', 'DuckDB store: a --framework given without --data reads a vintage from it (the run is recorded in the store)')
    .option('--vintage <id>', 'vintage of the --framework before it: latest (default) or an id (with --store)', (v: string) => {
      const ix = indices[indices.length - 1];
      if (!ix) throw new IpIndexError('--vintage needs a --framework before it: -f <file|name> --vintage <id> --store <db>');
      ix.vintage = v;
      return v;
    })
    .option('--sample', 'both CNIPA indices on the bundled sample data (what npm start writes)')
    .requiredOption('-e, --edition <year>', 'edition to report', (v) => {
      if (!/^\d{4}$/.test(v)) throw new IpIndexError(`--edition must be a 4-digit year, got "${v}"`);
      return Number(v);
    })
    .option('--first-edition <year>', 'first edition of the runs (default: the recipe’s, 2021)', (v) => {
      if (!/^\d{4}$/.test(v)) throw new IpIndexError(`--first-edition must be a 4-digit year, got "${v}"`);
      return Number(v);
    })
    .option('-g, --groupings <file>', 'groupings file (default: frameworks/groupings/cn-regions.yaml)')
    .option('--format <list>', 'formats, comma-separated: html,xlsx,docx,pdf (default all)', parseFormats)
    .addOption(new Option('--lang <lang>', 'report language').choices(['zh', 'en']).default('zh'))
    .requiredOption('-o, --out <dir>', 'output folder (written whole when the report is made)')
    .action(async (o) => {
      const specs: ReportIndexSpec[] = [];
      if (indices.length === 0 && (pending.data.length || pending.recipes.length)) throw new IpIndexError('--data and --recipe need a --framework: pass -f <file|name> -d <files…>');
      indices.forEach((ix, i) => {
        const data = i === 0 ? [...pending.data, ...ix.data] : ix.data;
        const recipes = i === 0 ? [...pending.recipes, ...ix.recipes] : ix.recipes;
        if (!data.length && !o.store) throw new IpIndexError(`--framework ${ix.framework} has no data: put its --data <files…> after it, or read a vintage with --store <db>`);
        if (data.length && ix.vintage) throw new IpIndexError(`--framework ${ix.framework} has both --data and --vintage: give one of them`);
        if (recipes.length > 1) throw new IpIndexError(`--framework ${ix.framework} has ${recipes.length} recipes (${recipes.join(', ')}); give at most one after it`);
        specs.push({ framework: ix.framework, data, ...(recipes[0] ? { recipe: recipes[0] } : {}), ...(ix.vintage ? { vintage: ix.vintage } : {}) });
      });
      if (o.sample) specs.push(...SAMPLE_INDICES);
      const lang = o.lang as 'zh' | 'en';
      const w = await reportFiles({ indices: specs, edition: o.edition, out: o.out, lang, ...(o.format ? { formats: o.format } : {}), ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}), ...(o.groupings ? { groupings: o.groupings } : {}), ...(o.store ? { store: o.store } : {}) });
      for (const l of w.notices) process.stderr.write(lang === 'en' ? `ipindex: warning: ${l}\n` : `ipindex: 提示：${l}\n`);
      const lines = reportLines(w, o.out, lang);
      for (const l of lines.stderr) process.stderr.write(`${l}\n`);
      process.stdout.write(lines.stdout.join('\n') + '\n');
    });
}
