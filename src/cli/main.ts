import { Command, Option } from 'commander';
import { join } from 'node:path';
import { BUILTIN_RECIPES, IpIndexError, indicators, type Framework } from '../core/index.ts';
import { DEFAULT_RECIPE, builtinRecipe, builtinRecipeNames } from '../core/recipe/default.ts';
import { didYouMean, suggestionText } from '../core/text/suggest.ts';
import { terminalSafe } from '../core/text/terminal.ts';
import { BUILTIN_FRAMEWORKS, SAMPLE_DATA, loadFramework, softwareVersion } from '../io/index.ts';
import { evaluateFiles } from './evaluate.ts';
import { whatIf } from './whatif.ts';
import { registerCoinrCommands } from './coinr.ts';
import { registerMethodsCommand } from './methods.ts';
import { registerAnalyse } from './analyse/index.ts';
import { registerReportCommand, reportLines, writeReport } from './report.ts';
import { registerValidateCommand } from './validate.ts';
import { registerDataCommands } from './data.ts';
import { evaluateFromStore } from './evaluate-store.ts';
import { registerChartCommand } from './chart.ts';

const debug = process.argv.includes('--debug');

// Everything this process prints goes through terminalSafe: names, units and messages echo the
// user's files, and an escape sequence or a bidi override in them must not reach the terminal.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stream.write;
}

function fail(e: unknown): never {
  if (e instanceof IpIndexError) process.stderr.write(`ipindex: ${terminalSafe(e.message)}\n`);
  else process.stderr.write(`ipindex: unexpected error: ${terminalSafe((e as Error)?.message ?? String(e))}\n`);
  if (debug && e instanceof Error) process.stderr.write(`${terminalSafe(e.stack ?? '')}\n`);
  process.exit(e instanceof IpIndexError ? 1 : 2);
}


function frameworkTree(fw: Framework, lang: 'zh' | 'en'): string[] {
  const lines: string[] = [];
  for (const n of fw.nodes) {
    const name = lang === 'en' ? (n.name.en ?? n.name.zh) : n.name.zh;
    const extra = n.kind === 'aggregate' ? `weight ${n.weight}, ${n.children.length} children` : `${n.kind}${n.formula ? ` = ${n.formula}` : ''}, ${n.unit ?? ''}, ${n.direction > 0 ? '+' : '−'}${n.source === 'reconstructed' ? ', reconstructed' : ''}`;
    // one line per node: a name with a line break or a control character is shown escaped
    lines.push(terminalSafe(`${'  '.repeat(n.level)}${n.code} ${name} (${extra})`, { oneLine: true }));
  }
  return lines;
}

const program = new Command();
program
  .name('ipindex')
  .description('知识产权发展指数 — build, compute and analyse composite indices of IP development')
  .version(softwareVersion())
  .option('--debug', 'print stack traces on errors')
  .showHelpAfterError();
// an empty value (-o '', -r '', -d '') is an error in every command: not "write nothing", not "the default"
program.hook('preAction', (_program, command) => {
  const o = command.opts() as Record<string, unknown>;
  for (const opt of command.options) {
    const v = o[opt.attributeName()];
    if (!(typeof v === 'string' ? v.trim() === '' : Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim() === ''))) continue;
    const flag = opt.long ?? opt.short ?? opt.flags;
    const what = flag === '--out' ? 'a folder name' : flag === '--csv' ? 'a file name' : 'a value';
    throw new IpIndexError(`${flag} needs ${what}, got an empty one${flag === '--out' || flag === '--csv' ? ` (leave out ${flag} to write nothing)` : ''}`);
  }
});
registerCoinrCommands(program);
registerMethodsCommand(program);
registerAnalyse(program);
registerReportCommand(program);
registerValidateCommand(program);
registerDataCommands(program);
registerChartCommand(program);

program
  .command('evaluate')
  .description('compute an index for an edition (and every edition from the first), write scores.csv, groups.csv, indicators.csv, manifest.json')
  .requiredOption('-f, --framework <file|name>', `framework file or built-in name (${Object.keys(BUILTIN_FRAMEWORKS).join(', ')})`)
  .option('-d, --data <files...>', 'data files: tidy CSV/JSON (unit,year,variable,value[,flag,source,note]), XLSX/XLS in any layout docs/import.md describes; or --store')
  .option('--store <file>', 'evaluate a vintage of this store (DuckDB) instead of data files; the run is recorded in it')
  .option('--vintage <id|latest>', 'the vintage to evaluate with --store (default: the latest of the framework)')
  .option('-m, --mapping <file>', 'mapping file for data whose columns and codes are not ours (docs/import.md)')
  .addOption(new Option('--encoding <enc>', 'text encoding of CSV/JSON data: utf-8 (strict), auto (UTF-8, else GBK/GB18030), gb18030').choices(['utf-8', 'auto', 'gb18030']).default('utf-8'))
  .requiredOption('-e, --edition <year>', 'edition to evaluate (edition E uses data year E − dataLag: 1 for the CNIPA and default recipes, 0 for COINr imports)', (v) => parseYear(v, '--edition'))
  .option('-r, --recipe <file|name>', `recipe file or built-in name (${builtinRecipeNames().join(', ')}); default: the one the framework file names, else the CNIPA recipe of a CNIPA framework, else "default" (min-max 0–100, framework weights, arithmetic mean)`)
  .option('--first-edition <year>', 'first edition of the run (default: the recipe’s, 2021)', (v) => parseYear(v, '--first-edition'))
  .option('-g, --groupings <file>', 'groupings file (default: frameworks/groupings/cn-regions.yaml)')
  .option('-o, --out <dir>', 'output folder (nothing is written without it)')
  .addOption(new Option('--lang <lang>', 'summary language').choices(['zh', 'en']).default('zh'))
  .option('-q, --quiet', 'print no summary')
  .action(async (o) => {
    if (o.store !== undefined && o.data) throw new IpIndexError('give either --data <files…> or --store <file>, not both / --data 与 --store 只能二选一');
    if (o.store === undefined && o.vintage !== undefined) throw new IpIndexError('--vintage needs --store <file> / --vintage 需要与 --store 一起使用');
    if (o.store === undefined && !o.data) throw new IpIndexError("required option '-d, --data <files...>' not specified (or evaluate a vintage of a store: --store <file> [--vintage latest|<id>])");
    const common = { framework: o.framework, edition: o.edition, recipe: o.recipe, firstEdition: o.firstEdition, groupings: o.groupings, out: o.out, lang: o.lang };
    const fromStore = o.store !== undefined ? await evaluateFromStore({ ...common, store: o.store, vintage: o.vintage }) : undefined;
    const r = fromStore ?? evaluateFiles({ ...common, data: o.data, mapping: o.mapping, encoding: o.encoding });
    printNotices(r.notices, o.lang);
    if (!o.quiet) printRun(r.summary[o.lang as 'zh' | 'en'], r.result.warnings.length, o.out, o.lang);
    if (fromStore) process.stderr.write(o.lang === 'en' ? `ipindex: run ${fromStore.run} of vintage ${fromStore.vintage} recorded in ${o.store}\n` : `ipindex: 数据版本 ${fromStore.vintage} 的第 ${fromStore.run} 次运行已记录于 ${o.store}\n`);
  });

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
program
  .command('whatif')
  .description('what if: re-run an evaluation with changed weights, values or bounds and compare scores and ranks (假设分析)')
  .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
  .requiredOption('-d, --data <files...>', 'tidy data files')
  .requiredOption('-e, --edition <year>', 'edition to compare', (v) => parseYear(v, '--edition'))
  .option('-r, --recipe <file|name>', 'recipe file or built-in name (default as for evaluate)')
  .option('--first-edition <year>', 'first edition of the run', (v) => parseYear(v, '--first-edition'))
  .option('-g, --groupings <file>', 'groupings file')
  .option('-w, --weight <CODE=w>', "a node's weight relative to its siblings, e.g. P1=0.3 (repeatable)", collect)
  .option('-v, --value <CODE:UNIT:YEAR=x>', 'a data value, YEAR the data year, e.g. R18:广东:2024=123456 or POP:440000:2024=NA (repeatable)', collect)
  .option('-b, --bounds <CODE=low,high>', 'normalisation bounds of an indicator, e.g. R01=0,5000 (repeatable)', collect)
  .option('-n, --node <code>', 'node to compare (default: the index)')
  .option('--csv <file>', 'also write the comparison as CSV')
  .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
  .action((o) => {
    const r = whatIf({ framework: o.framework, data: o.data, edition: o.edition, recipe: o.recipe, firstEdition: o.firstEdition, groupings: o.groupings, weight: o.weight, value: o.value, bounds: o.bounds, node: o.node, csv: o.csv, lang: o.lang });
    process.stdout.write(r.lines.join('\n') + '\n');
  });

program
  .command('demo')
  .description('evaluate the 2025 edition of both CNIPA indices on the bundled sample data and write their report in all four formats (npm start)')
  .option('-o, --out <dir>', 'output folder', 'out')
  .option('-e, --edition <year>', 'edition', (v) => parseYear(v, '--edition'), 2025)
  .addOption(new Option('--lang <lang>', 'summary language').choices(['zh', 'en']).default('zh'))
  .action(async (o) => {
    const runs = [];
    for (const [name, data] of [['cnipa-national', SAMPLE_DATA.national], ['cnipa-regional', SAMPLE_DATA.regional]] as const) {
      const out = join(o.out, name);
      const r = evaluateFiles({ framework: name, data: [data], edition: o.edition, out, lang: o.lang });
      printNotices(r.notices, o.lang);
      printRun(r.summary[o.lang as 'zh' | 'en'], r.result.warnings.length, out, o.lang);
      process.stdout.write('\n');
      runs.push(r);
    }
    // the report of both indices in all four formats (a PDF without a browser is said so on stderr)
    const out = join(o.out, 'report');
    const w = await writeReport(runs, { edition: o.edition, out, lang: o.lang });
    const lines = reportLines(w, out, o.lang);
    for (const l of lines.stderr) process.stderr.write(`${l}\n`);
    process.stdout.write(lines.stdout.join('\n') + '\n');
  });

const fwCmd = program.command('framework').description('inspect and validate framework files');
fwCmd
  .command('check <file>')
  .description('validate a framework file and report every problem with file, line and node')
  .action((file) => {
    const { framework } = loadFramework(file);
    const leaves = indicators(framework);
    const levels = new Map<number, number>();
    for (const n of framework.nodes) levels.set(n.level, (levels.get(n.level) ?? 0) + 1);
    process.stdout.write(
      `${framework.file}: OK — ${framework.id} ${framework.version}, ${framework.nodes.length} nodes (${[...levels].map(([l, c]) => `level ${l}: ${c}`).join(', ')}), ${leaves.length} indicators (${leaves.filter((n) => n.kind === 'derived').length} derived), ${framework.variables.length} variables\n`,
    );
  });
fwCmd
  .command('show <file>')
  .description('print the framework tree')
  .addOption(new Option('--lang <lang>').choices(['zh', 'en']).default('zh'))
  .action((file, o) => {
    process.stdout.write(frameworkTree(loadFramework(file).framework, o.lang).join('\n') + '\n');
  });

program
  .command('recipes [name]')
  .description('list the built-in recipes; with a name, print that recipe as JSON (to save as a file and adapt)')
  .action((name?: string) => {
    if (name) {
      const r = builtinRecipeNames().includes(name) ? builtinRecipe(name) : undefined;
      if (!r) throw new IpIndexError(`Unknown recipe ${name}${suggestionText(didYouMean(name, builtinRecipeNames())) || '.'} Built-ins: ${builtinRecipeNames().join(', ')}`);
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      return;
    }
    for (const r of [...Object.values(BUILTIN_RECIPES), DEFAULT_RECIPE]) process.stdout.write(`${r.id}\t${r.name?.zh ?? ''}\n\t${r.description ?? ''}\n`);
  });

function parseYear(v: string, flag: string): number {
  if (!/^\d{4}$/.test(v)) throw new IpIndexError(`${flag} must be a 4-digit year, got "${v}"`);
  return Number(v);
}

/** Notices of a run (misspelt-looking units, unknown variables, the edition hint) go to stderr, before the summary. */
function printNotices(lines: string[], lang: string): void {
  for (const l of lines) process.stderr.write(lang === 'en' ? `ipindex: warning: ${l}\n` : `ipindex: 提示：${l}\n`);
}

function printRun(lines: string[], warnings: number, out: string | undefined, lang: string): void {
  process.stdout.write(lines.join('\n') + '\n');
  if (out !== undefined) process.stdout.write(lang === 'en' ? `→ wrote ${out}/ (${warnings} warning${warnings === 1 ? '' : 's'} in manifest.json)\n` : `→ 结果已写入 ${out}/（manifest.json 中有 ${warnings} 条提示）\n`);
}

try {
  program.exitOverride((err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
    process.exit(err.exitCode || 1);
  });
  await program.parseAsync(process.argv);
} catch (e) {
  fail(e);
}
