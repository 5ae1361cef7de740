/**
 * The fuzz harness: a pool of worker threads with resource limits, a timeout per case (a hung
 * worker is terminated and replaced), out-of-memory and crash detection, and the outcome table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ACCEPTABLE, OUTCOMES, type BaseId, type FuzzCase, type OutcomeLabel, type Verdict } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/** Options of {@link runCases}. */
export interface HarnessOptions {
  /** Seed of the generated cases. */
  seed: number;
  /** How many generated cases (indices `start` … `start + cases − 1`). */
  cases: number;
  start?: number;
  /** Worker threads (default: the number of cores, at most 4). */
  workers?: number;
  /** A case taking longer is a hang (default 10 000 ms). */
  timeoutMs?: number;
  /** Heap limit of a worker: a case needing more is an out-of-memory finding (default 1 024 MB). */
  heapMb?: number;
  /** Only mutators whose name starts with one of these. */
  only?: string[];
  /** Only these bases. */
  bases?: BaseId[];
  /** Explicit cases, run before the generated ones. */
  given?: FuzzCase[];
  /** Harness self-tests, run first: a TypeError, an endless loop, a heap hog. */
  selfTests?: ('throw' | 'hang' | 'oom')[];
  /** Called after each case. */
  onVerdict?: (v: Verdict, done: number, total: number) => void;
}

/** How a worker thread starts: tsx registered in the thread, then worker.ts. */
function spawn(root: string, heapMb: number): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); })`;
  // stackSizeMb 1: about the main thread's stack, so deep recursion fails here as it does in the CLI
  return new Worker(code, { eval: true, workerData: { root }, resourceLimits: { maxOldGenerationSizeMb: heapMb, stackSizeMb: 1 }, stdout: true, stderr: true });
}

/** Runs cases in worker threads and returns their verdicts in case order. */
export async function runCases(o: HarnessOptions): Promise<Verdict[]> {
  const root = mkdtempSync(join(tmpdir(), 'ipindex-fuzz-'));
  const start = o.start ?? 0;
  const jobs: WorkerRequest[] = [
    ...(o.selfTests ?? []).map((kind, i) => ({ type: 'self', index: -1 - i, kind }) as WorkerRequest),
    ...(o.given ?? []).map((c) => ({ type: 'given', case: c }) as WorkerRequest),
    ...Array.from({ length: o.cases }, (_, i) => ({ type: 'generated', seed: o.seed, index: start + i, ...(o.only ? { only: o.only } : {}), ...(o.bases ? { bases: o.bases } : {}) }) as WorkerRequest),
  ];
  try {
    const verdicts = await runPool(jobs, root, o, o.workers ?? Math.min(4, availableParallelism()));
    // a case that timed out while the machine was busy is run once more, alone: a real hang repeats
    const hung = verdicts.filter((v) => v.label === 'hang' && v.index >= 0);
    if (hung.length) {
      const again = await runPool(
        jobs.filter((j) => hung.some((v) => v.index === indexOf(j))),
        root,
        { ...o, onVerdict: undefined },
        1,
      );
      for (const a of again) {
        const i = verdicts.findIndex((v) => v.index === a.index);
        verdicts[i] = a.label === 'hang' ? { ...a, why: `${a.why} (twice)` } : { ...a, why: `${a.why}${a.why ? ' ' : ''}(timed out once while the machine was busy; ${Math.round(a.ms)} ms alone)` };
      }
    }
    return verdicts.sort((a, b) => a.index - b.index);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const indexOf = (j: WorkerRequest): number => (j.type === 'given' ? j.case.index : j.index);

/** Runs jobs on `workers` worker threads; a hung or dead worker is replaced. */
async function runPool(jobs: WorkerRequest[], root: string, o: HarnessOptions, workers: number): Promise<Verdict[]> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const heapMb = o.heapMb ?? 1024;
  const total = jobs.length;
  const verdicts: Verdict[] = [];
  let next = 0;
  const nWorkers = Math.max(1, Math.min(workers, total));
  const record = (v: Verdict): void => {
    verdicts.push(v);
    o.onVerdict?.(v, verdicts.length, total);
  };
  if (!total) return verdicts;
  await new Promise<void>((resolveAll) => {
    let running = 0;
    const lane = (): void => {
      if (next >= total) {
        if (running === 0) resolveAll();
        return;
      }
      running++;
      const w = spawn(root, heapMb);
      w.stdout.resume();
      w.stderr.resume();
      let job: WorkerRequest | undefined;
      let started: { index: number; mutator: string; description: string; t: number } | undefined;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;
      const end = (v?: Verdict): void => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (v) record(v);
        void w.terminate();
        running--;
        // a fresh worker takes the next case: a hung or dead one is never reused
        lane();
      };
      const lost = (label: OutcomeLabel, why: string): Verdict => ({
        index: started?.index ?? (job ? indexOf(job) : -1),
        mutator: started?.mutator ?? '?',
        label,
        ms: started ? performance.now() - started.t : 0,
        why,
        description: started?.description ?? '(before the case started)',
      });
      const dispatch = (): void => {
        if (next >= total) return end();
        job = jobs[next++]!;
        started = undefined;
        // generating the case and the base run's result come first; they have a looser limit
        timer = setTimeout(() => end(lost('hang', 'no start within 120 s')), 120_000);
        w.postMessage(job);
      };
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'started') {
          clearTimeout(timer);
          started = { index: m.index, mutator: m.mutator, description: m.description, t: performance.now() };
          timer = setTimeout(() => end(lost('hang', `no answer after ${timeoutMs} ms`)), timeoutMs);
          return;
        }
        clearTimeout(timer);
        record(m.verdict);
        job = undefined;
        dispatch();
      });
      w.on('error', (e: Error & { code?: string }) => end(job ? lost(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'oom' : 'crash', `${e.code ?? e.name}: ${e.message}`) : undefined));
      w.on('exit', (code) => end(job ? lost('crash', `worker exited with code ${code}`) : undefined));
      dispatch();
    };
    for (let i = 0; i < nWorkers; i++) lane();
  });
  return verdicts;
}

/** Whether a verdict is a finding (anything but same, warned, changed, error). */
export const isFinding = (v: Verdict): boolean => !ACCEPTABLE.has(v.label);

/** The outcome table: one row per mutator, a column per outcome seen, the slowest case. */
export function outcomeTable(verdicts: Verdict[]): string {
  const by = new Map<string, Verdict[]>();
  for (const v of verdicts) by.set(v.mutator, [...(by.get(v.mutator) ?? []), v]);
  const labels = OUTCOMES.filter((l) => verdicts.some((v) => v.label === l));
  const head = ['mutator', 'cases', ...labels, 'max ms'];
  const rows = [...by.keys()].sort().map((k) => {
    const vs = by.get(k)!;
    return [k, String(vs.length), ...labels.map((l) => String(vs.filter((v) => v.label === l).length || '')), String(Math.round(Math.max(...vs.map((v) => v.ms))))];
  });
  rows.push(['total', String(verdicts.length), ...labels.map((l) => String(verdicts.filter((v) => v.label === l).length)), String(Math.round(Math.max(0, ...verdicts.map((v) => v.ms))))]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string => `| ${r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' | ')} |`;
  return [fmt(head), `|${width.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(fmt)].join('\n');
}

/** Findings grouped by outcome and mutator, each with its case number and why. */
export function findingsList(verdicts: Verdict[], limitPerGroup = 8): string {
  const findings = verdicts.filter(isFinding);
  if (!findings.length) return 'No findings.';
  const groups = new Map<string, Verdict[]>();
  for (const v of findings) groups.set(`${v.label} — ${v.mutator}`, [...(groups.get(`${v.label} — ${v.mutator}`) ?? []), v]);
  const out: string[] = [];
  for (const [k, vs] of [...groups].sort()) {
    out.push(`### ${k} (${vs.length})`);
    for (const v of vs.slice(0, limitPerGroup)) out.push(`- case ${v.index}: ${v.description.slice(0, 300)}\n  → ${v.why.slice(0, 600).replace(/\n/g, ' ')}`);
    if (vs.length > limitPerGroup) out.push(`- … and ${vs.length - limitPerGroup} more`);
  }
  return out.join('\n');
}
