/**
 * `ipindex whatif`: re-runs the compiled plan with changed weights, values or bounds and compares
 * one node's scores and ranks, with clear messages for changes that do not parse or fit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whatIf } from '../src/cli/whatif.ts';

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const DATA = new URL('../data/sample/regional.csv', import.meta.url).pathname;
const base = { framework: 'cnipa-regional', data: [DATA], edition: 2025 };

test('all weight on one pillar: the index equals that pillar, and the ranks follow it', () => {
  const r = whatIf({ ...base, weight: ['P1=1', 'P2=0', 'P3=0'] });
  const U = r.before.units.length;
  const e = r.before.editions.indexOf(2025);
  for (let u = 0; u < U; u++) {
    // the index is Σ wᵢ·Pᵢ / Σ wᵢ = P1 when only P1 weighs
    const p1 = r.before.scores.P1![e * U + u]!;
    const row = r.rows.find((x) => x.unit === r.before.units[u])!;
    assert.ok(Math.abs(row.after.score! - p1) < 1e-12, `${row.unit}: ${row.after.score} vs P1 ${p1}`);
    assert.equal(row.after.rank, r.before.ranks.P1![e * U + u]);
    assert.equal(row.before.score, r.before.scores.RIDX![e * U + u]);
  }
  // rows come by the new rank
  assert.deepEqual(r.rows.map((x) => x.after.rank), [...r.rows.map((x) => x.after.rank!)].sort((a, b) => a - b));
  assert.match(r.lines[1]!, /^2025年 地区知识产权发展指数（RIDX）：假设变化后，\d+个单位排名变化。$/);
  assert.match(r.lines[0]!, /样本数据/);
});

test('a value change by unit name, and the comparison written as CSV', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-whatif-'));
  try {
    const csv = join(dir, 'whatif.csv');
    const out = execFileSync(process.execPath, [BIN, 'whatif', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '-v', 'R18:海南:2024=900000', '--node', 'P2', '--csv', csv, '--lang', 'en'], { encoding: 'utf8' });
    assert.match(out, /2025 .* \(P2\): with the changes, \d+ units? change rank\./);
    const rows = readFileSync(csv, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
    assert.equal(rows[0], 'unit,unit_name,node,edition,score,new_score,rank,new_rank');
    assert.equal(rows.length, 32);
    const hainan = rows.find((l) => l.startsWith('460000,'))!.split(',');
    assert.ok(Number(hainan[5]) > Number(hainan[4]), 'a far larger R18 raises 海南 in its pillar');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('changes that do not parse or fit are refused with what was expected', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'whatif', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', ...args], { encoding: 'utf8' });
  const cases: [string[], RegExp][] = [
    [['-w', 'P1'], /--weight P1: expected CODE=weight, e\.g\. P1=0\.3/],
    [['-w', 'P1=abc'], /--weight P1=abc: expected a number after "=", got "abc"/],
    [['-v', 'R18:Hainn:2024=9'], /--value R18:Hainn:2024=9: expected a known unit/],
    [['-v', 'R18:海南=9'], /--value R18:海南=9: expected CODE:UNIT:YEAR=value/],
    [['-v', 'ZZ1:海南:2024=9'], /ZZ1 is neither an indicator of framework cnipa-regional nor a variable its indicators read/],
    [['-b', 'R01=5,1'], /bounds of R01 must be \[low, high\] with low < high/],
    [['-w', 'P9=1'], /weight for P9, which is not a node below the root/],
    [[], /nothing to change/],
  ];
  for (const [args, msg] of cases) {
    const r = run(...args);
    assert.equal(r.status, 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    assert.match(r.stderr, msg, args.join(' '));
  }
});
