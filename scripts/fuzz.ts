/**
 * npm run fuzz — the robustness fuzz run (issue 7): seeded mutations of the sample data,
 * frameworks, recipes and groupings through `framework check` and `evaluate` in worker threads,
 * the CLI subprocess cases (odd paths, exit codes, terminal output) and kill trials of `--out`.
 *
 *   npm run fuzz -- [--seed N] [--cases N] [--kills N] [--workers N] [--only PREFIX,…]
 *                   [--findings FILE] [--case N [--keep DIR]] [--no-cli]
 *
 * Prints the outcome table per mutator with the seed; exits 1 when there is any finding.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { loadBases } from '../test/fuzz/bases.ts';
import { runCliCases, type CliVerdict } from '../test/fuzz/cli-cases.ts';
import { MUTATORS, generateCase } from '../test/fuzz/generate.ts';
import { findingsList, isFinding, outcomeTable, runCases } from '../test/fuzz/harness.ts';
import { runKillTrials, type KillSummary } from '../test/output-kill-trial.ts';
import type { Verdict } from '../test/fuzz/types.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const num = (name: string, dflt: number): number => {
  const v = opt(name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} takes a whole number, got ${v}`);
  return Number(v);
};

const seed = num('seed', 20250707);
const cases = num('cases', 10_000);
const kills = num('kills', 120);
const only = opt('only')?.split(',');
const findingsFile = opt('findings');

if (opt('case') !== undefined) {
  // one case: write its files to --keep (default ./fuzz-case-N) to reproduce it by hand
  const index = num('case', 0);
  const c = generateCase(seed, index, loadBases(), only ? { mutators: MUTATORS.filter((mu) => only.some((o) => mu.name.startsWith(o))) } : {});
  const dir = resolve(opt('keep') ?? `fuzz-case-${index}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files)) {
    if (name.endsWith('/')) mkdirSync(join(dir, name), { recursive: true });
    else {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
  }
  process.stdout.write(`${JSON.stringify({ ...c, files: Object.keys(c.files) }, null, 2)}\nfiles in ${dir} (arguments @name are files there)\n`);
  const [v] = await runCases({ seed, cases: 0, given: [c], workers: 1 });
  process.stdout.write(`${v!.label}${v!.why ? `: ${v!.why}` : ''}\n`);
  process.exit(isFinding(v!) ? 1 : 0);
}

const t0 = performance.now();
let last = 0;
const verdicts: Verdict[] = await runCases({
  seed,
  cases,
  ...(opt('workers') ? { workers: num('workers', 2) } : {}),
  ...(only ? { only } : {}),
  onVerdict: (_v, done, total) => {
    if (performance.now() - last > 15_000 || done === total) {
      last = performance.now();
      process.stderr.write(`fuzz: ${done}/${total} cases, ${Math.round((performance.now() - t0) / 1000)} s\n`);
    }
  },
});
const caseSeconds = (performance.now() - t0) / 1000;
const cli: CliVerdict[] = argv.includes('--no-cli') ? [] : await runCliCases();
const killSummary: KillSummary | undefined = kills ? await runKillTrials({ trials: kills, seed, log: (l) => process.stderr.write(`fuzz: ${l}\n`) }) : undefined;
const seconds = (performance.now() - t0) / 1000;

const findings = verdicts.filter(isFinding);
const cliFailures = cli.filter((c) => !c.ok);
const killFailures = killSummary ? killSummary.mixed + killSummary.leftovers + killSummary.failed : 0;
const meta = [
  `seed ${seed}, ${verdicts.length} cases in ${caseSeconds.toFixed(0)} s (${seconds.toFixed(0)} s in all), ${new Date().toISOString().slice(0, 10)}`,
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`,
].join('\n');
const cliTable = cli.length ? ['CLI subprocess cases:', ...cli.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name} — exit ${c.status ?? c.signal}, ${Math.round(c.ms)} ms${c.ok ? '' : `: ${c.why}`}`)].join('\n') : '';
const killText = killSummary
  ? [
      `kill trials of --out (seed ${killSummary.seed}): ${killSummary.trials} kills, ${killSummary.killedMidWrite} during the write; afterwards the old result whole ${killSummary.old}, the new result whole ${killSummary.new}, ` +
        `the folder absent with the old result beside it ${killSummary.absent} (put back by the next run); ${killSummary.mixed} mixed folders, ${killSummary.leftovers} leftovers after the next run, ${killSummary.failed} other failures`,
      ...killSummary.details.map((d) => `  ${d}`),
    ].join('\n')
  : '';
const report = [meta, '', outcomeTable(verdicts), '', cliTable, killText, '', `${findings.length} findings, ${cliFailures.length} CLI failures, ${killFailures} kill failures`].join('\n');
process.stdout.write(report + '\n');
if (findingsFile) writeFileSync(findingsFile, `# Fuzz findings\n\n\`\`\`\n${report}\n\`\`\`\n\n${findingsList(verdicts)}\n`);
process.exit(findings.length || cliFailures.length || killFailures ? 1 : 0);
