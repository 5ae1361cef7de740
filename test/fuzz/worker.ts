/**
 * A fuzz worker thread: generates a case, writes its files, runs what the CLI runs
 * (`framework check` = loadFramework; `evaluate` = evaluateFiles), checks the outputs and
 * classifies the outcome against the base run. Started by harness.ts with resource limits.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateFiles } from '../../src/cli/evaluate.ts';
import { IpIndexError, indicators } from '../../src/core/index.ts';
import { loadFramework } from '../../src/io/index.ts';
import { baseRun, loadBases, type Bases } from './bases.ts';
import { classify, unsafeCell } from './classify.ts';
import { MUTATORS, generateCase } from './generate.ts';
import { readSampleTable } from './table.ts';
import type { BaseId, FuzzCase, RunDigest, RunOutcome, RunSpec } from './types.ts';

/** Messages a worker takes. */
export type WorkerRequest =
  | { type: 'generated'; seed: number; index: number; only?: string[]; bases?: BaseId[] }
  | { type: 'given'; case: FuzzCase }
  | { type: 'self'; index: number; kind: 'throw' | 'hang' | 'oom' };

/** Messages a worker sends. */
export type WorkerReply = { type: 'started'; index: number; mutator: string; description: string } | { type: 'done'; verdict: ReturnType<typeof classify> };

/** Files an evaluation may write (README, Outputs): a folder must hold no others of an earlier run. */
const OUTPUT_NAMES = ['scores.csv', 'indicators.csv', 'groups.csv', 'summary.zh.txt', 'summary.en.txt', 'manifest.json', 'SAMPLE-DATA.txt'];

const root: string = (workerData as { root: string }).root;
let bases: Bases | undefined;
const baselines = new Map<BaseId, RunDigest>();

/** Writes a case's files into its folder (`name/` makes a folder). */
function writeCase(dir: string, files: FuzzCase['files']): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (name.endsWith('/')) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
}

const at = (dir: string) => (arg: string): string => (arg.startsWith('@') ? join(dir, arg.slice(1)) : arg);

/** Runs a case's commands as the CLI would; returns the digest of the evaluation, if any. */
function execute(dir: string, run: RunSpec): { digest?: RunDigest; files?: Record<string, string>; out?: string } {
  const p = at(dir);
  let digest: RunDigest | undefined;
  let files: Record<string, string> | undefined;
  for (const cmd of run.commands) {
    if (cmd === 'check') {
      const { framework } = loadFramework(p(run.framework));
      indicators(framework);
      continue;
    }
    const r = evaluateFiles({
      framework: p(run.framework),
      data: run.data.map(p),
      edition: run.edition,
      ...(run.recipe !== undefined ? { recipe: p(run.recipe) } : {}),
      ...(run.firstEdition !== undefined ? { firstEdition: run.firstEdition } : {}),
      ...(run.groupings !== undefined ? { groupings: p(run.groupings) } : {}),
      ...(run.out !== undefined ? { out: p(run.out) } : {}),
      ...(run.lang ? { lang: run.lang } : {}),
    });
    const res = r.result;
    const cells = res.editions.length * res.units.length;
    const scores = new Float64Array(res.nodes.length * cells);
    const ranks = new Float64Array(res.nodes.length * cells);
    res.nodes.forEach((n, i) => {
      scores.set(res.scores[n]!.subarray(0, cells), i * cells);
      ranks.set(res.ranks[n]!.subarray(0, cells), i * cells);
    });
    digest = {
      editions: [...res.editions],
      units: [...res.units],
      nodes: [...res.nodes],
      scores,
      ranks,
      warnings: res.warnings.map((w) => `${w.code}|${w.path}|${w.message}`),
      notices: [...r.notices],
    };
    files = r.files;
  }
  return { ...(digest ? { digest } : {}), ...(files ? { files } : {}), ...(run.out !== undefined ? { out: p(run.out) } : {}) };
}

/** Problems of a successful run's outputs: formula-like CSV cells, an output folder that is not the run whole. */
function outputProblems(c: FuzzCase, files: Record<string, string> | undefined, out: string | undefined): string[] {
  const problems: string[] = [];
  for (const [name, text] of Object.entries(files ?? {})) {
    if (!name.endsWith('.csv')) continue;
    const t = readSampleTable(text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n'));
    for (const [i, row] of [t.header, ...t.rows].entries()) {
      const bad = row.find(unsafeCell);
      if (bad !== undefined) {
        problems.push(`${name} row ${i + 1}: cell ${JSON.stringify(bad.slice(0, 40))} would be evaluated by a spreadsheet`);
        break;
      }
    }
  }
  if (c.checkOutFolder && out && files) {
    if (!existsSync(out) || !statSync(out).isDirectory()) problems.push(`output folder ${out} was not written`);
    else {
      for (const [name, text] of Object.entries(files)) {
        const path = join(out, name);
        if (!existsSync(path)) problems.push(`${name} missing from the output folder`);
        else if (readFileSync(path, 'utf8') !== text) problems.push(`${name} in the output folder is not this run's`);
      }
      for (const name of readdirSync(out)) if (OUTPUT_NAMES.includes(name) && !(name in files)) problems.push(`${name} of an earlier run left in the output folder`);
      const own = basename(out);
      const leftovers = readdirSync(dirname(out)).filter((n) => n !== own && (n.startsWith(`${own}.`) || n.startsWith(`.${own}`)));
      if (leftovers.length) problems.push(`left beside the output folder: ${leftovers.join(', ')}`);
    }
  }
  return problems;
}

function runCase(c: FuzzCase): RunOutcome {
  const dir = join(root, `case-${c.index}`);
  writeCase(dir, c.files);
  const t0 = performance.now();
  try {
    const { digest, files, out } = execute(dir, c.run);
    return { kind: 'ok', ...(digest ? { digest } : {}), ms: performance.now() - t0, problems: outputProblems(c, files, out) };
  } catch (e) {
    const err = e as Error;
    return { kind: 'error', ms: performance.now() - t0, clean: e instanceof IpIndexError, name: err?.constructor?.name ?? typeof e, message: String(err?.message ?? e), ...(err?.stack ? { stack: err.stack } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function baseline(id: BaseId): RunDigest {
  let b = baselines.get(id);
  if (!b) {
    const dir = join(root, `base-${id}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const { files, run } = baseRun(bases!.byId[id]);
    writeCase(dir, files);
    try {
      b = execute(dir, run).digest!;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    baselines.set(id, b);
  }
  return b;
}

function selfTest(kind: 'throw' | 'hang' | 'oom'): never {
  if (kind === 'throw') throw new TypeError('self-test: a TypeError escapes');
  if (kind === 'hang') for (;;);
  const hog: number[][] = [];
  for (;;) hog.push(new Array(1 << 20).fill(hog.length));
}

parentPort!.on('message', (msg: WorkerRequest) => {
  bases ??= loadBases();
  if (msg.type === 'self') {
    parentPort!.postMessage({ type: 'started', index: msg.index, mutator: `self:${msg.kind}`, description: `self-test ${msg.kind}` } satisfies WorkerReply);
    const t0 = performance.now();
    try {
      selfTest(msg.kind);
    } catch (e) {
      const c: FuzzCase = { index: msg.index, mutator: `self:${msg.kind}`, description: 'self-test', expect: 'any', base: 'national', files: {}, run: { commands: [], framework: '', data: [], edition: 0 }, culprits: [], needPlace: false };
      const err = e as Error;
      parentPort!.postMessage({ type: 'done', verdict: classify(c, { kind: 'error', ms: performance.now() - t0, clean: e instanceof IpIndexError, name: err.constructor.name, message: err.message }, undefined) } satisfies WorkerReply);
    }
    return;
  }
  const only = msg.type === 'generated' ? msg.only : undefined;
  const c =
    msg.type === 'given'
      ? msg.case
      : generateCase(msg.seed, msg.index, bases, { ...(only ? { mutators: MUTATORS.filter((mu) => only.some((o) => mu.name.startsWith(o))) } : {}), ...(msg.bases ? { bases: msg.bases } : {}) });
  const base = baseline(c.base);
  parentPort!.postMessage({ type: 'started', index: c.index, mutator: c.mutator, description: c.description } satisfies WorkerReply);
  const outcome = runCase(c);
  parentPort!.postMessage({ type: 'done', verdict: classify(c, outcome, base) } satisfies WorkerReply);
});
