/**
 * `ipindex analyse uncertainty|sensitivity` through the command line: the output folder (CSV
 * columns, JSON, manifest with seed, samples and spec), the same numbers for the same seed on 1
 * and 2 threads, and clear errors (exit 1) for a bad specification.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const DATA = new URL('../data/sample/regional.csv', import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'analyse', ...args], { encoding: 'utf8' });
const csvRows = (file: string): string[][] => readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\n').map((l) => l.split(','));

test('analyse uncertainty writes rank intervals, the replications and a manifest with seed, N and spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-ua-'));
  try {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ inputs: [{ kind: 'weights', noise: 0.2, levels: [1] }, { kind: 'aggregation', options: ['arithmetic', 'geometric'] }] }));
    const outs = ['1', '2'].map((threads) => {
      const out = join(dir, `out${threads}`);
      const r = run(['uncertainty', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--spec', spec, '--samples', '120', '--seed', '7', '--threads', threads, '-o', out]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /样本数据/);
      assert.match(r.stdout, /共120次蒙特卡罗模拟，随机种子7/);
      return out;
    });
    const rows = csvRows(join(outs[0]!, 'uncertainty.csv'));
    assert.deepEqual(rows[0]!.slice(0, 7), ['edition', 'unit', 'node', 'nominal_rank', 'median_rank', 'rank_q05', 'rank_q95']);
    // 13 aggregates × 31 provinces
    assert.equal(rows.length - 1, 13 * 31);
    for (const r of rows.slice(1)) {
      const [q05, med, q95] = [Number(r[5]), Number(r[4]), Number(r[6])];
      assert.ok(q05 <= med && med <= q95 && q05 >= 1 && q95 <= 31, r.join(','));
    }
    assert.equal(readFileSync(join(outs[0]!, 'uncertainty.csv'), 'utf8'), readFileSync(join(outs[1]!, 'uncertainty.csv'), 'utf8'), 'same seed, 1 vs 2 threads');
    const runs = csvRows(join(outs[0]!, 'uncertainty-runs.csv'));
    assert.deepEqual(runs[0], ['replication', 'weights', 'aggregation']);
    assert.equal(runs.length - 1, 120);
    const m = JSON.parse(readFileSync(join(outs[0]!, 'manifest.json'), 'utf8'));
    assert.equal(m.analysis.kind, 'uncertainty');
    assert.equal(m.analysis.seed, 7);
    assert.equal(m.analysis.samples, 120);
    assert.deepEqual(m.analysis.spec.inputs[1].options, ['arithmetic', 'geometric']);
    assert.equal(m.sampleData, true);
    assert.ok(existsSync(join(outs[0]!, 'SAMPLE-DATA.txt')));
    const j = JSON.parse(readFileSync(join(outs[0]!, 'uncertainty.json'), 'utf8'));
    assert.equal(j.intervals.length, 13 * 31);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyse sensitivity writes Sobol indices per input for the mean rank shift and each unit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-sa-'));
  try {
    const out = join(dir, 'sa');
    const r = run(['sensitivity', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--samples', '32', '--seed', '3', '-o', out, '--lang', 'en']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /160 model runs \(N = 32, 3 inputs/);
    const rows = csvRows(join(out, 'sensitivity.csv'));
    assert.deepEqual(rows[0]!.slice(0, 8), ['input', 'target', 'first_order', 'total', 'first_order_ci_low', 'first_order_ci_high', 'total_ci_low', 'total_ci_high']);
    // 3 inputs × (mean absolute rank shift + 31 provinces)
    assert.equal(rows.length - 1, 3 * 32);
    assert.deepEqual(rows.slice(1, 4).map((x) => x[1]), ['mean_abs_rank_shift', 'mean_abs_rank_shift', 'mean_abs_rank_shift']);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assert.equal(m.analysis.runs, 160);
    assert.equal(m.analysis.seed, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad specification is a clear error (exit 1) naming the file and the field, and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-ua-bad-'));
  try {
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'inputs:\n  - kind: weights\n    nosie: 0.2\n');
    const out = join(dir, 'out');
    const r = run(['uncertainty', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--spec', spec, '-o', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /spec\.yaml: uncertainty spec inputs\[0\]\.nosie: unknown key for kind weights.*did you mean noise/);
    assert.ok(!existsSync(out));
    const r2 = run(['uncertainty', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--samples', '0']);
    assert.equal(r2.status, 1);
    assert.match(r2.stderr, /--samples must be a whole number/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Ctrl-C stops a long run cleanly, on this thread or on workers: exit 1, a message, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-ua-int-'));
  try {
    for (const threads of ['1', '2']) {
      const out = join(dir, `out${threads}`);
      const child = spawn(process.execPath, [BIN, 'analyse', 'uncertainty', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '--samples', '2000000', '--threads', threads, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, IPINDEX_PROGRESS: '1' } });
      let stderr = '';
      // interrupt once the replications run: the progress bar has been drawn
      const running = new Promise<void>((r) => child.stderr.on('data', (b) => ((stderr += b), /ETA/.test(stderr) && r())));
      await running;
      await new Promise((r) => setTimeout(r, threads === '2' ? 1500 : 200));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      assert.equal(code, 1, stderr);
      assert.match(stderr, /Interrupted after \d+ of 2000000 model runs; nothing written/);
      assert.ok(!existsSync(out), 'no output folder');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
