import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { IpIndexError, nodeName, type CompileOptions } from '../../core/index.ts';
import {
  DEFAULT_SPEC,
  replicationSetup,
  resolveSpec,
  sensitivityAnalysis,
  uncertaintyAnalysis,
  type ReplicationSetup,
  type ResolvedSpec,
} from '../../core/analysis/uncertainty/index.ts';
import { readText } from '../../io/index.ts';
import { renderSvg } from '../../io/render-chart.ts';
import { rankIntervalChart } from '../../core/charts/index.ts';
import type { AnalyseOptions, AnalysisOutput, Prepared } from './common.ts';
import { poolRunner, progressBar } from './pool.ts';
import type { AnalysisCommand } from './register.ts';

/** Reads an uncertainty specification file (JSON or YAML). */
export function readSpec(file: string): unknown {
  const text = readText(file);
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new IpIndexError(`${file}: not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
}

const positiveInt = (flag: string, max: number) => (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new IpIndexError(`${flag} must be a whole number 1–${max}, got "${v}"`);
  return Number(v);
};
const seedOf = (v: string): number => {
  if (!/^\d+$/.test(v) || Number(v) > 2 ** 32 - 1) throw new IpIndexError(`--seed must be a whole number 0–4294967295, got "${v}"`);
  return Number(v);
};

interface Setup {
  setup: ReplicationSetup;
  spec: ResolvedSpec;
  rawSpec: unknown;
  seed: number;
  samples: number;
  threads?: number;
}

function setUp(p: Prepared, o: AnalyseOptions, defaultSamples: number): Setup {
  const rawSpec = o.spec ? readSpec(o.spec as string) : DEFAULT_SPEC;
  const seed = (o.seed as number | undefined) ?? 1;
  const withNode = o.node && typeof rawSpec === 'object' && rawSpec ? { ...(rawSpec as object), target: o.node } : rawSpec;
  const spec = resolveSpec(withNode, { framework: p.inputs.framework, weights: p.result.weights, seed, ...(o.spec ? { file: o.spec as string } : {}) });
  const compileOptions: CompileOptions = { edition: o.edition, groupings: p.inputs.allGroupings, ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}) };
  const setup = replicationSetup(p.plan, p.inputs.framework, compileOptions, o.edition, spec);
  return { setup, spec, rawSpec, seed, samples: (o.samples as number | undefined) ?? defaultSamples, ...(o.threads ? { threads: o.threads as number } : {}) };
}

/** The resolved inputs as the manifest records them: id, kind and the alternatives' labels. */
const inputsOf = (spec: ResolvedSpec): unknown[] => spec.inputs.map((i) => ({ id: i.id, kind: i.kind, alternatives: i.labels.length, labels: i.labels.length <= 20 ? i.labels : [...i.labels.slice(0, 20), `… ${i.labels.length - 20} more`] }));

/** Runs with a Ctrl-C handler and the progress bar. */
async function withRun<T>(label: string, run: (runner: ReturnType<typeof poolRunner>) => Promise<T>, threads: number | undefined): Promise<T> {
  const ctl = new AbortController();
  const onInt = (): void => ctl.abort();
  process.once('SIGINT', onInt);
  const bar = progressBar(label);
  try {
    return await run(poolRunner({ ...(threads ? { threads } : {}), signal: ctl.signal, progress: bar.update }));
  } finally {
    bar.end();
    process.removeListener('SIGINT', onInt);
  }
}

const fmt = (x: number, d = 1): string | number => (Number.isFinite(x) ? Number(x.toFixed(d)) : '');

const common = (cmd: import('commander').Command, samples: string): import('commander').Command =>
  cmd
    .option('--spec <file>', 'uncertainty specification (JSON/YAML; default: weights ±25 %, one indicator left out, imputation on/off)')
    .option('--samples <N>', samples, positiveInt('--samples', 10_000_000))
    .option('--seed <S>', 'random seed (default 1); the same seed gives the same numbers on any number of threads', seedOf)
    .option('--threads <T>', 'worker threads (default: this thread, or one per core (at most 8) when the run would take more than ~2 s)', positiveInt('--threads', 256))
    .option('-n, --node <code>', 'node whose ranks are analysed (default: the index)');

/** `ipindex analyse uncertainty`. */
export const UNCERTAINTY_COMMAND: AnalysisCommand = {
  name: 'uncertainty',
  description: 'uncertainty analysis: Monte Carlo replications of the uncertain choices → each unit’s median rank and 5–95 % interval (不确定性分析)',
  options: (cmd) => common(cmd, 'Monte Carlo replications (default 1000)'),
  async run(p, o): Promise<AnalysisOutput> {
    const s = setUp(p, o, 1000);
    const t0 = performance.now();
    const r = await withRun(o.lang === 'en' ? 'uncertainty' : '不确定性分析', (runner) => uncertaintyAnalysis(s.setup, { samples: s.samples, seed: s.seed }, runner), s.threads);
    const seconds = (performance.now() - t0) / 1000;
    const fw = p.inputs.framework;
    const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
    const name = (c: string): string => (byCode.has(c) ? nodeName(byCode.get(c)!, o.lang) : c);
    const header = ['edition', 'unit', 'node', 'nominal_rank', 'median_rank', 'rank_q05', 'rank_q95', 'mean_rank', 'rank_min', 'rank_max', 'replications', 'unit_name', 'node_name'];
    const rows: unknown[][] = [header, ...r.intervals.map((x) => [r.edition, x.unit, x.node, fmt(x.nominal, 0), fmt(x.median), fmt(x.q05), fmt(x.q95), fmt(x.mean, 3), fmt(x.min, 0), fmt(x.max, 0), x.n, p.unitName(x.unit), name(x.node)])];
    const runs: unknown[][] = [['replication', ...s.spec.inputs.map((i) => i.id)]];
    for (let k = 0; k < r.samples; k++) runs.push([k + 1, ...s.spec.inputs.map((inp, i) => inp.labels[r.choices[i]![k]!])]);
    const target = s.spec.target;
    const onTarget = r.intervals.filter((x) => x.node === target).sort((a, b) => a.nominal - b.nominal);
    const widest = [...onTarget].sort((a, b) => b.q95 - b.q05 - (a.q95 - a.q05) || a.nominal - b.nominal).slice(0, 5);
    const lines =
      o.lang === 'en'
        ? [
            `Uncertainty of ${name(target)} ranks, edition ${r.edition}: ${r.samples} replications of ${s.spec.inputs.length} uncertain inputs (${s.spec.inputs.map((i) => `${i.id}: ${i.labels.length} alternatives`).join('; ')}), seed ${s.seed}, ${seconds.toFixed(2)} s.`,
            ...onTarget.slice(0, 10).map((x) => `  ${String(x.nominal).padStart(3)}  ${p.unitName(x.unit)}: median ${fmt(x.median)}, 5–95 % ${fmt(x.q05)}–${fmt(x.q95)}`),
            `Widest intervals: ${widest.map((x) => `${p.unitName(x.unit)} ${fmt(x.q05)}–${fmt(x.q95)}`).join(', ')}.`,
          ]
        : [
            `${name(target)}排名的不确定性（${r.edition}年版）：${s.spec.inputs.length}项不确定输入（${s.spec.inputs.map((i) => `${i.id}：${i.labels.length}种选择`).join('；')}）共${r.samples}次蒙特卡罗模拟，随机种子${s.seed}，用时${seconds.toFixed(2)}秒。`,
            ...onTarget.slice(0, 10).map((x) => `  ${String(x.nominal).padStart(3)}  ${p.unitName(x.unit)}：排名中位数${fmt(x.median)}，5%–95%区间${fmt(x.q05)}–${fmt(x.q95)}`),
            `区间最宽：${widest.map((x) => `${p.unitName(x.unit)} ${fmt(x.q05)}–${fmt(x.q95)}`).join('、')}。`,
          ];
    const manifest = { samples: r.samples, seed: s.seed, seconds: Number(seconds.toFixed(3)), spec: s.rawSpec, inputs: inputsOf(s.spec), nodes: s.spec.nodes, target };
    // the rank-interval chart of the analysed node, as the GII audits draw it
    const chart = rankIntervalChart(
      onTarget.map((x) => ({ name: p.unitName(x.unit), nominal: x.nominal, median: x.median, q05: x.q05, q95: x.q95 })),
      {
        title: o.lang === 'en' ? `${name(target)}: rank intervals (${r.edition} edition)` : `${name(target)}排名区间（${r.edition}年版）`,
        subtitle: o.lang === 'en' ? `${r.samples} Monte Carlo replications, seed ${s.seed}; bar: 5–95 % of ranks` : `${r.samples}次蒙特卡罗模拟，随机种子${s.seed}；条形为排名的5%–95%区间`,
        lang: o.lang,
        sample: p.sampleData,
      },
    );
    const charts = { 'uncertainty-chart.svg': renderSvg(chart, { width: Math.max(720, 28 * onTarget.length + 120), height: 520 }) };
    return { tables: { uncertainty: rows, 'uncertainty-runs': runs }, json: { uncertainty: { ...manifest, edition: r.edition, intervals: r.intervals }, 'uncertainty-chart.echarts': chart }, files: charts, lines, manifest };
  },
};

/** `ipindex analyse sensitivity`. */
export const SENSITIVITY_COMMAND: AnalysisCommand = {
  name: 'sensitivity',
  description: 'sensitivity analysis: first-order and total Sobol indices of each uncertain input, for the mean absolute rank shift and each unit’s rank (敏感性分析)',
  options: (cmd) => common(cmd, 'base sample size N: N·(d + 2) model runs for d inputs (default 1000)'),
  async run(p, o): Promise<AnalysisOutput> {
    const s = setUp(p, o, 1000);
    const t0 = performance.now();
    const r = await withRun(o.lang === 'en' ? 'sensitivity' : '敏感性分析', (runner) => sensitivityAnalysis(s.setup, { samples: s.samples, seed: s.seed }, runner), s.threads);
    const seconds = (performance.now() - t0) / 1000;
    const fw = p.inputs.framework;
    const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
    const name = (c: string): string => (byCode.has(c) ? nodeName(byCode.get(c)!, o.lang) : c);
    const targetName = (t: string): string => (t === 'mean_abs_rank_shift' ? (o.lang === 'en' ? 'mean absolute rank shift' : '平均绝对排名变化') : p.unitName(t));
    const f = (x: number): string | number => (Number.isFinite(x) ? Number(x.toFixed(6)) : '');
    const header = ['input', 'target', 'first_order', 'total', 'first_order_ci_low', 'first_order_ci_high', 'total_ci_low', 'total_ci_high', 'target_name'];
    const rows: unknown[][] = [header, ...r.rows.map((x) => [x.input, x.target, f(x.first), f(x.total), f(x.firstLow), f(x.firstHigh), f(x.totalLow), f(x.totalHigh), targetName(x.target)])];
    const mars = r.rows.filter((x) => x.target === 'mean_abs_rank_shift');
    const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
    const ci = (lo: number, hi: number): string => `[${pct(lo)}, ${pct(hi)}]`;
    const lines =
      o.lang === 'en'
        ? [
            `Sensitivity of ${name(r.node)} ranks, edition ${r.edition}: ${r.runs} model runs (N = ${r.samples}, ${r.inputs.length} inputs, ${s.spec.sampling} design), seed ${s.seed}, ${seconds.toFixed(2)} s.`,
            `Mean absolute rank shift — first-order / total Sobol index (${Math.round(s.spec.confidence * 100)} % bootstrap interval):`,
            ...mars.map((x) => `  ${x.input.padEnd(16)} S = ${pct(x.first).padStart(7)} ${ci(x.firstLow, x.firstHigh)}   ST = ${pct(x.total).padStart(7)} ${ci(x.totalLow, x.totalHigh)}`),
          ]
        : [
            `${name(r.node)}排名的敏感性（${r.edition}年版）：${r.inputs.length}项不确定输入，N = ${r.samples}，共${r.runs}次模型运行（${s.spec.sampling === 'sobol' ? 'Sobol序列' : '随机'}抽样），随机种子${s.seed}，用时${seconds.toFixed(2)}秒。`,
            `平均绝对排名变化的一阶/总效应Sobol指数（${Math.round(s.spec.confidence * 100)}%自助法置信区间）：`,
            ...mars.map((x) => `  ${x.input.padEnd(16)} 一阶 ${pct(x.first).padStart(7)} ${ci(x.firstLow, x.firstHigh)}   总效应 ${pct(x.total).padStart(7)} ${ci(x.totalLow, x.totalHigh)}`),
          ];
    const manifest = { samples: r.samples, runs: r.runs, seed: s.seed, seconds: Number(seconds.toFixed(3)), spec: s.rawSpec, inputs: inputsOf(s.spec), target: r.node, sampling: s.spec.sampling, bootstrap: s.spec.bootstrap, confidence: s.spec.confidence };
    return { tables: { sensitivity: rows }, json: { sensitivity: { ...manifest, edition: r.edition, indices: r.rows } }, lines, manifest };
  },
};
