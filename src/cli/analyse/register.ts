import { Option, type Command } from 'commander';
import { IpIndexError } from '../../core/index.ts';
import { SAMPLE_LABEL } from '../../core/analysis/sample-label.ts';
import { analysisFiles, prepare, writeAnalysis, type AnalyseOptions, type AnalysisOutput, type Prepared } from './common.ts';

/** One `ipindex analyse <name>` command: its own options, and what it computes from the prepared run. */
export interface AnalysisCommand {
  name: string;
  description: string;
  /** Adds the command's own options. */
  options?: (cmd: Command) => Command;
  run: (p: Prepared, o: AnalyseOptions) => AnalysisOutput | Promise<AnalysisOutput>;
}

const year = (flag: string) => (v: string): number => {
  if (!/^\d{4}$/.test(v)) throw new IpIndexError(`${flag} must be a 4-digit year, got "${v}"`);
  return Number(v);
};

/** Registers `ipindex analyse` and its commands. */
export function registerAnalyseCommands(program: Command, commands: AnalysisCommand[]): void {
  const top = program.command('analyse').alias('analyze').description('analyse a run: attribution, coherence, uncertainty, sensitivity, gap (分析)');
  for (const c of commands) {
    let cmd = top
      .command(c.name)
      .description(c.description)
      .requiredOption('-f, --framework <file|name>', 'framework file or built-in name')
      .requiredOption('-d, --data <files...>', 'tidy data files')
      .requiredOption('-e, --edition <year>', 'edition to analyse', year('--edition'))
      .option('-r, --recipe <file|name>', 'recipe file or built-in name (default as for evaluate)')
      .option('--first-edition <year>', 'first edition of the run', year('--first-edition'))
      .option('-g, --groupings <file>', 'groupings file')
      .option('-o, --out <dir>', 'output folder (CSV with BOM, JSON, manifest.json), written whole or not at all')
      .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'));
    if (c.options) cmd = c.options(cmd);
    cmd.action(async (o: AnalyseOptions) => {
      const p = prepare(o);
      const out = await c.run(p, o);
      const lines = [...(p.sampleData ? [SAMPLE_LABEL[o.lang]] : []), ...out.lines];
      if (o.out) writeAnalysis(o.out, analysisFiles(c.name, p, out));
      process.stdout.write(lines.join('\n') + '\n');
      if (o.out) process.stdout.write(o.lang === 'en' ? `→ wrote ${o.out}/\n` : `→ 结果已写入 ${o.out}/\n`);
    });
  }
}
