/**
 * Issue 7 (robustness), part B, through the command line: reproducers that exited 2 ("unexpected
 * error", RangeError, out of memory) or ran on silently now exit 1 with a message naming the file
 * and the place. The processes run side by side to keep the suite short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const root = (p: string): string => new URL(`../${p}`, import.meta.url).pathname;

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI, killing it after 120 s (a hang is a failure, not a stuck suite). */
function run(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

test('hostile frameworks, recipes and data: exit 1 with the file named, never exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-robust-'));
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  // a billion-laughs framework
  const levels = ['a: &a [1,1,1,1,1,1,1,1,1,1]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)];
  const bomb = file('bomb.yaml', `id: x\nname: x\n${levels.join('\n')}\nnodes:\n  - {code: A, name: A}\n`);
  // a 5 000-level tree, as JSON (which is YAML); the 10 000-node cycle is tested in-process
  // (test/robust-core-framework.test.ts)
  const deep = file('deep.json', JSON.stringify({ id: 'd', name: 'd', nodes: Array.from({ length: 5001 }, (_, i) => ({ code: `L${i}`, name: 'n', ...(i ? { parent: `L${i - 1}` } : {}) })) }));
  // 5 000 nested parentheses in a formula
  const parens = file('parens.yaml', `id: p\nname: p\nvariables:\n  - {code: POP, name: p, unit: 万人}\nnodes:\n  - {code: ROOT, name: r}\n  - {code: X, parent: ROOT, name: x, unit: 件}\n  - {code: D, parent: ROOT, name: d, unit: 件/万人, formula: "${'('.repeat(5000)}X${')'.repeat(5000)} / POP"}\n`);
  // a negative count in the sample
  const lines = readFileSync(root('data/sample/regional.csv'), 'utf8').split('\n');
  assert.equal(lines[7812], '440000,2024,R18,323633,,sample,');
  lines[7812] = '440000,2024,R18,-5,,sample,';
  const negative = file('negative.csv', lines.join('\n'));
  // a recipe asking for editions from the year −100 000 000
  const recipe = JSON.parse(JSON.stringify({ id: 'cnipa-national', dataLag: 1, firstEdition: -100_000_000, normalisation: { method: 'base-ratio', params: { scale: 100 }, scope: 'per-year', baseEdition: 2021 }, weights: { scheme: 'leaf-count' } }));
  const years = file('years.json', JSON.stringify(recipe));
  const base3000 = file('base3000.json', JSON.stringify({ ...recipe, firstEdition: 2021, normalisation: { ...recipe.normalisation, baseEdition: 3000 } }));
  // groupings with an alias bomb, for export coinr
  const groupings = file('groups.yaml', `id: g\n${levels.join('\n')}\ngroupings: *zz\n`);

  const cases: { args: string[]; stderr: RegExp }[] = [
    { args: ['framework', 'check', bomb], stderr: /^ipindex: Framework .*bomb\.yaml cannot be read\n {2}- .*bomb\.yaml:4 Its aliases \(\*name\) expand more than 100 times/ },
    { args: ['framework', 'check', deep], stderr: /deep\.json:1 \[L33\] parent: the tree is too deep: L33 is 33 levels below the root/ },
    { args: ['framework', 'check', parens], stderr: /parens\.yaml:8 \[D\] formula: Formula "\({60}…" is too long: 10007 characters, at most 10000 \(MAX_FORMULA_LENGTH\)/ },
    { args: ['evaluate', '-f', 'cnipa-regional', '-d', negative, '-e', '2025', '-q'], stderr: /negative\.csv:7813 \[R18\] value: 440000, 2024: -5 is below 0 — its unit 件 counts things and cannot be negative/ },
    { args: ['evaluate', '-f', 'cnipa-national', '-d', root('data/sample/national.csv'), '-e', '2025', '-r', years, '-q'], stderr: /firstEdition: must be a 4-digit year \(1000–9999\), got -100000000/ },
    { args: ['evaluate', '-f', 'cnipa-national', '-d', root('data/sample/national.csv'), '-e', '2025', '-r', base3000, '-q'], stderr: /^ipindex: Recipe .*base3000\.json does not fit the data\n {2}- .*base3000\.json normalisation\.baseEdition: 3000 uses data year 2999, but the data for framework cnipa-national covers 2020–2024/ },
    { args: ['export', 'coinr', '-f', root('test/fixtures/worked/framework.yaml'), '-d', root('test/fixtures/worked/data.csv'), '-o', join(dir, 'coinr'), '-g', groupings], stderr: /^ipindex: Groupings .*groups\.yaml is not valid YAML\/JSON: Excessive alias count/ },
  ];
  // two at a time: the machine running the suite may have few cores
  const results: Ran[] = [];
  for (let i = 0; i < cases.length; i += 2) results.push(...(await Promise.all(cases.slice(i, i + 2).map((c) => run(c.args)))));
  results.forEach((r, i) => {
    const c = cases[i]!;
    assert.equal(r.signal, null, `${c.args.join(' ')}: killed by ${r.signal}`);
    assert.equal(r.status, 1, `${c.args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /unexpected error/);
    assert.match(r.stderr, c.stderr, `${c.args.join(' ')}`);
  });
});
