/**
 * The real-data example (examples/real-provincial/: real published figures of 中国科技统计年鉴):
 * the yearbook CSV imports into a store with the gaps between the provinces and 全国 kept as
 * warnings, the raw files in their own layout import through the mapping without changing any
 * value, and the vintage evaluates — 31 provinces, 全国 left out by the recipe — with indicator
 * values equal to the ratios computed here from the CSV, and the scores of evaluating the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';
import { diffVintages, vintageProblems, withStore } from '../src/store/index.ts';
import { dataImport } from '../src/cli/data-import.ts';
import { evaluateFromStore } from '../src/cli/evaluate-store.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const EX = new URL('../examples/real-provincial/', import.meta.url).pathname;
const FW = join(EX, 'framework.yaml');
const CSV = join(EX, 'yearbook-2016-2023.csv');

test('real-provincial example: import (warnings on the sums), raw files through the mapping change nothing, evaluate: 31 provinces, values and scores as computed from the file', { timeout: 600_000 }, async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'ipindex-real-')), 'real.duckdb');
  const v1 = await dataImport({ store, framework: FW, files: [CSV], note: '中国科技统计年鉴 2016–2023' });
  assert.equal(v1.vintage.rows, 2048);
  const sums = v1.findings.filter((f) => f.code === 'sum-vs-national');
  assert.ok(sums.length > 0 && sums.every((f) => f.severity === 'warning'), 'the provinces do not add up to 全国: warnings');
  const raw = readdirSync(join(EX, 'raw')).map((f) => join(EX, 'raw', f));
  const v2 = await dataImport({ store, framework: FW, files: raw, mapping: join(EX, 'mapping.yaml') });
  assert.deepEqual([v2.vintage.base, v2.vintage.importedRows, v2.vintage.rows], [1, 128, 2048]);
  await withStore(store, {}, async (s) => {
    assert.deepEqual(await diffVintages(s, 1, 2), [], 'the raw files hold the yearbook values');
    assert.equal((await vintageProblems(s, 1)).length, v1.findings.length);
  });
  const r = await evaluateFromStore({ store, framework: FW, edition: 2024 });
  assert.equal(r.result.units.length, 31);
  assert.ok(!r.result.units.includes('CN'), '全国 is not ranked');
  // T3 = 技术市场成交额 / R&D经费 of 北京 in 2023, from the CSV
  const rows = parseCsv(readFileSync(CSV, 'utf8'));
  const val = (unit: string, variable: string, year: string): number => Number(rows.find((x) => x[0] === unit && x[1] === year && x[2] === variable)![3]);
  const e = r.result.editions.indexOf(2024);
  const U = r.result.units.length;
  const bj = e * U + r.result.units.indexOf('110000');
  assert.equal(r.result.values.T3![bj], val('北京', 'TECH_MARKET_VALUE', '2023') / val('北京', 'RD_EXP', '2023'));
  assert.equal(r.result.values.T4![bj], (100 * val('北京', 'PATENT_APPS_INV', '2023')) / val('北京', 'PATENT_APPS', '2023'));
  const f = evaluateFiles({ framework: FW, data: [CSV], edition: 2024 });
  for (const node of f.result.nodes) assert.ok(f.result.scores[node]!.every((x, i) => Object.is(x, r.result.scores[node]![i])), `${node}: store and file differ`);
  assert.match(r.summary.zh[0]!, /^2024年科技产出示例指数（真实年鉴数据）：31个地区平均得分/);
});
