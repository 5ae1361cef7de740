/**
 * Kill trials of the output folder (issue 7): `ipindex evaluate … -o out` is killed with SIGKILL
 * while it writes, again and again, and after each kill `out` must hold one whole result — the
 * one before or the one being written — never a mix; a run after the last kill must leave no
 * `out.tmp-*` / `out.old-*` behind. A file of the user's own in `out` must survive every state.
 *
 * The two results are the worked example (3 units, edition 2025, with groups.csv) and its
 * national series (1 unit, edition 2023, no groups.csv): different contents and different file
 * sets, so any mix shows. SOURCE_DATE_EPOCH fixes the manifest's time, so that every run of the
 * same inputs writes identical bytes. The writer's test hook (IPINDEX_TEST_SLOW_WRITE) makes it
 * say when it starts writing and pause between its steps (never between the two renames of the
 * swap), so that a kill at a random delay after that lands inside the write.
 *
 * Used by test/output-kill.test.ts (a few trials in `npm test`) and by `npm run fuzz` (≥ 100).
 * This module registers no tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mulberry32 } from '../src/core/methods/random.ts';

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string): string => new URL(`./fixtures/worked/${p}`, import.meta.url).pathname;

/** The two runs the trials alternate between. */
const RUNS = {
  A: ['evaluate', '-f', fx('framework.yaml'), '-d', fx('data.csv'), '-e', '2025', '-r', fx('recipe-efficacy.json'), '-q'],
  B: ['evaluate', '-f', fx('framework.yaml'), '-d', fx('national.csv'), '-e', '2023', '-r', fx('recipe-base.json'), '-q'],
} as const;
type Which = keyof typeof RUNS;

/** A file of the user's own in the output folder (it must survive every run and kill). */
const FOREIGN = { 'notes.txt': 'my notes: not written by ipindex\n', 'mine/keep.txt': 'a folder of my own\n' };

/** Options of {@link runKillTrials}. */
export interface KillTrialOptions {
  /** Number of kills. */
  trials: number;
  /** Seed of the kill delays (mulberry32). */
  seed: number;
  /** The writer's pause between steps, ms (default 15): the write then lasts ~150 ms. */
  pauseMs?: number;
  /** Work folder (default: a new temporary folder, removed afterwards). */
  dir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What the trials found. */
export interface KillSummary {
  trials: number;
  /** Trials in which the process was killed (not finished before the kill). */
  killedMidWrite: number;
  /** After the kill: the previous result, whole. */
  old: number;
  /** After the kill: the new result, whole. */
  new: number;
  /**
   * After the kill: `out` absent with the previous result whole beside it (a kill between the two
   * renames of the swap); the next run puts it back. Not a mix, but counted apart.
   */
  absent: number;
  /** After the kill: neither result whole (must be 0). */
  mixed: number;
  /** Leftovers beside `out` after the final, uninterrupted run (must be 0). */
  leftovers: number;
  /** Runs that failed otherwise (a reference run, the final run, a hang; must be 0). */
  failed: number;
  /** One line per problem. */
  details: string[];
  seed: number;
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, SOURCE_DATE_EPOCH: '1700000000', ...extra });

/** Every file under a folder (relative '/'-paths) with the SHA-256 of its bytes. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else out.set(r, createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir, '');
  return out;
}

const same = (a: Map<string, string>, b: Map<string, string>): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** How two snapshots differ, briefly. */
function difference(actual: Map<string, string>, expected: Map<string, string>): string {
  const missing = [...expected.keys()].filter((k) => !actual.has(k));
  const extra = [...actual.keys()].filter((k) => !expected.has(k));
  const changed = [...expected.keys()].filter((k) => actual.has(k) && actual.get(k) !== expected.get(k));
  return [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `extra ${extra.join(', ')}` : '', changed.length ? `changed ${changed.join(', ')}` : ''].filter(Boolean).join('; ');
}

/** Runs one evaluation to its end. */
function runWhole(which: Which, out: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...RUNS[which], '-o', out], { encoding: 'utf8', env: env(), timeout: 120_000 });
  return { status: r.status, stderr: r.stderr };
}

/** The leftovers of runs beside `out`. */
function leftoversOf(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^out\.(tmp|old)-/.test(n));
}

/** One kill: starts a run writing `which` into `out`, kills it after `delayMs` from the start of its write. */
function killDuring(which: Which, out: string, delayMs: number, pauseMs: number): Promise<{ killed: boolean; error?: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...RUNS[which], '-o', out], { env: env({ IPINDEX_TEST_SLOW_WRITE: String(pauseMs) }), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const hang = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += '\n(no write within 120 s)';
    }, 120_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      stderr += s;
      if (!timer && stderr.includes('ipindex: test: writing')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(hang);
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL' && timer) done({ killed: true });
      else if (code === 0) done({ killed: false });
      else done({ killed: false, error: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** Which whole result a folder holds, with the user's own files. */
function stateOf(out: string, expected: Record<Which, Map<string, string>>): Which | 'absent' | 'mixed' {
  if (!existsSync(out)) return 'absent';
  const s = snapshot(out);
  if (same(s, expected.A)) return 'A';
  if (same(s, expected.B)) return 'B';
  return 'mixed';
}

/**
 * Runs the kill trials: two reference runs, the first result written into `out` with files of the
 * user's own added, then `trials` runs killed at random points of their write (seeded), each
 * followed by a check of `out`; then one run to its end and a check for leftovers.
 */
export async function runKillTrials(o: KillTrialOptions): Promise<KillSummary> {
  const pauseMs = o.pauseMs ?? 15;
  const own = !o.dir;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'ipindex-kill-'));
  const out = join(dir, 'out');
  const rand = mulberry32(o.seed);
  const summary: KillSummary = { trials: o.trials, killedMidWrite: 0, old: 0, new: 0, absent: 0, mixed: 0, leftovers: 0, failed: 0, details: [], seed: o.seed };
  try {
    // the two results as they must look, with the user's files
    const expected = {} as Record<Which, Map<string, string>>;
    for (const which of ['A', 'B'] as const) {
      const ref = join(dir, `ref-${which}`);
      const r = runWhole(which, ref);
      if (r.status !== 0) {
        summary.failed++;
        summary.details.push(`reference run ${which}: exit ${r.status}: ${r.stderr.trim()}`);
        return summary;
      }
      const snap = snapshot(ref);
      for (const [name, text] of Object.entries(FOREIGN)) snap.set(name, createHash('sha256').update(text).digest('hex'));
      expected[which] = snap;
    }
    let current: Which = 'A';
    if (runWhole('A', out).status !== 0) throw new Error('first run failed');
    for (const [name, text] of Object.entries(FOREIGN)) {
      const p = join(out, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    // the write lasts about (files + 2) pauses; kills spread over it and a little past its end
    const window = (expected.A.size + 3) * pauseMs;
    for (let t = 0; t < o.trials; t++) {
      const next: Which = current === 'A' ? 'B' : 'A';
      const delay = Math.round(rand() * window * 1.1);
      const k = await killDuring(next, out, delay, pauseMs);
      if (k.error) {
        summary.failed++;
        summary.details.push(`trial ${t + 1}: ${k.error}`);
      }
      if (k.killed) summary.killedMidWrite++;
      const state = stateOf(out, expected);
      if (state === 'mixed') {
        summary.mixed++;
        const diffA = difference(snapshot(out), expected.A);
        const diffB = difference(snapshot(out), expected.B);
        summary.details.push(`trial ${t + 1} (kill after ${delay} ms): a mixed folder — against ${current} (old): ${diffA || 'same'}; against ${next} (new): ${diffB || 'same'}`);
        break; // later trials would start from a broken folder
      }
      if (state === 'absent') {
        // the old result must be whole beside it (the next run puts it back)
        const aside = readdirSync(dir).filter((n) => n.startsWith('out.old-')).map((n) => join(dir, n));
        const whole = aside.some((p) => statSync(p).isDirectory() && same(snapshot(p), expected[current]));
        if (!whole) {
          summary.mixed++;
          summary.details.push(`trial ${t + 1} (kill after ${delay} ms): out is missing and no whole previous result beside it`);
          break;
        }
        summary.absent++;
        continue; // the folder is still (beside) the old result
      }
      if (state === current) summary.old++;
      else summary.new++;
      current = state;
      o.log?.(`kill trial ${t + 1}/${o.trials}: ${k.killed ? `killed ${delay} ms into the write` : 'finished before the kill'} → ${state === next ? 'new' : 'old'} result whole`);
    }
    // one run to its end: the folder is the new result and nothing is left beside it
    const last: Which = current === 'A' ? 'B' : 'A';
    const r = runWhole(last, out);
    if (r.status !== 0) {
      summary.failed++;
      summary.details.push(`final run: exit ${r.status}: ${r.stderr.trim()}`);
    } else if (stateOf(out, expected) !== last) {
      summary.mixed++;
      summary.details.push(`final run: out is not the new result whole: ${difference(snapshot(out), expected[last])}`);
    }
    const left = leftoversOf(dir);
    summary.leftovers = left.length;
    if (left.length) summary.details.push(`leftovers after the final run: ${left.join(', ')}`);
    return summary;
  } finally {
    if (own) rmSync(dir, { recursive: true, force: true });
  }
}
