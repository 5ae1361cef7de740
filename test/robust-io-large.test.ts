/**
 * Large inputs (issue 7): a data file of more than 200 000 rows is read (in chunks, appended
 * without a spread: `push(...rows)` overflowed the stack at ~125 000) and evaluated. The 10⁶-row
 * case is bench/million-rows.ts (time and peak memory in BENCHMARKS.md), not run here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countyObservations, countyPanel } from '../bench/county.ts';
import { parseTidyCsv } from '../src/core/index.ts';
import { loadRegistry, readDataFiles } from '../src/io/index.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

/** Writes a tidy CSV of a synthetic county panel; returns its row count. */
async function writePanel(file: string, units: number): Promise<number> {
  const out = createWriteStream(file);
  out.write('unit,year,variable,value,source\n');
  let rows = 0;
  let buf = '';
  for (const o of countyObservations(countyPanel({ units, years: 10, seed: 3 }))) {
    buf += `${o.unit},${o.year},${o.variable},${o.value},synthetic\n`;
    if (++rows % 10_000 === 0) {
      out.write(buf);
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())));
  return rows;
}

test('a tidy CSV of over 200 000 rows is read and evaluated', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-large-'));
  const file = join(dir, 'counties.csv');
  const rows = await writePanel(file, 300);
  assert.ok(rows >= 200_000, `${rows} rows`);
  const registry = loadRegistry();
  const read = readDataFiles([file], registry);
  assert.equal(read.observations.length, rows);
  assert.equal(read.files[0]!.rows, rows);
  // the streamed reader reads what the whole-text parser reads
  const whole = parseTidyCsv(readFileSync(file, 'utf8'), { file, registry });
  assert.equal(whole.length, rows);
  for (const i of [0, 1, 12_345, rows - 1]) assert.deepEqual(read.observations[i], whole[i]);
  const r = evaluateFiles({ framework: 'cnipa-regional', data: [file], edition: 2025, out: join(dir, 'out') });
  assert.equal(r.result.units.length, 300);
  assert.ok(existsSync(join(dir, 'out', 'scores.csv')));
  const root = r.framework.nodes.find((n) => n.level === 0)!.code;
  assert.equal(r.result.scores[root]!.filter((v) => Number.isFinite(v)).length, 300 * r.result.editions.length, 'every county has an index score in every edition');
});
