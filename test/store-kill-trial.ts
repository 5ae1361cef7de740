/**
 * Kill trials of the store (issue 8): an import is killed with SIGKILL at random moments, again
 * and again — during its transaction (after it says it has begun; the import pauses between its
 * steps so that kills land inside), around its commit and while the store is closed — and after
 * every kill the store must open, hold every vintage it held before unchanged, and hold the new
 * vintage whole or not at all: a vintage's observation count equals its recorded count, its
 * content hash recomputed equals the one recorded and the expected one, no observation belongs to
 * a vintage that is not recorded, and every vintage has its import audit entry.
 *
 * Used by test/store-kill.test.ts (50 trials). This module registers no tests.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../src/core/methods/random.ts';
import type { Observation } from '../src/core/panel/types.ts';
import { parseFramework } from '../src/core/framework/parse.ts';
import { CONTENT_HASH_SQL, importVintage, openStore, type Store } from '../src/store/index.ts';

const CHILD = new URL('./store-kill-child.ts', import.meta.url).pathname;
/** The child compiled to one JavaScript file (a child under tsx takes seconds to start on a busy machine); inside node_modules so that it finds @duckdb/node-api. */
const BUNDLE_DIR = new URL('../node_modules/.cache/ipindex-store-kill/', import.meta.url).pathname;

/** Options of {@link runStoreKillTrials}. */
export interface StoreKillOptions {
  trials: number;
  seed: number;
  /** Rows per import (default 6 000: three data chunks). */
  rows?: number;
  /** The import's pause between steps, ms (default 25). */
  pauseMs?: number;
  log?: (line: string) => void;
}

/** What the trials found. */
export interface StoreKillSummary {
  trials: number;
  /** Kills that left the new vintage out (the store as before). */
  before: number;
  /** Kills after which the new vintage was there, whole (the commit had happened). */
  after: number;
  /** Runs that finished before the kill. */
  finished: number;
  /** Stores that would not open, or held a partial or altered vintage (must be 0). */
  broken: number;
  details: string[];
}

/** Observations of the worked example's variables over `rows` cells, values varied by `k`. */
function dataset(rows: number, k: number): Observation[] {
  const out: Observation[] = [];
  for (let i = 0; out.length < rows; i++) {
    for (const variable of ['X1', 'X2', 'X3']) {
      out.push({ unit: `U${(i % 500) + 1}`, year: 2000 + Math.floor(i / 500), variable, value: ((i * 7919 + k * 104729) % 100003) / 7 + k });
      if (out.length === rows) break;
    }
  }
  return out;
}

/** The recorded state: vintage id → content hash; with the checks of a whole store. */
async function check(store: Store): Promise<{ vintages: Map<number, string>; problems: string[] }> {
  const c = store.connection;
  const problems: string[] = [];
  const vintages = new Map<number, string>();
  const rows = (await c.runAndReadAll('SELECT id, n_rows, content_sha256 FROM vintages ORDER BY id')).getRowsJS();
  for (const [id, n, hash] of rows) {
    const v = Number(id);
    const count = Number((await c.runAndReadAll('SELECT count(*) FROM observations WHERE vintage = $v', { v })).getRowsJS()[0]![0]);
    if (count !== Number(n)) problems.push(`vintage ${v}: ${count} observations, ${Number(n)} recorded`);
    const h = (await c.runAndReadAll(CONTENT_HASH_SQL, { v })).getRowsJS()[0]![0] as string;
    if (h !== hash) problems.push(`vintage ${v}: content hash ${h.slice(0, 12)}… differs from the recorded ${String(hash).slice(0, 12)}…`);
    vintages.set(v, h);
  }
  const orphans = Number((await c.runAndReadAll('SELECT count(*) FROM observations WHERE vintage NOT IN (SELECT id FROM vintages)')).getRowsJS()[0]![0]);
  if (orphans) problems.push(`${orphans} observations of a vintage that is not recorded (a partial import)`);
  const audits = Number((await c.runAndReadAll(`SELECT count(*) FROM audit WHERE action = 'import'`)).getRowsJS()[0]![0]);
  if (audits !== rows.length) problems.push(`${audits} import audit entries for ${rows.length} vintages`);
  return { vintages, problems };
}

/** Starts an import and kills it `delayMs` after it says its transaction has begun; also says how long the transaction took when it finished. */
function killDuring(child: string, storePath: string, obsFile: string, pauseMs: number, delayMs: number): Promise<'killed' | { finished: number } | { error: string }> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, [child, storePath, obsFile, String(pauseMs)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let began = 0;
    let took = 0;
    let timer: NodeJS.Timeout | undefined;
    const hang = setTimeout(() => proc.kill('SIGKILL'), 120_000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (s: string) => {
      stderr += s;
      if (!timer && stderr.includes('ipindex: test: importing')) {
        began = performance.now();
        timer = setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
      if (!took && began && stderr.includes('ipindex: test: committed')) took = performance.now() - began;
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(hang);
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL' && timer) done('killed');
      else if (code === 0) done({ finished: took });
      else done({ error: `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/**
 * Runs the trials: a store with one vintage, then `trials` imports killed at seeded random
 * moments, each followed by the checks; the datasets alternate so that every vintage differs.
 */
export async function runStoreKillTrials(o: StoreKillOptions): Promise<StoreKillSummary> {
  const pauseMs = o.pauseMs ?? 25;
  const rows = o.rows ?? 6000;
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-store-kill-'));
  const storePath = join(dir, 'store.duckdb');
  const rand = mulberry32(o.seed);
  const summary: StoreKillSummary = { trials: o.trials, before: 0, after: 0, finished: 0, broken: 0, details: [] };
  try {
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const child = join(BUNDLE_DIR, `child-${process.pid}.mjs`);
    await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: child, logLevel: 'silent', define: { 'import.meta.url': JSON.stringify(new URL(CHILD, 'file://').href) } });
    // the expected content of each dataset, from a reference store made in this process
    const fwFile = new URL('./fixtures/worked/framework.yaml', import.meta.url).pathname;
    const text = readFileSync(fwFile, 'utf8');
    const framework = { framework: parseFramework(text, fwFile), text, file: fwFile };
    const files: string[] = [];
    const expected: string[] = [];
    for (const k of [0, 1, 2]) {
      const f = join(dir, `data-${k}.json`);
      const obs = dataset(rows, k);
      writeFileSync(f, JSON.stringify(obs));
      files.push(f);
      const ref = await openStore(join(dir, `ref-${k}.duckdb`), { create: true });
      expected.push((await importVintage(ref, { framework, observations: obs, files: [] })).contentSha256!);
      ref.close();
    }
    // the first vintage, whole; its run also times a transaction with the pauses
    const first = await killDuring(child, storePath, files[0]!, pauseMs, 1e9);
    if (!('finished' in (first as object))) throw new Error(`first import failed: ${JSON.stringify(first)}`);
    let state = new Map<number, string>([[1, expected[0]!]]);
    // kills spread over the transaction, its commit and the close after it (the store closes a little after the commit)
    const window = Math.max((first as { finished: number }).finished, 2 * pauseMs) * 1.5;
    for (let t = 0; t < o.trials; t++) {
      const k = 1 + (t % 2);
      const delay = Math.round(rand() * window);
      const r = await killDuring(child, storePath, files[k]!, pauseMs, delay);
      if (typeof r === 'object' && 'error' in r) {
        summary.broken++;
        summary.details.push(`trial ${t + 1}: the import failed: ${r.error}`);
        break;
      }
      let s: Store;
      try {
        s = await openStore(storePath);
      } catch (e) {
        summary.broken++;
        summary.details.push(`trial ${t + 1} (kill ${delay} ms into the import): the store does not open: ${(e as Error).message}`);
        break;
      }
      const { vintages, problems } = await check(s);
      s.close();
      for (const [id, h] of state) if (vintages.get(id) !== h) problems.push(`vintage ${id} changed or vanished`);
      const added = [...vintages.keys()].filter((id) => !state.has(id));
      if (added.length > 1) problems.push(`${added.length} new vintages from one import`);
      if (added.length === 1 && vintages.get(added[0]!) !== expected[k]) problems.push(`the new vintage ${added[0]} does not hold the data imported`);
      if (r !== 'killed' && added.length !== 1) problems.push('an import that finished left no vintage');
      if (problems.length) {
        summary.broken++;
        summary.details.push(`trial ${t + 1} (kill ${delay} ms into the import): ${problems.join('; ')}`);
        break;
      }
      if (r !== 'killed') summary.finished++;
      else if (added.length) summary.after++;
      else summary.before++;
      state = vintages;
      o.log?.(`store kill trial ${t + 1}/${o.trials}: ${r !== 'killed' ? 'finished' : `killed ${delay} ms in`} → ${added.length ? `vintage ${added[0]} whole` : 'store as before'}`);
    }
    return summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(BUNDLE_DIR, `child-${process.pid}.mjs`), { force: true });
  }
}
