/**
 * Benchmarks: `npm run bench`. Times the main steps on the bundled sample data and writes
 * BENCHMARKS.md with the machine and date. Speed is measured here, never asserted in tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { Panel, evaluate, groupStats, parseFramework, parseTidyCsv, BUILTIN_RECIPES } from '../src/core/index.ts';
import { BUILTIN_FRAMEWORKS, DEFAULT_GROUPINGS, SAMPLE_DATA, loadGroupings, loadRegistry } from '../src/io/index.ts';

interface Row {
  name: string;
  runs: number;
  median: number;
  min: number;
  note: string;
}

function time(name: string, runs: number, fn: () => unknown, note = ''): Row {
  fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  return { name, runs, median: t[Math.floor(runs / 2)]!, min: t[0]!, note };
}

const registry = loadRegistry();
const regText = readFileSync(BUILTIN_FRAMEWORKS['cnipa-regional']!, 'utf8');
const natText = readFileSync(BUILTIN_FRAMEWORKS['cnipa-national']!, 'utf8');
const regCsv = readFileSync(SAMPLE_DATA.regional, 'utf8');
const natCsv = readFileSync(SAMPLE_DATA.national, 'utf8');
const regFw = parseFramework(regText);
const natFw = parseFramework(natText);
const regPanel = new Panel(parseTidyCsv(regCsv, { registry }));
const natPanel = new Panel(parseTidyCsv(natCsv, { registry }));
const groupings = loadGroupings(DEFAULT_GROUPINGS, registry);
const res = evaluate(regFw, regPanel, BUILTIN_RECIPES['cnipa-regional']!, { edition: 2025 });

const rows: Row[] = [
  time('parse + validate regional framework (99 nodes, 30 formulas)', 50, () => parseFramework(regText)),
  time('parse regional sample CSV', 20, () => parseTidyCsv(regCsv, { registry }), `${regCsv.split('\n').length - 2} rows`),
  time('evaluate regional index, editions 2021–2025', 20, () => evaluate(regFw, regPanel, BUILTIN_RECIPES['cnipa-regional']!, { edition: 2025 }), '31 units × 99 nodes × 5 editions'),
  time('group statistics (all + 4 regions + 5 strategic)', 20, () => groupStats(res, groupings)),
  time('evaluate national index, editions 2021–2025', 50, () => evaluate(natFw, natPanel, BUILTIN_RECIPES['cnipa-national']!, { edition: 2025 })),
];

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const md = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
  'Each step is run once to warm up, then timed `runs` times; median and minimum in milliseconds. Regenerate with `npm run bench`.',
  '',
  '| step | runs | median ms | min ms | note |',
  '|---|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.name} | ${r.runs} | ${r.median.toFixed(2)} | ${r.min.toFixed(2)} | ${r.note} |`),
  '',
].join('\n');
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), md);
process.stdout.write(md);
