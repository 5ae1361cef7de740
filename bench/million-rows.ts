/**
 * A tidy data file of a million rows through `evaluate` (issue 7): prints the time and the peak
 * memory. Not part of `npm test` (it takes a while):
 *
 *   node --import tsx bench/million-rows.ts [rows] [--keep DIR]
 *
 * Writes a synthetic county panel (bench/county.ts; regional framework, 10 data years) of at least
 * `rows` rows (default 1 000 000) as a tidy CSV, then evaluates it in a fresh process each way:
 *
 * - the CLI, `ipindex evaluate -f cnipa-regional -d <file> -e 2025 -o <dir>` (wall time; peak
 *   resident memory from /usr/bin/time where there is one);
 * - the same run in-process (`evaluateFiles`), timing reading the data and the rest, with the
 *   process's peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countyObservations, countyPanel } from './county.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'ipindex.mjs');
const argv = process.argv.slice(2);

if (argv[0] === '--child') {
  // in-process measurement: node --import tsx bench/million-rows.ts --child <file> <out>
  const { loadRegistry, readDataFiles } = await import('../src/io/index.ts');
  const { evaluateFiles } = await import('./../src/cli/evaluate.ts');
  const file = argv[1]!;
  const out = argv[2]!;
  let t = performance.now();
  const rows = readDataFiles([file], loadRegistry()).observations.length;
  const readMs = performance.now() - t;
  const afterRead = process.resourceUsage().maxRSS / 1024;
  t = performance.now();
  const r = evaluateFiles({ framework: 'cnipa-regional', data: [file], edition: 2025, out });
  const runMs = performance.now() - t;
  process.stdout.write(
    JSON.stringify({
      rows,
      units: r.result.units.length,
      editions: r.result.editions.length,
      read_ms: Math.round(readMs),
      // evaluateFiles reads the data again, then evaluates and writes the folder
      read_evaluate_write_ms: Math.round(runMs),
      peak_rss_mb_after_read: Math.round(afterRead),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
  process.exit(0);
}

const want = Number(argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keepAt = argv.indexOf('--keep');
const dir = keepAt >= 0 ? argv[keepAt + 1]! : mkdtempSync(join(tmpdir(), 'ipindex-million-'));
const file = join(dir, 'counties.csv');

// about 686 rows a county (71 variables × 10 years, 3 % missing)
const units = Math.ceil((want / 686) * 1.01);
let t = performance.now();
const stream = createWriteStream(file);
stream.write('unit,year,variable,value,source\n');
let rows = 0;
let buf = '';
for (const o of countyObservations(countyPanel({ units, years: 10, seed: 1 }))) {
  buf += `${o.unit},${o.year},${o.variable},${o.value},synthetic\n`;
  if (++rows % 20_000 === 0) {
    stream.write(buf);
    buf = '';
  }
}
stream.write(buf);
await new Promise<void>((done) => stream.end(done));
const mb = (statSync(file).size / 1e6).toFixed(1);
process.stdout.write(`wrote ${rows} rows (${units} units × 71 variables × 10 years) to ${file}: ${mb} MB in ${Math.round(performance.now() - t)} ms\n`);
if (rows < want) throw new Error(`only ${rows} rows`);

// 1. the CLI
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
t = performance.now();
const cliArgs = [BIN, 'evaluate', '-f', 'cnipa-regional', '-d', file, '-e', '2025', '-o', join(dir, 'out-cli'), '-q'];
const cli = timeBin ? spawnSync(timeBin, ['-f', 'peak-rss-kb %M', process.execPath, ...cliArgs], { encoding: 'utf8' }) : spawnSync(process.execPath, cliArgs, { encoding: 'utf8' });
const cliMs = performance.now() - t;
if (cli.status !== 0) throw new Error(`the CLI failed (${cli.status}): ${cli.stderr}`);
const rss = /peak-rss-kb (\d+)/.exec(cli.stderr);
process.stdout.write(`CLI evaluate: exit ${cli.status}, ${(cliMs / 1000).toFixed(1)} s wall${rss ? `, peak RSS ${Math.round(Number(rss[1]) / 1024)} MB` : ''}\n`);

// 2. in-process, by stage
const child = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', file, join(dir, 'out-api')], { encoding: 'utf8', cwd: ROOT });
if (child.status !== 0) throw new Error(`the in-process run failed: ${child.stderr}`);
process.stdout.write(`in-process: ${child.stdout}`);
process.stdout.write(`machine: ${process.version}, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
if (keepAt < 0) rmSync(dir, { recursive: true, force: true });
