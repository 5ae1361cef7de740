/**
 * The store's benchmark (issue 8): prints times and peak memory. Not part of `npm test`.
 *
 *   node --import tsx bench/store.ts [rows] [--keep DIR]
 *
 * 1. The full sample into a fresh store: `data import` of data/sample/regional.csv and
 *    data/sample/national.csv (all years), each read, validated and stored as a vintage — time of
 *    each, and the store's size.
 * 2. A tidy file of at least `rows` rows (default 1 000 000; a synthetic county panel from
 *    bench/county.ts, regional framework, 10 data years), each in a fresh process:
 *    - read + validate (what `ipindex validate` does): time and peak resident memory;
 *    - `data import` into a fresh store (read, validate, one transaction): time and peak memory;
 *    - reading the vintage back from the store (what `evaluate --store` reads).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { countyObservations, countyPanel } from './county.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

if (argv[0] === '--child') {
  const [, what, file, store, framework] = argv as [string, string, string, string, string];
  const t = performance.now();
  const out: Record<string, unknown> = { what };
  if (what === 'validate') {
    const { validateFiles } = await import('../src/cli/validate.ts');
    const r = await validateFiles({ framework, files: [file] });
    Object.assign(out, { rows: r.observations.length, errors: r.errors, warnings: r.warnings });
  } else if (what === 'import') {
    const { dataImport } = await import('../src/cli/data-import.ts');
    const r = await dataImport({ store, framework, files: [file], base: 'none' });
    Object.assign(out, { rows: r.vintage.rows, warnings: r.findings.length, vintage: r.vintage.id });
  } else if (what === 'import-strict') {
    // the strict tidy reader (src/io/read.ts) and the store, without the import's validation
    const { loadFramework, loadRegistry, readDataFiles, readText } = await import('../src/io/index.ts');
    const { importVintage, openStore } = await import('../src/store/index.ts');
    const { framework: fw, file: fwFile } = loadFramework(framework);
    const { observations, files } = readDataFiles([file], loadRegistry());
    const s = await openStore(store, { create: true });
    const v = await importVintage(s, { framework: { framework: fw, text: readText(fwFile), file: fwFile }, observations, files, base: 'none' });
    s.close();
    Object.assign(out, { rows: v.rows, vintage: v.id });
  } else if (what === 'read') {
    const { openStore, readVintage } = await import('../src/store/index.ts');
    const s = await openStore(store);
    out.rows = (await readVintage(s, Number(file))).length;
    s.close();
  }
  out.ms = Math.round(performance.now() - t);
  out.peak_rss_mb = peak();
  process.stdout.write(JSON.stringify(out) + '\n');
  process.exit(0);
}

const child = (...args: string[]): Record<string, unknown> => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  if (r.status !== 0) return { what: args[0], failed: `exit ${r.status}: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 400)}` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
};

const want = Number(argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keepAt = argv.indexOf('--keep');
const dir = keepAt >= 0 ? argv[keepAt + 1]! : mkdtempSync(join(tmpdir(), 'ipindex-store-bench-'));
const size = (f: string): string => `${(statSync(f).size / 1e6).toFixed(1)} MB`;

// 1. the full sample
const sampleStore = join(dir, 'sample.duckdb');
for (const [fw, file] of [['cnipa-regional', 'data/sample/regional.csv'], ['cnipa-national', 'data/sample/national.csv']] as const) {
  const r = child('import', join(ROOT, file), sampleStore, fw);
  process.stdout.write(`sample ${fw}: data import ${JSON.stringify(r)}\n`);
  if (r.failed) process.stdout.write(`sample ${fw}: through the strict tidy reader instead: ${JSON.stringify(child('import-strict', join(ROOT, file), sampleStore, fw))}\n`);
}
process.stdout.write(`sample store: ${size(sampleStore)}\n`);

// 2. a large tidy file
const file = join(dir, 'counties.csv');
const units = Math.ceil((want / 686) * 1.01);
const t = performance.now();
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
process.stdout.write(`wrote ${rows} rows (${units} units × 71 variables × 10 years): ${size(file)} in ${Math.round(performance.now() - t)} ms\n`);
const big = join(dir, 'big.duckdb');
process.stdout.write(`read + validate: ${JSON.stringify(child('validate', file, '', 'cnipa-regional'))}\n`);
const imp = child('import', file, big, 'cnipa-regional');
process.stdout.write(`data import: ${JSON.stringify(imp)}\n`);
if (imp.failed) process.stdout.write(`strict reader + store: ${JSON.stringify(child('import-strict', file, big, 'cnipa-regional'))}\n`);
process.stdout.write(`read the vintage back: ${JSON.stringify(child('read', '1', big, ''))}; store ${size(big)}\n`);
process.stdout.write(`machine: ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
if (keepAt < 0) rmSync(dir, { recursive: true, force: true });
