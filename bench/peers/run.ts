/**
 * Side by side: ipindex's evaluate() and the numpy peer (regional.py) on the regional sample
 * (31 provinces, editions 2021–2025) and on a synthetic county panel (bench/county.ts, editions
 * 2016–2025). Prints a Markdown table; speed is measured here, never asserted in tests.
 *
 *   node --import tsx bench/peers/run.ts [--runs 20] [--county-runs 5] [--units 2844] [--seed 1]
 *   node --import tsx bench/peers/run.ts --dump <dir>    # only write <dir>/sample and <dir>/county
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RECIPES, Panel, evaluate, type Observation } from '../../src/core/index.ts';
import { countyObservations, countyPanel } from '../county.ts';
import { runPeer } from './check.ts';
import { dumpInputs, regionalFramework, sampleInput, sampleObservations } from './dump.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function time(runs: number, fn: () => unknown): { median: number; min: number } {
  fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(runs / 2)]!, min: t[0]! };
}

const runs = arg('--runs', 20);
const countyRuns = arg('--county-runs', 5);
const nUnits = arg('--units', 2844);
const seed = arg('--seed', 1);
const fw = regionalFramework();
const recipe = BUILTIN_RECIPES['cnipa-regional']!;
const sample = sampleInput(fw);
const county = countyPanel({ units: nUnits, years: 10, seed });
const dumpAt = process.argv.indexOf('--dump');
if (dumpAt >= 0) {
  const dir = process.argv[dumpAt + 1]!;
  dumpInputs(join(dir, 'sample'), sample, fw, { recipe, edition: 2025 });
  dumpInputs(join(dir, 'county'), county, fw, { recipe, firstEdition: 2016, edition: 2025 });
  process.stdout.write(`wrote ${join(dir, 'sample')} (31 provinces) and ${join(dir, 'county')} (${nUnits} counties)\n`);
  process.exit(0);
}

const rows: string[] = [];
const cases = [
  { name: 'regional sample, editions 2021–2025', input: sample, obs: (): Iterable<Observation> => sampleObservations(), firstEdition: 2021, runs },
  { name: `county panel, editions 2016–2025`, input: county, obs: (): Iterable<Observation> => countyObservations(county), firstEdition: 2016, runs: countyRuns },
];
for (const c of cases) {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-peer-'));
  try {
    dumpInputs(dir, c.input, fw, { recipe, firstEdition: c.firstEdition, edition: 2025 });
    const peer = runPeer(dir, c.runs, undefined, false).timing;
    const observations = [...c.obs()];
    const build = time(Math.min(c.runs, 5), () => new Panel(observations));
    const panel = new Panel(observations);
    const ts = time(c.runs, () => evaluate(fw, panel, recipe, { edition: 2025, firstEdition: c.firstEdition }));
    const shape = `${c.input.units.length} units × ${fw.nodes.length} nodes × ${2025 - c.firstEdition + 1} editions`;
    rows.push(`| ${c.name} | ipindex evaluate() | ${c.runs} | ${ts.median.toFixed(2)} | ${ts.min.toFixed(2)} | ${shape}; Panel from ${observations.length} observations ${build.median.toFixed(0)} ms more |`);
    rows.push(`| ${c.name} | numpy peer | ${peer.runs} | ${Number(peer.median_ms).toFixed(2)} | ${Number(peer.min_ms).toFixed(2)} | Python ${peer.python}, numpy ${peer.numpy}, peak RSS ${peer.peak_mb} MB |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const rss = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  [
    '| data | engine | runs | median ms | min ms | note |',
    '|---|---|---:|---:|---:|---|',
    ...rows,
    '',
    `Node ${process.version}; this process's peak RSS ${rss.toFixed(0)} MB (all steps above together).`,
    '',
  ].join('\n'),
);
