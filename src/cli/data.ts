/**
 * `ipindex data import|list|show|diff|export` and `ipindex template`: the store's commands
 * (docs/store.md). Every command takes `--store <file>` (default ./ipindex.duckdb).
 */
import { Option, type Command } from 'commander';
import { IpIndexError } from '../core/index.ts';
import { isSampleData } from '../core/analysis/sample-label.ts';
import { loadFramework, loadRegistry, readText, softwareVersion, writeFilesAtomically } from '../io/index.ts';
import { templateWorkbooks } from '../io/template/write.ts';
import { DEFAULT_STORE, diffVintages, exportVintage, frameworkSha256, listVintages, readVintage, resolveVintage, vintageProblems, withStore, type VintageChange } from '../store/index.ts';
import { dataImport } from './data-import.ts';

const STORE_HELP = `store file (DuckDB; default ./${DEFAULT_STORE})`;

function parseYear(v: string, flag: string): number {
  if (!/^\d{4}$/.test(v)) throw new IpIndexError(`${flag} 应为四位年份 / ${flag} must be a 4-digit year, got "${v}"`);
  return Number(v);
}

const fmt = (x: number | null): string => (x === null ? 'NA' : String(x));

/** The lines of `data diff`: a header and one line per change. */
export function diffLines(a: number, b: number, changes: readonly VintageChange[], lang: 'zh' | 'en'): string[] {
  const count = (k: VintageChange['kind']): number => changes.filter((c) => c.kind === k).length;
  const head =
    lang === 'zh'
      ? `数据版本 ${a} → ${b}：${count('changed')} 个修订，${count('added')} 个新增，${count('removed')} 个删除`
      : `vintage ${a} → ${b}: ${count('changed')} changed, ${count('added')} added, ${count('removed')} removed`;
  const word = { zh: { changed: '修订', added: '新增', removed: '删除' }, en: { changed: 'changed', added: 'added', removed: 'removed' } }[lang];
  const lines = [head];
  if (changes.length) lines.push(['', 'variable', 'unit', 'year', 'old', 'new', 'from'].join('\t'));
  for (const c of changes) {
    const flags = c.oldFlag !== c.newFlag ? ` [flag ${c.oldFlag ?? '—'} → ${c.newFlag ?? '—'}]` : '';
    lines.push([word[c.kind], c.variable, c.unit, c.year, c.kind === 'added' ? '' : fmt(c.old), c.kind === 'removed' ? '' : fmt(c.new) + flags, c.newFrom ?? ''].join('\t'));
  }
  return lines;
}

/** Registers `data …` and `template`. */
export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('the data store: import files as a vintage, list, show, compare and export vintages (数据库与数据版本)');
  const langOption = (): Option => new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh');

  data
    .command('import')
    .description('validate data files and store them as a new vintage (errors block, warnings are kept); prints the vintage id')
    .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
    .argument('<files...>', 'data files: CSV (UTF-8/GBK), XLSX, XLS, JSON, tidy or wide, and filled templates')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .option('--note <text>', 'a note kept with the vintage (e.g. 第五次经济普查后修订)')
    .option('--provider <id>', 'the data provider (default: the provider of the templates imported)')
    .option('--base <id|latest|none>', 'the vintage the new one builds on: its cells the files do not hold are kept (default latest; none: only the files)', 'latest')
    .option('-m, --mapping <file>', 'mapping file: which column or code is what (docs/import.md)')
    .option('--years <min-max>', 'data years accepted, e.g. 2016-2024 (default 1949 to this year)')
    .addOption(new Option('--encoding <enc>', 'text encoding of CSV/JSON files').choices(['auto', 'utf-8', 'gb18030']).default('auto'))
    .addOption(langOption())
    .action(async (files: string[], o) => {
      const years = o.years ? /^(\d{4})-(\d{4})$/.exec(o.years) : undefined;
      if (o.years && !years) throw new IpIndexError(`--years must be a range of data years such as 2016-2024, got "${o.years}"`);
      const slow = process.env.IPINDEX_TEST_SLOW_IMPORT;
      const r = await dataImport({
        store: o.store,
        framework: o.framework,
        files,
        ...(o.note !== undefined ? { note: o.note } : {}),
        ...(o.provider ? { provider: o.provider } : {}),
        base: o.base,
        ...(o.mapping ? { mapping: o.mapping } : {}),
        encoding: o.encoding,
        lang: o.lang,
        ...(years ? { years: { min: Number(years[1]), max: Number(years[2]) } } : {}),
        ...(slow && /^\d{1,5}$/.test(slow) ? { slowMs: Number(slow) } : {}),
      });
      process.stderr.write(r.lines.join('\n') + '\n');
      process.stdout.write(`${r.vintage.id}\n`);
    });

  data
    .command('list')
    .description('list the vintages of the store (of one framework with --framework)')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .option('-f, --framework <id>', 'only vintages of this framework id')
    .addOption(langOption())
    .action(async (o) => {
      await withStore(o.store, {}, async (s) => {
        const vs = await listVintages(s, o.framework ? { frameworkId: o.framework } : {});
        const zh = o.lang === 'zh';
        const lines = [zh ? '版本\t指标体系\t导入时间\t基础\t观测\t本次导入\t警告\t提供单位\t备注\t文件' : 'vintage\tframework\timported at\tbase\trows\timported\twarnings\tprovider\tnote\tfiles'];
        for (const v of vs) lines.push([v.id, `${v.frameworkId} ${v.frameworkVersion}`, v.importedAt, v.base ?? '—', v.rows, v.importedRows, v.warnings, v.provider ?? '', v.note ?? '', v.files.map((f) => f.file).join(', ')].join('\t'));
        if (!vs.length) lines.push(zh ? '（没有数据版本）' : '(no vintages)');
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  data
    .command('show <vintage>')
    .description('a vintage: provenance (files with SHA-256, provider, time, note), counts per variable and year, the warnings kept with it')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .addOption(langOption())
    .action(async (arg: string, o) => {
      await withStore(o.store, {}, async (s) => {
        const id = await resolveVintage(s, arg);
        const v = (await listVintages(s, { id }))[0]!;
        const obs = await readVintage(s, id);
        const zh = o.lang === 'zh';
        const lines = [
          `${zh ? '数据版本' : 'vintage'} ${v.id}: ${v.frameworkId} ${v.frameworkVersion} (framework SHA-256 ${v.frameworkSha256})`,
          `${zh ? '导入时间' : 'imported at'}: ${v.importedAt}${v.provider ? `; ${zh ? '提供单位' : 'provider'}: ${v.provider}` : ''}${v.note ? `; ${zh ? '备注' : 'note'}: ${v.note}` : ''}`,
          `${zh ? '基础版本' : 'base'}: ${v.base ?? '—'}; ${zh ? '观测' : 'rows'}: ${v.rows} (${zh ? '本次导入' : 'imported'} ${v.importedRows}); ${zh ? '内容' : 'content'} SHA-256 ${v.contentSha256 ?? '—'}`,
          ...(isSampleData(obs) ? [zh ? '【样本数据】本版本含随附的样本数据，不是官方统计。' : '[SAMPLE DATA] This vintage holds the bundled sample data, not official statistics.'] : []),
          `${zh ? '文件' : 'files'}:`,
          ...v.files.map((f) => `  ${f.file}\t${f.rows} rows\tSHA-256 ${f.sha256}`),
        ];
        const years = [...new Set(obs.map((x) => x.year))].sort((a, b) => a - b);
        const vars = [...new Set(obs.map((x) => x.variable))];
        const count = new Map<string, number>();
        for (const x of obs) if (x.value !== null) count.set(`${x.variable}|${x.year}`, (count.get(`${x.variable}|${x.year}`) ?? 0) + 1);
        lines.push(`${zh ? '各指标各年的数值个数' : 'values per variable and year'}:`, ['', ...years].join('\t'));
        for (const va of vars) lines.push([va, ...years.map((y) => count.get(`${va}|${y}`) ?? 0)].join('\t'));
        const probs = await vintageProblems(s, id);
        lines.push(`${zh ? '警告' : 'warnings'}: ${probs.length}`);
        for (const p of probs) lines.push(`  ${[p.file && `${p.file}${p.sheet ? ` [${p.sheet}]` : ''}${p.row !== undefined ? `:${p.row}` : ''}${p.column ? ` ${p.column}` : ''}`, p.unit, p.variable].filter(Boolean).join(' ')} ${p.code}: ${zh ? p.message.zh : p.message.en}`);
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  data
    .command('diff <a> <b>')
    .description('every observation changed, added or removed from vintage a to vintage b')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .addOption(langOption())
    .action(async (a: string, b: string, o) => {
      await withStore(o.store, {}, async (s) => {
        const ia = await resolveVintage(s, a);
        const ib = await resolveVintage(s, b);
        process.stdout.write(diffLines(ia, ib, await diffVintages(s, ia, ib), o.lang).join('\n') + '\n');
      });
    });

  data
    .command('export <vintage>')
    .description('write a vintage to a file: tidy .csv (UTF-8 with BOM), .xlsx or .parquet')
    .requiredOption('-o, --out <file>', 'output file (.csv, .xlsx or .parquet)')
    .option('--store <file>', STORE_HELP, DEFAULT_STORE)
    .action(async (arg: string, o) => {
      await withStore(o.store, {}, async (s) => {
        const id = await resolveVintage(s, arg);
        const r = await exportVintage(s, id, o.out);
        process.stderr.write(`→ ${o.out} (${r.rows} rows, vintage ${id})\n`);
      });
    });

  program
    .command('template')
    .description('collection templates: one Excel workbook per data provider, to fill and import back (数据填报模板)')
    .requiredOption('-f, --framework <file|name>', 'framework file or built-in name (with providers: and provider: declared)')
    .requiredOption('-y, --year <year>', 'the data year to collect', (v) => parseYear(v, '--year'))
    .requiredOption('-o, --out <dir>', 'output folder (one .xlsx per provider)')
    .option('--provider <id>', 'only this provider’s workbook')
    .option('--store <file>', 'show last year’s values from the latest vintage of this store')
    .option('--vintage <id|latest>', 'the vintage last year’s values come from (default latest)', 'latest')
    .action(async (o) => {
      const registry = loadRegistry();
      const { framework, file } = loadFramework(o.framework);
      const sha = frameworkSha256(readText(file, { what: 'Framework file' }));
      let previous;
      let previousFrom: string | undefined;
      if (o.store) {
        await withStore(o.store, {}, async (s) => {
          const id = await resolveVintage(s, o.vintage, framework.id);
          previous = (await readVintage(s, id)).filter((x) => x.year === o.year - 1);
          previousFrom = `数据库 ${o.store} 数据版本 ${id}`;
        });
      }
      const templates = await templateWorkbooks({
        framework,
        frameworkSha256: sha,
        year: o.year,
        registry,
        software: softwareVersion(),
        ...(o.provider ? { provider: o.provider } : {}),
        ...(previous ? { previous, previousFrom: previousFrom!, previousIsSample: isSampleData(previous) } : {}),
      });
      const files: Record<string, Uint8Array> = {};
      for (const t of templates) files[t.name] = new Uint8Array(await t.workbook.xlsx.writeBuffer());
      writeFilesAtomically(o.out, files, []);
      for (const t of templates) process.stdout.write(`${o.out}/${t.name}\t${t.provider.name.zh}\t${t.meta.columns.length} variables × ${t.meta.rows.length} units\n`);
    });
}
