/**
 * `ipindex analyse attribution`: the output folder (attribution.csv with BOM, attribution.json,
 * manifest), rows that sum to each node's change, the printed summary, and clear errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';

/** CSV text (without its BOM) as records keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}
import { close } from './helpers.ts';
import { attributionCommand } from '../src/cli/analyse/attribution.ts';
import { prepare } from '../src/cli/analyse/common.ts';

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const DATA = new URL('../data/sample/regional.csv', import.meta.url).pathname;

test('analyse attribution writes attribution.csv/json whose contributions sum to every change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-attr-'));
  try {
    const out = execFileSync(process.execPath, [BIN, 'analyse', 'attribution', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '-o', dir, '--top', '2'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    assert.match(lines[0]!, /样本数据/);
    assert.equal(lines[1], '2025年与2024年相比：总指数变化分解为各指标的贡献（有效权重 × 标准化得分变化，合计等于变化）');
    assert.equal(lines.length, 2 + 31 + 1);
    assert.match(lines[2]!, /^\S+ 总指数 [+-]\d+\.\d\d：主要(来自|拖累) [^、；]+ [+-]\d+\.\d\d、[^、；]+ [+-]\d+\.\d\d(；|$)/);
    const text = readFileSync(join(dir, 'attribution.csv'), 'utf8');
    assert.ok(text.startsWith('\ufeffedition,unit,node,child,contribution,kind,previous_edition,score_effect,weight_effect,weights_changed,'));
    const rows = records(text.slice(1));
    // only --edition 2025 against 2024 without --all-editions
    assert.ok(rows.every((r) => r.edition === '2025' && r.previous_edition === '2024'));
    const sums = new Map<string, { change: number; child: number; indicator: number }>();
    for (const r of rows) {
      const k = `${r.unit}|${r.node}`;
      const s = sums.get(k) ?? { change: Number(r.node_change), child: 0, indicator: 0 };
      s[r.kind as 'child' | 'indicator'] += Number(r.contribution);
      sums.set(k, s);
    }
    assert.equal(sums.size, 31 * 13);
    for (const [k, s] of sums) {
      close(s.child, s.change, 1e-9, `${k} children`);
      close(s.indicator, s.change, 1e-9, `${k} indicators`);
    }
    const gd = rows.find((r) => r.unit === '440000' && r.node === 'RIDX' && r.child === 'P2')!;
    assert.deepEqual([gd.kind, gd.unit_name, gd.node_name, gd.child_name, gd.method, gd.weights_changed], ['child', '广东', '地区知识产权发展指数', '知识产权市场运行', 'arithmetic', '0']);
    const json = JSON.parse(readFileSync(join(dir, 'attribution.json'), 'utf8'));
    assert.deepEqual(json.pairs, [[2024, 2025]]);
    const split = json.splits.find((s: { unit: string; node: string }) => s.unit === '440000' && s.node === 'RIDX');
    close(Object.values(split.children as Record<string, number>).reduce((a, b) => a + b, 0), split.change, 1e-9, 'json children');
    assert.equal(Object.keys(split.indicators).length, 86);
    assert.equal(json.drivers.length, 31);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.analysis.kind, 'attribution');
    assert.deepEqual(manifest.analysis.pairs, [[2024, 2025]]);
    assert.equal(manifest.analysis.methods.RIDX.family, 'linear');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyse attribution: an indicator as --node, or a run of one edition, is refused with what to do', () => {
  const o = { framework: 'cnipa-regional', data: [DATA], edition: 2025, lang: 'zh' as const };
  assert.throws(() => attributionCommand.run(prepare(o), { ...o, node: 'R01' }), /attribution: --node R01 is an indicator; give an aggregate such as G11/);
  const one = { ...o, edition: 2021 };
  assert.throws(() => attributionCommand.run(prepare(one), one), /attribution compares an edition with the previous one, but the run has only edition 2021; give an earlier --first-edition/);
});
