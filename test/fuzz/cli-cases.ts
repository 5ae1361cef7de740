/**
 * Real CLI subprocess cases: inputs that can block a thread or abort a process (/dev/zero, a
 * FIFO, a huge sparse file) and what only the command shows (exit codes 0/1/2, `-o ''`, terminal
 * output without control characters). Each runs `bin/ipindex.mjs` with a 10 s limit beyond the
 * CLI's start-up time.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { ROOT } from '../../src/io/paths.ts';

const BIN = join(ROOT, 'bin', 'ipindex.mjs');
const REGIONAL_DATA = join(ROOT, 'data', 'sample', 'regional.csv');
const NATIONAL_DATA = join(ROOT, 'data', 'sample', 'national.csv');

/** Characters a terminal obeys rather than shows: C0 (but TAB and LF), DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- these are the characters looked for
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One subprocess case. */
export interface CliCase {
  name: string;
  /** In the quick set that `npm test` runs. */
  quick?: boolean;
  /** Makes the arguments (files go into `dir`). */
  args(dir: string): string[];
  /** Allowed exit codes. */
  status: number[];
  /** stderr must match. */
  stderr?: RegExp;
  /** Neither stdout nor stderr may match. */
  never?: RegExp;
}

/** A verdict on a subprocess case. */
export interface CliVerdict {
  name: string;
  ok: boolean;
  status: number | null;
  signal: string | null;
  ms: number;
  why: string;
}

const fifo = (dir: string, name: string): string => {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
};
const write = (dir: string, name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const regionalYaml = (): Record<string, unknown> & { nodes: { code: string; name: unknown }[] } => parseYaml(readFileSync(join(ROOT, 'frameworks', 'cnipa-regional-2025.yaml'), 'utf8'));

/** Names a terminal would obey. */
const CONTROL_NAMES = ['\u001b[2J\u001b[31mcleared', 'bell\u0007\u0007', '\u202eevil\u202c', 'back\rover', '\u009b31m', 'iso\u2066late\u2069', 'nul\u0000x'];

function hostileFramework(dir: string): string {
  const d = regionalYaml();
  d.nodes.forEach((n, i) => {
    if (i % 7 === 0) n.name = { zh: CONTROL_NAMES[i % CONTROL_NAMES.length], en: CONTROL_NAMES[(i + 3) % CONTROL_NAMES.length] };
  });
  return write(dir, 'hostile.yaml', stringify(d));
}

/** The subprocess cases. */
export const CLI_CASES: CliCase[] = [
  { name: 'a sample run exits 0', quick: true, args: () => ['evaluate', '-f', 'cnipa-national', '-d', NATIONAL_DATA, '-e', '2025', '-q'], status: [0] },
  { name: '-f constructor is no built-in', quick: true, args: () => ['evaluate', '-f', 'constructor', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /constructor/ },
  { name: '-f __proto__ is no built-in', args: () => ['evaluate', '-f', '__proto__', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /__proto__/ },
  { name: '-r __proto__ is no built-in', args: () => ['evaluate', '-f', 'cnipa-national', '-r', '__proto__', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /__proto__/ },
  { name: '-r toString is no built-in', args: () => ['evaluate', '-f', 'cnipa-national', '-r', 'toString', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /toString/ },
  { name: 'recipes constructor is no built-in', args: () => ['recipes', 'constructor'], status: [1], stderr: /constructor/ },
  { name: '-d /dev/zero is refused', quick: true, args: () => ['evaluate', '-f', 'cnipa-national', '-d', '/dev/zero', '-e', '2025'], status: [1], stderr: /\/dev\/zero/ },
  { name: '-f /dev/zero is refused', args: () => ['evaluate', '-f', '/dev/zero', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /\/dev\/zero/ },
  { name: 'framework check /dev/zero is refused', args: () => ['framework', 'check', '/dev/zero'], status: [1], stderr: /\/dev\/zero/ },
  { name: '-r /dev/zero is refused', args: () => ['evaluate', '-f', 'cnipa-national', '-r', '/dev/zero', '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /\/dev\/zero/ },
  { name: '-g /dev/zero is refused', args: () => ['evaluate', '-f', 'cnipa-regional', '-g', '/dev/zero', '-d', REGIONAL_DATA, '-e', '2025'], status: [1], stderr: /\/dev\/zero/ },
  { name: 'a FIFO as data does not hang', quick: true, args: (dir) => ['evaluate', '-f', 'cnipa-national', '-d', fifo(dir, 'data.csv'), '-e', '2025'], status: [1], stderr: /data\.csv/ },
  { name: 'a FIFO as framework does not hang', args: (dir) => ['framework', 'check', fifo(dir, 'fw.yaml')], status: [1], stderr: /fw\.yaml/ },
  { name: 'a FIFO as recipe does not hang', args: (dir) => ['evaluate', '-f', 'cnipa-national', '-r', fifo(dir, 'r.json'), '-d', NATIONAL_DATA, '-e', '2025'], status: [1], stderr: /r\.json/ },
  {
    name: 'a 600 MB (sparse) data file is refused quickly',
    args: (dir) => {
      const p = join(dir, 'big.csv');
      writeFileSync(p, 'unit,year,variable,value\n');
      truncateSync(p, 600 * 2 ** 20);
      return ['evaluate', '-f', 'cnipa-national', '-d', p, '-e', '2025'];
    },
    status: [1],
    stderr: /big\.csv/,
  },
  { name: "-o '' is refused", quick: true, args: () => ['evaluate', '-f', 'cnipa-national', '-d', NATIONAL_DATA, '-e', '2025', '-o', ''], status: [1], stderr: /-o|--out|output/i },
  { name: 'an output folder on a place that cannot be written', args: () => ['evaluate', '-f', 'cnipa-national', '-d', NATIONAL_DATA, '-e', '2025', '-q', '-o', '/sys/ipindex-fuzz'], status: [1], stderr: /\/sys\/ipindex-fuzz/, never: /no such file|ENOENT/ },
  { name: 'framework show prints no control characters', quick: true, args: (dir) => ['framework', 'show', hostileFramework(dir)], status: [0], never: TERMINAL_CONTROL },
  { name: 'framework show --lang en prints no control characters', args: (dir) => ['framework', 'show', hostileFramework(dir), '--lang', 'en'], status: [0], never: TERMINAL_CONTROL },
  { name: 'evaluate prints no control characters of node names', args: (dir) => ['evaluate', '-f', hostileFramework(dir), '-r', 'cnipa-regional', '-d', REGIONAL_DATA, '-e', '2025'], status: [0, 1], never: TERMINAL_CONTROL },
  {
    name: 'a parent cycle of 10 000 nodes exits 1 within the limit',
    quick: true,
    args: (dir) => {
      const lines = ['id: cycle', 'version: "1"', 'name: {zh: 环}', 'nodes:', '  - code: ROOT', '    name: {zh: 根}', '  - code: L0', '    parent: ROOT', '    name: {zh: 叶}', '    kind: raw', '    unit: 件'];
      for (let i = 0; i < 10_000; i++) lines.push(`  - code: C${i}`, `    parent: C${(i + 1) % 10_000}`, `    name: {zh: 节点${i}}`);
      return ['framework', 'check', write(dir, 'cycle.yaml', lines.join('\n') + '\n')];
    },
    status: [1],
    stderr: /cycle\.yaml/,
  },
  {
    name: 'a tree 5 000 levels deep does not exit 2',
    args: (dir) => {
      const lines = ['id: deep', 'version: "1"', 'name: {zh: 深}', 'nodes:', '  - code: D0', '    name: {zh: 根}'];
      for (let i = 1; i < 5000; i++) lines.push(`  - code: D${i}`, `    parent: D${i - 1}`, `    name: {zh: 层${i}}`);
      lines.push('  - code: L0', '    parent: D4999', '    name: {zh: 叶}', '    kind: raw', '    unit: 件');
      return ['framework', 'check', write(dir, 'deep.yaml', lines.join('\n') + '\n')];
    },
    status: [0, 1],
  },
  {
    name: 'a formula of 5 000 nested parentheses does not exit 2',
    args: (dir) => {
      const d = regionalYaml() as { nodes: { code: string; formula?: string }[] };
      const n = d.nodes.find((x) => x.formula)!;
      n.formula = '('.repeat(5000) + n.formula + ')'.repeat(5000);
      return ['framework', 'check', write(dir, 'parens.yaml', stringify(d, { lineWidth: 0 }))];
    },
    status: [0, 1],
  },
  { name: '--edition 99999 is refused', args: () => ['evaluate', '-f', 'cnipa-national', '-d', NATIONAL_DATA, '-e', '99999'], status: [1], stderr: /edition/ },
  { name: 'invalid UTF-8 (a Latin-1 ä) in a data file is refused', args: (dir) => ['evaluate', '-f', 'cnipa-national', '-d', write(dir, 'bad.csv', Buffer.from(readFileSync(NATIONAL_DATA, 'latin1').replace('sample', 'sämple'), 'latin1')), '-e', '2025'], status: [1], stderr: /bad\.csv/ },
];

function runOne(c: CliCase, root: string, timeoutMs: number): Promise<CliVerdict> {
  const dir = mkdtempSync(join(root, 'cli-'));
  const t0 = performance.now();
  return new Promise((done) => {
    let args: string[];
    try {
      args = c.args(dir);
    } catch (e) {
      done({ name: c.name, ok: false, status: null, signal: null, ms: 0, why: `setup failed: ${(e as Error).message}` });
      return;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out = (out + b.toString('utf8')).slice(-200_000)));
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString('utf8')).slice(-200_000)));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const why: string[] = [];
      if (hung) why.push(`no exit after ${timeoutMs} ms`);
      else if (signal) why.push(`killed by ${signal}`);
      else if (!c.status.includes(status!)) why.push(`exit ${status}, expected ${c.status.join(' or ')}: ${err.trim().split('\n')[0]?.slice(0, 300)}`);
      if (c.stderr && !c.stderr.test(err)) why.push(`stderr does not match ${c.stderr}: ${err.trim().slice(0, 300)}`);
      const bad = c.never && (c.never.exec(out) ?? c.never.exec(err));
      if (bad) why.push(`output shows ${JSON.stringify(bad[0])}`);
      rmSync(dir, { recursive: true, force: true });
      done({ name: c.name, ok: !why.length, status, signal, ms, why: why.join('; ') });
    });
  });
}

/** How long the CLI takes to start here (`--version`): the limit of a case is 10 s on top of it. */
async function startupMs(root: string): Promise<number> {
  const v = await runOne({ name: 'startup', args: () => ['--version'], status: [0] }, root, 120_000);
  return v.ms;
}

/**
 * Runs the subprocess cases, `parallel` at a time. A case may take `timeoutMs` (default 10 s)
 * beyond the CLI's start-up time; one that does not exit in time is run once more, alone, and is
 * a hang only if it times out again (a busy machine slows every process).
 */
export async function runCliCases(options: { quick?: boolean; parallel?: number; timeoutMs?: number } = {}): Promise<CliVerdict[]> {
  const cases = CLI_CASES.filter((c) => !options.quick || c.quick);
  const root = mkdtempSync(join(tmpdir(), 'ipindex-fuzz-cli-'));
  try {
    const limit = (options.timeoutMs ?? 10_000) + (await startupMs(root));
    const out: CliVerdict[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < cases.length) out.push(await runOne(cases[next++]!, root, limit));
    };
    await Promise.all(Array.from({ length: options.parallel ?? 2 }, lane));
    for (const [i, v] of out.entries()) {
      if (!v.why.startsWith('no exit')) continue;
      const again = await runOne(cases.find((c) => c.name === v.name)!, root, (options.timeoutMs ?? 10_000) + (await startupMs(root)));
      out[i] = again.why.startsWith('no exit') ? { ...again, why: `${again.why} (twice)` } : again;
    }
    return out.sort((a, b) => cases.findIndex((c) => c.name === a.name) - cases.findIndex((c) => c.name === b.name));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
