/**
 * `ipindex report --store <db>`: an index given without data files reads its vintage from the
 * store. A vintage imported from the regional sample gives the very report the file gives (every
 * block: narrative, tables, figures); only the cover's inputs name the vintage instead of the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataImport } from '../src/cli/data-import.ts';
import { reportFiles } from '../src/cli/report.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const REGIONAL = join(ROOT, 'data/sample/regional.csv');

test('a report from a stored vintage equals the report from the same data file, and names the vintage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-report-store-'));
  try {
    const store = join(dir, 's.duckdb');
    const imported = await dataImport({ store, framework: 'cnipa-regional', files: [REGIONAL], note: 'sample' });
    const fromStore = await reportFiles({ indices: [{ framework: 'cnipa-regional', data: [], vintage: String(imported.vintage.id) }], store, edition: 2025, out: join(dir, 'a'), formats: ['html'] });
    const fromFile = await reportFiles({ indices: [{ framework: 'cnipa-regional', data: [REGIONAL] }], edition: 2025, out: join(dir, 'b'), formats: ['html'] });
    assert.equal(JSON.stringify(fromStore.document.blocks), JSON.stringify(fromFile.document.blocks));
    assert.deepEqual(fromStore.document.meta.inputs.map((i) => i.label), [`s.duckdb#vintage-${imported.vintage.id}`]);
    const html = readFileSync(join(dir, 'a', 'report.html'), 'utf8');
    assert.ok(html.includes(`#vintage-${imported.vintage.id}`));
    // the sample data stays labelled as sample when it comes from the store
    assert.ok(fromStore.files.includes('SAMPLE-DATA.txt'));
    // without --data and without a store, the index has no data: an error naming what to do
    await assert.rejects(reportFiles({ indices: [{ framework: 'cnipa-regional', data: [] }], edition: 2025, out: join(dir, 'c'), formats: ['html'] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
