/**
 * One measurement of the uncertainty / sensitivity analyses in its own process (so its peak
 * memory is its own); prints one JSON line.
 *
 *   node --import tsx bench/analysis-case.ts <case> [threads|auto] [runs]
 *
 * Cases:
 * - `regional-ua`: the regional index (31 × 86, edition 2025), default spec, N = 10 000 replications;
 * - `regional-sa`: the same, Sobol analysis with 6 000 model runs (N = 1 200, 3 inputs), bootstrap 1 000;
 * - `asem-ua`, `asem-sa`: COINr's ASEM example with COINr's vignette specification
 *   (docs/examples/coinr-asem-uncertainty.yaml), N = 1 000 (6 000 runs for the Sobol analysis);
 * - `county-ua`: 2 844 synthetic counties × 86 indicators × 10 years (bench/county.ts): full
 *   evaluation, then N = 1 000 replications of the default spec.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BUILTIN_RECIPES, Cube, compile, type Framework, type Plan, type ResolvedRecipe } from '../src/core/index.ts';
import {
  DEFAULT_SPEC,
  Replicator,
  choicesOf,
  monteCarloDesign,
  replicationSetup,
  resolveSpec,
  saltelliDesign,
  sensitivityAnalysis,
  uncertaintyAnalysis,
  type ReplicationSetup,
} from '../src/core/analysis/uncertainty/index.ts';
import { poolRunner } from '../src/cli/analyse/pool.ts';
import { readSpec } from '../src/cli/analyse/uncertainty.ts';
import { readRunInputs } from '../src/cli/evaluate.ts';
import { countyPanel } from './county.ts';
import { dumpInputs, regionalFramework, sampleInput } from './peers/dump.ts';
import { median } from './timing.ts';

const which = process.argv[2] ?? 'regional-ua';
const threadsArg = process.argv[3] ?? 'auto';
const runs = Number(process.argv[4] ?? 3);
const threads = threadsArg === 'auto' ? undefined : Number(threadsArg);
const ROOT = new URL('..', import.meta.url).pathname;

function setupOf(fw: Framework, recipe: ResolvedRecipe | Parameters<typeof compile>[1], cube: Cube, edition: number, rawSpec: unknown, firstEdition?: number): { setup: ReplicationSetup; plan: Plan; compileMs: number; runMs: number } {
  const opts = { edition, ...(firstEdition ? { firstEdition } : {}) };
  let t = performance.now();
  const plan = compile(fw, recipe, cube, opts);
  const compileMs = performance.now() - t;
  t = performance.now();
  const res = plan.run();
  for (const c of res.nodes) void res.ranks[c];
  const runMs = performance.now() - t;
  const spec = resolveSpec(rawSpec, { framework: fw, weights: res.weights, seed: 1 });
  return { setup: replicationSetup(plan, fw, opts, edition, spec), plan, compileMs, runMs };
}

function regional(): { setup: ReplicationSetup } {
  const inp = readRunInputs({ framework: 'cnipa-regional', data: [join(ROOT, 'data/sample/regional.csv')] });
  return setupOf(inp.framework, inp.recipe, inp.panel.cube(), 2025, DEFAULT_SPEC);
}

function asem(): { setup: ReplicationSetup } {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-asem-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'bin/ipindex.mjs'), 'import', 'coinr', '--idata', join(ROOT, '../shared/data/coinr-asem/ASEM_iData.csv'), '--imeta', join(ROOT, '../shared/data/coinr-asem/ASEM_iMeta.csv'), '--out', dir], { stdio: 'ignore' });
    const inp = readRunInputs({ framework: join(dir, 'framework.yaml'), data: [join(dir, 'data.csv')], groupings: false });
    return setupOf(inp.framework, inp.recipe, inp.panel.cube(), 2018, readSpec(join(ROOT, 'docs/examples/coinr-asem-uncertainty.yaml')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpu0 = process.cpuUsage();
const out: Record<string, unknown> = { case: which, threads: threadsArg };
const times: number[] = [];
if (which === 'regional-ua' || which === 'asem-ua') {
  const { setup } = which === 'regional-ua' ? regional() : asem();
  const N = which === 'regional-ua' ? 10000 : 1000;
  await uncertaintyAnalysis(setup, { samples: Math.min(N, 500), seed: 1 }, poolRunner({ threads: 1 })); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await uncertaintyAnalysis(setup, { samples: N, seed: 1 + i }, poolRunner(threads ? { threads } : {}));
    times.push(performance.now() - t);
  }
  // where the time goes: a replication through the weight kernel, and through plan.rerun
  const per = (kernel: boolean): number => {
    const rep = new Replicator(setup, { kernel });
    const design = monteCarloDesign(2000, setup.spec.inputs.length, 99);
    const buf = new Float32Array(2000 * rep.width);
    rep.runRows(design, setup.spec.inputs.length, 0, 200, buf); // compile the alternatives' plans first
    const t = performance.now();
    rep.runRows(design, setup.spec.inputs.length, 0, 2000, buf);
    return ((performance.now() - t) / 2000) * 1000;
  };
  Object.assign(out, { samples: N, units: setup.compile.units.length, inputs: setup.spec.inputs.length, kernel_us: per(true), rerun_us: per(false) });
} else if (which === 'regional-sa' || which === 'asem-sa') {
  const { setup } = which === 'regional-sa' ? regional() : asem();
  const d = setup.spec.inputs.length;
  const N = which === 'regional-sa' ? Math.round(6000 / (d + 2)) : 1000;
  await sensitivityAnalysis(setup, { samples: 50, seed: 1 }, poolRunner({ threads: 1 })); // warm-up
  const modelTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await sensitivityAnalysis(setup, { samples: N, seed: 1 + i }, poolRunner(threads ? { threads } : {}));
    times.push(performance.now() - t);
    // the model runs alone (the same design through the same runner), without the estimators and bootstrap
    const target = { ...setup, spec: { ...setup.spec, nodes: [setup.spec.target] } };
    const design = saltelliDesign(N, d, 1 + i, setup.spec.sampling);
    t = performance.now();
    await poolRunner(threads ? { threads } : {})(target, design, d, N * (d + 2));
    modelTimes.push(performance.now() - t);
  }
  // without bootstrap intervals (COINr's default: get_sensitivity(Nboot = NULL) resamples nothing)
  const plain: number[] = [];
  const noBoot = { ...setup, spec: { ...setup.spec, bootstrap: 0 } };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await sensitivityAnalysis(noBoot, { samples: N, seed: 1 + i }, poolRunner(threads ? { threads } : {}));
    plain.push(performance.now() - t);
  }
  Object.assign(out, { samples: N, runs_per_analysis: N * (d + 2), inputs: d, model_runs_ms: median(modelTimes), no_bootstrap_ms: median(plain), bootstrap: setup.spec.bootstrap });
} else if (which === 'regional-ua-peer') {
  // ipindex and the numpy peer (bench/peers/uncertainty.py) on the same replications: the same
  // intervals, and each side's time for N = 10 000
  const { setup } = regional();
  const N = 10000;
  const d = setup.spec.inputs.length;
  const design = monteCarloDesign(N, d, 1);
  const choices: number[][] = [];
  for (let r = 0; r < N; r++) choices.push(Array.from(choicesOf(setup.spec, design.subarray(r * d, r * d + d))));
  const [wIn, xIn, iIn] = setup.spec.inputs;
  if (wIn?.kind !== 'weights' || xIn?.kind !== 'exclude' || iIn?.kind !== 'imputation') throw new Error('the peer runs the default specification');
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-ua-peer-'));
  try {
    dumpInputs(dir, sampleInput(regionalFramework()), regionalFramework(), { recipe: BUILTIN_RECIPES['cnipa-regional']!, edition: 2025 });
    writeFileSync(join(dir, 'ua.json'), JSON.stringify({ edition: 2025, nodes: setup.spec.nodes, weightSets: wIn.weightSets, exclude: xIn.labels.map((l) => (l === 'none' ? null : l)), imputation: [true, false], choices }));
    await uncertaintyAnalysis(setup, { samples: 500, seed: 1 }, poolRunner({ threads: 1 })); // warm-up
    let ours: Awaited<ReturnType<typeof uncertaintyAnalysis>> | undefined;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      ours = await uncertaintyAnalysis(setup, { samples: N, seed: 1 }, poolRunner(threads ? { threads } : {}));
      times.push(performance.now() - t);
    }
    const peerOut = join(dir, 'peer.json');
    const peer = JSON.parse(execFileSync('python3', [join(ROOT, 'bench/peers/uncertainty.py'), dir, '--runs', String(runs), '--out', peerOut], { encoding: 'utf8' }).trim()) as Record<string, unknown>;
    const q = JSON.parse(readFileSync(peerOut, 'utf8')) as Record<string, number[][]>;
    let mismatches = 0;
    for (const it of ours!.intervals) {
      const u = ours!.units.indexOf(it.unit);
      const [q05, med, q95] = [q[it.node]![0]![u]!, q[it.node]![1]![u]!, q[it.node]![2]![u]!];
      if (Math.abs(q05 - it.q05) > 1e-9 || Math.abs(med - it.median) > 1e-9 || Math.abs(q95 - it.q95) > 1e-9) mismatches++;
    }
    Object.assign(out, { samples: N, peer, interval_mismatches: mismatches, cells: ours!.intervals.length });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else if (which === 'county-ua') {
  const fw = regionalFramework();
  const dense = countyPanel({ units: 2844, years: 10, seed: 1 });
  const t0 = performance.now();
  const cube = Cube.fromDense(dense);
  const { setup, compileMs, runMs } = setupOf(fw, BUILTIN_RECIPES['cnipa-regional']!, cube, 2025, DEFAULT_SPEC, 2016);
  const evalMs = performance.now() - t0;
  const afterEval = process.resourceUsage().maxRSS / 1024;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await uncertaintyAnalysis(setup, { samples: 1000, seed: 1 + i }, poolRunner(threads ? { threads } : {}));
    times.push(performance.now() - t);
  }
  Object.assign(out, { samples: 1000, units: 2844, cells: dense.units.length * dense.variables.length * dense.years.length, evaluate_ms: evalMs, compile_ms: compileMs, run_ms: runMs, peak_after_evaluate_mb: afterEval });
}
const cpu = process.cpuUsage(cpu0);
Object.assign(out, { median_ms: median(times), min_ms: Math.min(...times), times_ms: times.map((x) => Math.round(x)), cpu_s: (cpu.user + cpu.system) / 1e6, peak_mb: process.resourceUsage().maxRSS / 1024 });
process.stdout.write(JSON.stringify(out) + '\n');
