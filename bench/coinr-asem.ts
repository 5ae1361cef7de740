/**
 * COINr's ASEM full build timed side by side: ipindex with the committed recipe
 * test/fixtures/coinr/recipes/full-build.yaml (the same numbers as COINr's build_example_coin(),
 * test/coinr-parity.test.ts) and COINr itself in R (bench/peers/coinr-asem.R), on this machine;
 * also the five-year panel build (recipes/panel.yaml vs build_example_purse()).
 *
 *   node --import tsx bench/coinr-asem.ts [--runs 100] [--r-runs 20] [--no-r]
 *
 * ipindex is timed from data in memory, as COINr is (its ASEM data frames are package data):
 * `evaluate()` = compile (validate the recipe, resolve methods, select and screen the units) +
 * run (denominate, impute, treat, normalise, aggregate, rank every node); and, separately, the
 * whole build from the CSV files (parse iMeta and iData, build the panel, evaluate). Medians of
 * repeated runs after a warm-up; the machine is shared, so read the medians and their ratio.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parse as parseYaml } from 'yaml';
import { Panel, buildGroupings, evaluate, parseCsv, type Recipe } from '../src/core/index.ts';
import { coinrToFramework, coinrToObservations } from '../src/core/formats/coinr.ts';
import { time } from './timing.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || dflt : dflt);
const runs = opt('--runs', 100);
const rRuns = opt('--r-runs', 20);
const withR = !args.includes('--no-r');
const root = new URL('../', import.meta.url);
const text = (p: string): string => readFileSync(new URL(p, root), 'utf8');
const recipe = (id: string): Recipe => parseYaml(text(`test/fixtures/coinr/recipes/${id}.yaml`)) as Recipe;

function load(dataFile: string) {
  const fw = coinrToFramework(parseCsv(text('test/fixtures/coinr-asem/ASEM_iMeta.csv')), { file: 'ASEM_iMeta.csv' });
  const data = coinrToObservations(parseCsv(text(`test/fixtures/coinr-asem/${dataFile}`)), { file: dataFile, meta: fw });
  return { framework: fw.framework, panel: new Panel(data.observations), groupings: data.groupings ? buildGroupings(data.groupings) : [], last: Math.max(...data.years) };
}

const single = load('ASEM_iData.csv');
const multi = load('ASEM_iData_p.csv');
const full = recipe('full-build');
const panelRecipe = recipe('panel');
const build = (a: ReturnType<typeof load>, r: Recipe) => evaluate(a.framework, a.panel, r, { edition: a.last, groupings: a.groupings });
const res = build(single, full);
const rankSum = res.units.reduce((s, _, u) => s + res.ranks['Index']![u]!, 0);

const ip = {
  full: time(runs, () => build(single, full)),
  fullFromCsv: time(runs, () => build(load('ASEM_iData.csv'), full)),
  panel: time(Math.max(3, runs >> 2), () => build(multi, panelRecipe)),
};
let r: Record<string, number | string> | undefined;
if (withR) {
  try {
    r = JSON.parse(execFileSync('Rscript', [new URL('bench/peers/coinr-asem.R', root).pathname, String(rRuns)], { encoding: 'utf8' }).trim().split('\n').pop()!) as Record<string, number | string>;
  } catch (e) {
    process.stderr.write(`R/COINr not available (${(e as Error).message.split('\n')[0]}); ipindex only\n`);
  }
}
const f = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(0)}×`;
const out = {
  machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.versions.node}, load average ${os.loadavg()[0]!.toFixed(1)}`,
  date: new Date().toISOString().slice(0, 10),
  same_ranks_as_coinr: r ? r.index_rank_sum === rankSum : null,
  ipindex: { full_median_ms: ip.full.median, full_min_ms: ip.full.min, full_from_csv_median_ms: ip.fullFromCsv.median, panel_median_ms: ip.panel.median, runs: ip.full.runs },
  ...(r ? { coinr: r } : {}),
};
process.stdout.write(JSON.stringify(out) + '\n');
process.stdout.write(`\n| ASEM build (51 units × 49 indicators) | ipindex median (min) ms | COINr ${r?.coinr ?? ''} median (min) ms | ratio (medians; minima) |\n|---|---|---|---|\n`);
process.stdout.write(`| full build, data in memory (Denominate → Impute → Screen → Treat → Normalise → Aggregate, ranks) | ${f(ip.full.median)} (${f(ip.full.min)}) | ${r ? `${f(r.full_median_ms as number)} (${f(r.full_min_ms as number)})` : '—'} | ${r ? `ipindex ${ratio(r.full_median_ms as number, ip.full.median)} faster; ${ratio(r.full_min_ms as number, ip.full.min)}` : ''} |\n`);
process.stdout.write(`| full build from the CSV files (parse iMeta + iData, then the build) | ${f(ip.fullFromCsv.median)} (${f(ip.fullFromCsv.min)}) | | ${r ? `${ratio(r.full_median_ms as number, ip.fullFromCsv.median)}` : ''} |\n`);
process.stdout.write(`| panel build, 5 years (Screen → Treat per year → Normalise pooled → Aggregate) | ${f(ip.panel.median)} (${f(ip.panel.min)}) | ${r ? `${f(r.panel_median_ms as number)} (${f(r.panel_min_ms as number)})` : '—'} | ${r ? `ipindex ${ratio(r.panel_median_ms as number, ip.panel.median)} faster; ${ratio(r.panel_min_ms as number, ip.panel.min)}` : ''} |\n`);
