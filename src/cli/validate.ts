/**
 * `ipindex validate --framework <f> <files…>`: reads data files of any supported format and
 * layout and reports every problem at once — a table on the console, optionally an XLSX or JSON
 * report with one row per problem. Exit code 1 when there is an error.
 */
import { Option, type Command } from 'commander';
import { IpIndexError, type Observation } from '../core/index.ts';
import { errorCount, sortFindings, validateObservations, type Finding, type ValidationThresholds } from '../core/import/index.ts';
import { loadFramework, loadRegistry } from '../io/index.ts';
import { loadMapping, readObservationFiles } from '../io/import/index.ts';
import { findingsReport, findingsTable, reportFormat } from '../io/import/report.ts';
import { writeFileAtomically } from '../io/write.ts';

/** Options of {@link validateFiles}. */
export interface ValidateFilesOptions {
  framework: string;
  files: string[];
  mapping?: string;
  /** Files of an earlier vintage, for revisions and the year before. */
  previous?: string[];
  report?: string;
  lang?: 'zh' | 'en';
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  /** Data years accepted (default 1949 … the current year). */
  years?: { min?: number; max?: number };
  thresholds?: ValidationThresholds;
}

/** What a validation found. */
export interface ValidateFilesResult {
  findings: Finding[];
  observations: Observation[];
  errors: number;
  warnings: number;
  /** The console lines (summary and table). */
  lines: string[];
}

/** Reads and validates data files (what the command does, without printing). */
export async function validateFiles(o: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const lang = o.lang ?? 'zh';
  const { framework } = loadFramework(o.framework);
  const registry = loadRegistry();
  const mapping = o.mapping ? loadMapping(o.mapping, framework) : undefined;
  const read = { framework, registry, ...(mapping ? { mapping } : {}), ...(o.encoding ? { encoding: o.encoding } : {}) };
  const r = readObservationFiles(o.files, read);
  let previous: Observation[] | undefined;
  if (o.previous?.length) {
    const p = readObservationFiles(o.previous, read);
    if (errorCount(p.problems)) throw new IpIndexError(`The earlier vintage (--previous) cannot be read: ${p.problems.filter((f) => f.severity === 'error').slice(0, 5).map((f) => `${f.file ?? ''}${f.row !== undefined ? `:${f.row}` : ''} ${f.message.en}`).join('; ')}`);
    previous = p.observations;
  }
  const years = { min: o.years?.min ?? 1949, max: o.years?.max ?? new Date().getFullYear() };
  const v = validateObservations(r.observations, framework, { registry, years, ...(previous ? { previous } : {}), ...(o.thresholds ? { thresholds: o.thresholds } : {}) });
  const findings = sortFindings([...r.problems, ...v]);
  const errors = errorCount(findings);
  const warnings = findings.length - errors;
  const n = o.files.length;
  const head =
    lang === 'zh'
      ? `ipindex validate：${n} 个文件，${r.observations.length} 条观测（框架 ${framework.id}）：${errors} 个错误，${warnings} 个警告${errors ? '——有错误，不能导入' : findings.length ? '——可以导入，警告随数据保存' : '——没有发现问题'}`
      : `ipindex validate: ${n} file${n > 1 ? 's' : ''}, ${r.observations.length} observations (framework ${framework.id}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${errors ? ' — errors block an import' : findings.length ? ' — importable; warnings are kept with the data' : ' — no problems found'}`;
  const lines = [head, ...(findings.length ? ['', ...findingsTable(findings, lang, registry)] : [])];
  if (o.report) {
    const format = reportFormat(o.report);
    const bytes = await findingsReport(findings, format, { lang, registry, meta: { framework: framework.id, files: r.sources, errors, warnings } });
    writeFileAtomically(o.report, bytes);
    lines.push('', lang === 'zh' ? `→ 报告已写入 ${o.report}（每个问题一行）` : `→ wrote ${o.report} (one row per problem)`);
  }
  return { findings, observations: r.observations, errors, warnings, lines };
}

function parseYears(v: string): { min: number; max: number } {
  const m = /^(\d{4})-(\d{4})$/.exec(v);
  if (!m || Number(m[1]) > Number(m[2])) throw new IpIndexError(`--years must be a range of data years such as 2016-2024, got "${v}"`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

function parseRatio(v: string): number {
  const x = Number(v);
  if (!(x > 1)) throw new IpIndexError(`--jump must be a ratio above 1 (3 flags ×3 or ÷3), got "${v}"`);
  return x;
}

/** Registers `ipindex validate`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check data files (CSV UTF-8/GBK, XLSX, XLS, JSON; tidy or wide) against a framework and report every problem at once (数据校验); exit 1 on errors')
    .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
    .argument('<files...>', 'data files')
    .option('-m, --mapping <file>', 'mapping file (YAML): which column or code is what (see docs/import.md)')
    .option('--previous <files...>', 'data of the earlier vintage: revisions and last year are compared with it')
    .option('--report <file>', 'also write the problems to an .xlsx (one row per problem) or .json file')
    .option('--years <min-max>', 'data years accepted, e.g. 2016-2024 (default 1949 to this year)', parseYears)
    .option('--jump <ratio>', 'flag a year-on-year change past ×ratio or ÷ratio (default 3)', parseRatio)
    .addOption(new Option('--encoding <enc>', 'text encoding of CSV/JSON files').choices(['auto', 'utf-8', 'gb18030']).default('auto'))
    .addOption(new Option('--lang <lang>', 'language of the table and report').choices(['zh', 'en']).default('zh'))
    .action(async (files: string[], o) => {
      const r = await validateFiles({ framework: o.framework, files, mapping: o.mapping, previous: o.previous, report: o.report, lang: o.lang, encoding: o.encoding, years: o.years, ...(o.jump ? { thresholds: { jump: o.jump } } : {}) });
      process.stdout.write(r.lines.join('\n') + '\n');
      if (r.errors) process.exitCode = 1;
    });
}
