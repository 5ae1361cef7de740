/**
 * The store (issue 8): schema and migrations (a store made by schema version 1 opens and is
 * migrated, its data kept), refusals with clear messages, vintages (import, revision, base,
 * diff), imports that validate first (errors change nothing, warnings are kept), exports, runs
 * recorded, and an old vintage evaluated again giving its old scores to the last bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { parseCsv, parseFramework, type Observation } from '../src/core/index.ts';
import {
  SCHEMA_VERSION,
  auditLog,
  diffVintages,
  exportVintage,
  importVintage,
  listRuns,
  listVintages,
  openStore,
  readVintage,
  runScores,
  schemaVersion,
  vintageProblems,
  withStore,
} from '../src/store/index.ts';
import { dataImport } from '../src/cli/data-import.ts';
import { evaluateFromStore } from '../src/cli/evaluate-store.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipindex-store-'));
const WORKED_FW = new URL('./fixtures/worked/framework.yaml', import.meta.url).pathname;
const WORKED_DATA = new URL('./fixtures/worked/data.csv', import.meta.url).pathname;
const SAMPLE = new URL('../data/sample/regional.csv', import.meta.url).pathname;
const fwText = readFileSync(WORKED_FW, 'utf8');
const worked = { framework: parseFramework(fwText, WORKED_FW), text: fwText, file: WORKED_FW };
const obs = (rows: [string, number, string, number | null][]): Observation[] => rows.map(([unit, year, variable, value]) => ({ unit, year, variable, value }));
const cells = (o: readonly Observation[]): string[] => o.map((x) => `${x.unit}|${x.year}|${x.variable}|${x.value}`).sort();

/** Version 1 of the schema as ipindex 0.1 created it — a literal copy, so that a change to src/store/schema.ts cannot change what this test opens. */
const V1_DDL = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE framework_versions (id INTEGER PRIMARY KEY, framework_id VARCHAR NOT NULL, version VARCHAR NOT NULL, sha256 VARCHAR NOT NULL UNIQUE, file VARCHAR, text VARCHAR NOT NULL, stored_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE vintages (id INTEGER PRIMARY KEY, framework_version INTEGER NOT NULL, framework_id VARCHAR NOT NULL, base INTEGER, provider VARCHAR, note VARCHAR, imported_at TIMESTAMPTZ NOT NULL, n_rows BIGINT NOT NULL, imported_rows BIGINT NOT NULL)`,
  `CREATE TABLE vintage_files (vintage INTEGER NOT NULL, pos INTEGER NOT NULL, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, n_rows BIGINT NOT NULL)`,
  `CREATE TABLE observations (vintage INTEGER NOT NULL, seq BIGINT NOT NULL, unit VARCHAR NOT NULL, year INTEGER NOT NULL, variable VARCHAR NOT NULL, value DOUBLE, flag VARCHAR, source VARCHAR, note VARCHAR, file VARCHAR, row_no INTEGER, origin INTEGER NOT NULL)`,
  `CREATE TABLE runs (id INTEGER PRIMARY KEY, vintage INTEGER NOT NULL, framework_version INTEGER NOT NULL, edition INTEGER NOT NULL, recipe VARCHAR NOT NULL, manifest VARCHAR NOT NULL, ran_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE run_scores (run INTEGER NOT NULL, edition INTEGER NOT NULL, unit VARCHAR NOT NULL, node VARCHAR NOT NULL, score DOUBLE, rank DOUBLE)`,
  `CREATE TABLE audit (id BIGINT PRIMARY KEY, at_time TIMESTAMPTZ NOT NULL, action VARCHAR NOT NULL, vintage INTEGER, run INTEGER, detail VARCHAR)`,
  `INSERT INTO meta VALUES ('schema_version', '1')`,
];

test('a new store has the current schema version and its migrations in the audit log', async () => {
  const s = await openStore(join(tmp(), 'new.duckdb'), { create: true });
  try {
    assert.equal(SCHEMA_VERSION, 2);
    assert.equal(await schemaVersion(s.connection), 2);
    const log = await auditLog(s);
    assert.deepEqual(log.map((e) => [e.action, e.detail?.from, e.detail?.to]), [['migrate', 0, 1], ['migrate', 1, 2]]);
  } finally {
    s.close();
  }
});

test('a store made by schema version 1 opens: migrated to version 2, its vintages, observations and runs kept, content hashes filled in', async () => {
  const dir = tmp();
  const path = join(dir, 'v1.duckdb');
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  for (const sql of V1_DDL) await c.run(sql);
  await c.run(`INSERT INTO framework_versions VALUES (1, 'worked', '1', 'abc', 'worked.yaml', $t, '2025-01-01T00:00:00Z')`, { t: fwText });
  await c.run(`INSERT INTO vintages VALUES (1, 1, 'worked', NULL, 'stats', 'first', '2025-01-02T00:00:00Z', 3, 3), (2, 1, 'worked', 1, NULL, 'revised', '2025-02-01T00:00:00Z', 3, 1)`);
  await c.run(`INSERT INTO vintage_files VALUES (1, 0, 'a.csv', 'h1', 3), (2, 0, 'b.csv', 'h2', 1)`);
  await c.run(`INSERT INTO observations VALUES
    (1, 0, 'U1', 2024, 'X1', 20, NULL, 'hand', NULL, 'a.csv', 2, 1), (1, 1, 'U2', 2024, 'X1', 40, NULL, 'hand', NULL, 'a.csv', 3, 1), (1, 2, 'U3', 2024, 'X1', NULL, NULL, NULL, NULL, 'a.csv', 4, 1),
    (2, 0, 'U1', 2024, 'X1', 20, NULL, 'hand', NULL, 'a.csv', 2, 1), (2, 1, 'U2', 2024, 'X1', 40, NULL, 'hand', NULL, 'a.csv', 3, 1), (2, 3, 'U3', 2024, 'X1', 55.5, NULL, NULL, NULL, 'b.csv', 2, 2)`);
  await c.run(`INSERT INTO runs VALUES (1, 1, 1, 2025, '{}', '{}', '2025-01-03T00:00:00Z')`);
  await c.run(`INSERT INTO run_scores VALUES (1, 2025, 'U1', 'ROOT', 61.25, 2)`);
  await c.run(`INSERT INTO audit VALUES (1, '2025-01-01T00:00:00Z', 'migrate', NULL, NULL, '{}'), (2, '2025-01-02T00:00:00Z', 'import', 1, NULL, '{}')`);
  c.closeSync();
  inst.closeSync();

  const s = await openStore(path);
  try {
    assert.equal(await schemaVersion(s.connection), 2);
    const vs = await listVintages(s);
    assert.deepEqual(vs.map((v) => [v.id, v.base, v.provider, v.note, v.rows, v.files.map((f) => f.file)]), [[1, null, 'stats', 'first', 3, ['a.csv']], [2, 1, null, 'revised', 3, ['b.csv']]]);
    assert.deepEqual(cells(await readVintage(s, 2)), ['U1|2024|X1|20', 'U2|2024|X1|40', 'U3|2024|X1|55.5']);
    assert.deepEqual(await vintageProblems(s, 1), []);
    assert.deepEqual((await runScores(s, 1)).map((x) => [x.unit, x.node, x.score, x.rank]), [['U1', 'ROOT', 61.25, 2]]);
    // the backfilled hash is the hash a fresh import of the same cells records
    const fresh = await openStore(join(dir, 'fresh.duckdb'), { create: true });
    const v = await importVintage(fresh, { framework: worked, observations: obs([['U3', 2024, 'X1', 55.5], ['U1', 2024, 'X1', 20], ['U2', 2024, 'X1', 40]]), files: [] });
    fresh.close();
    assert.equal(vs[1]!.contentSha256, v.contentSha256);
    assert.notEqual(vs[0]!.contentSha256, vs[1]!.contentSha256);
    const log = await auditLog(s);
    assert.deepEqual(log.slice(-1).map((e) => [e.action, e.detail?.from, e.detail?.to]), [['migrate', 1, 2]]);
    // and it takes new vintages
    const v3 = await importVintage(s, { framework: worked, observations: obs([['U1', 2024, 'X2', 10]]), files: [], note: 'after the migration' });
    assert.deepEqual([v3.id, v3.base, v3.rows], [3, 2, 4]);
  } finally {
    s.close();
  }
});

test('refused with a message naming the file: a missing store, a folder, another program’s DuckDB file, a newer schema', async () => {
  const dir = tmp();
  await assert.rejects(openStore(join(dir, 'none.duckdb')), /数据库 .*none\.duckdb 不存在.*No store at .*none\.duckdb: create one with ipindex data import/);
  assert.equal(existsSync(join(dir, 'none.duckdb')), false, 'opening a missing store does not create it');
  mkdirSync(join(dir, 'folder.duckdb'));
  await assert.rejects(openStore(join(dir, 'folder.duckdb')), /Store .*folder\.duckdb is not a file/);
  const other = join(dir, 'other.duckdb');
  let inst = await DuckDBInstance.create(other);
  let c = await inst.connect();
  await c.run('CREATE TABLE sales (x INTEGER)');
  c.closeSync();
  inst.closeSync();
  await assert.rejects(openStore(other), /other\.duckdb: this DuckDB file holds tables of another program, not an ipindex store/);
  const newer = join(dir, 'newer.duckdb');
  (await openStore(newer, { create: true })).close();
  inst = await DuckDBInstance.create(newer);
  c = await inst.connect();
  await c.run(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`);
  c.closeSync();
  inst.closeSync();
  await assert.rejects(openStore(newer), /Store .*newer\.duckdb has schema version 99, newer than this ipindex knows \(2\): upgrade ipindex/);
  const text = join(dir, 'text.duckdb');
  writeFileSync(text, 'unit,year\n');
  await assert.rejects(openStore(text), /text\.duckdb/);
});

test('vintages: a revision makes a new vintage on the latest; the old one is unchanged; diff lists every changed, added and removed cell', async () => {
  const s = await openStore(join(tmp(), 'v.duckdb'), { create: true });
  try {
    const first = obs([['U1', 2024, 'X1', 20], ['U2', 2024, 'X1', 40], ['U3', 2024, 'X1', 60], ['U1', 2024, 'X2', 10]]);
    const v1 = await importVintage(s, { framework: worked, observations: first, files: [{ file: 'a.csv', sha256: 'h', rows: 4 }], provider: 'stats', note: '初次导入' });
    assert.deepEqual([v1.id, v1.base, v1.rows, v1.importedRows, v1.provider, v1.note], [1, null, 4, 4, 'stats', '初次导入']);
    // revised: U1 X1 20 → 25, U2 X1 turns missing, U3 X5 added
    const rev = obs([['U1', 2024, 'X1', 25], ['U2', 2024, 'X1', null], ['U3', 2024, 'X5', 65]]);
    const v2 = await importVintage(s, { framework: worked, observations: rev, files: [{ file: 'b.csv', sha256: 'h2', rows: 3 }], note: '第五次经济普查后修订' });
    assert.deepEqual([v2.id, v2.base, v2.rows, v2.importedRows], [2, 1, 5, 3]);
    assert.deepEqual(cells(await readVintage(s, 1)), cells(first), 'vintage 1 is as imported');
    assert.deepEqual(cells(await readVintage(s, 2)), ['U1|2024|X1|25', 'U1|2024|X2|10', 'U2|2024|X1|null', 'U3|2024|X1|60', 'U3|2024|X5|65']);
    const d = await diffVintages(s, 1, 2);
    assert.deepEqual(d.map((c) => [c.kind, c.variable, c.unit, c.year, c.old, c.new]), [
      ['changed', 'X1', 'U1', 2024, 20, 25],
      ['changed', 'X1', 'U2', 2024, 40, null],
      ['added', 'X5', 'U3', 2024, null, 65],
    ]);
    // a vintage of the files only (base none): what the files lack is removed
    const v3 = await importVintage(s, { framework: worked, observations: obs([['U1', 2024, 'X1', 25], ['U3', 2024, 'X5', 65]]), files: [], base: 'none' });
    assert.equal(v3.base, null);
    assert.deepEqual((await diffVintages(s, 2, 3)).map((c) => [c.kind, c.variable, c.unit, c.old]), [['removed', 'X1', 'U2', null], ['removed', 'X1', 'U3', 60], ['removed', 'X2', 'U1', 10]]);
    assert.deepEqual(await diffVintages(s, 3, 3), []);
    // provenance of each cell: file and row survive; the audit log has every import
    const log = await auditLog(s);
    assert.deepEqual(log.filter((e) => e.action === 'import').map((e) => e.vintage), [1, 2, 3]);
    const other = parseFramework(fwText.replace('id: worked', 'id: other'), 'other.yaml');
    await assert.rejects(importVintage(s, { framework: { framework: other, text: 'x', file: 'other.yaml' }, observations: rev, files: [], base: 1 }), /Vintage 1 belongs to framework worked, not other/);
    assert.equal((await listVintages(s)).length, 3, 'a refused import adds nothing');
  } finally {
    s.close();
  }
});

test('data import: errors block and change nothing (not even create the store); warnings are kept with the vintage', async () => {
  const dir = tmp();
  const path = join(dir, 'i.duckdb');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'unit,year,variable,value\nU1,2024,X1,-5\nU2,2024,X1,abc\n');
  await assert.rejects(dataImport({ store: path, framework: WORKED_FW, files: [bad], lang: 'en' }), (e: Error) => {
    assert.match(e.message, /The data has 2 errors; nothing was imported \(the store is unchanged\)/);
    assert.match(e.message, /bad\.csv:2/);
    assert.match(e.message, /bad\.csv:3/);
    return true;
  });
  assert.equal(existsSync(path), false, 'a failed first import leaves no store behind');
  const good = await dataImport({ store: path, framework: WORKED_FW, files: [WORKED_DATA], note: 'worked' });
  assert.equal(good.vintage.id, 1);
  const before = await withStore(path, {}, async (s) => [await listVintages(s), (await auditLog(s)).length] as const);
  await assert.rejects(dataImport({ store: path, framework: WORKED_FW, files: [bad] }), /数据有 2 个错误，未导入任何数据（数据库未改动）/);
  const after = await withStore(path, {}, async (s) => [await listVintages(s), (await auditLog(s)).length] as const);
  assert.deepEqual(after, before);
  // a file with a gap only: imported, its warnings stored with the vintage
  const gap = join(dir, 'gap.csv');
  writeFileSync(gap, 'unit,year,variable,value\nU1,2025,X1,22\nU2,2025,X1,44\n');
  const r = await dataImport({ store: path, framework: WORKED_FW, files: [gap] });
  assert.ok(r.findings.length > 0 && r.findings.every((f) => f.severity === 'warning'), 'warnings only');
  await withStore(path, {}, async (s) => {
    const stored = await vintageProblems(s, r.vintage.id);
    assert.deepEqual(stored.map((p) => [p.code, p.unit, p.variable, p.message.zh]), r.findings.map((f) => [f.code, f.unit, f.variable, f.message.zh]));
    assert.equal((await listVintages(s, { id: r.vintage.id }))[0]!.warnings, r.findings.length);
  });
});

test('export: CSV, XLSX and Parquet hold the vintage’s observations exactly', async () => {
  const dir = tmp();
  const path = join(dir, 'e.duckdb');
  await dataImport({ store: path, framework: WORKED_FW, files: [WORKED_DATA] });
  const source = parseCsv(readFileSync(WORKED_DATA, 'utf8')).slice(1).map((r) => `${r[0]}|${r[1]}|${r[2]}|${Number(r[3])}`).sort();
  await withStore(path, {}, async (s) => {
    await exportVintage(s, 1, join(dir, 'v1.csv'));
    const csv = parseCsv(readFileSync(join(dir, 'v1.csv'), 'utf8').replace(/^\ufeff/, ''));
    assert.deepEqual(csv[0], ['unit', 'year', 'variable', 'value', 'flag', 'source', 'note', 'file', 'row', 'sheet', 'column']);
    assert.deepEqual(csv.slice(1).map((r) => `${r[0]}|${r[1]}|${r[2]}|${Number(r[3])}`).sort(), source);
    await exportVintage(s, 1, join(dir, 'v1.parquet'));
    const pq = (await s.connection.runAndReadAll(`SELECT unit, year, variable, value FROM read_parquet('${join(dir, 'v1.parquet')}')`)).getRowsJS();
    assert.deepEqual(pq.map((r) => r.join('|')).sort(), source);
    await exportVintage(s, 1, join(dir, 'v1.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'v1.xlsx'));
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((row, i) => {
      if (i > 1) rows.push([1, 2, 3, 4].map((c) => String(row.getCell(c).value)).join('|'));
    });
    assert.deepEqual(rows.sort(), source);
    await assert.rejects(exportVintage(s, 1, join(dir, 'v1.txt')), /--out must end in \.csv, \.xlsx or \.parquet/);
  });
});

test('evaluate from the store: the run is recorded; a revised vintage scores differently; the old vintage again gives its old scores to the last bit, and those of the file', { timeout: 600_000 }, async () => {
  const dir = tmp();
  const path = join(dir, 'r.duckdb');
  await dataImport({ store: path, framework: 'cnipa-regional', files: [SAMPLE], note: 'sample' });
  const a = await evaluateFromStore({ store: path, framework: 'cnipa-regional', edition: 2025, vintage: 'latest' });
  // revisions: three 2024 values of 广东 and 海南 (R18 高价值发明专利拥有量, R24 商标有效注册量)
  const sample = parseCsv(readFileSync(SAMPLE, 'utf8'));
  const pick = (unit: string, variable: string): number => Number(sample.find((r) => r[0] === unit && r[1] === '2024' && r[2] === variable)![3]);
  const rev = join(dir, 'revision.csv');
  writeFileSync(rev, `unit,year,variable,value\n440000,2024,R18,${pick('440000', 'R18') * 1.1}\n460000,2024,R18,${pick('460000', 'R18') * 2}\n460000,2024,R24,${pick('460000', 'R24') * 0.5}\n`);
  const v2 = await dataImport({ store: path, framework: 'cnipa-regional', files: [rev], note: '修订' });
  assert.equal(v2.vintage.id, 2);
  const b = await evaluateFromStore({ store: path, framework: 'cnipa-regional', edition: 2025 });
  assert.equal(b.vintage, 2);
  const c = await evaluateFromStore({ store: path, framework: 'cnipa-regional', edition: 2025, vintage: '1' });
  const f = evaluateFiles({ framework: 'cnipa-regional', data: [SAMPLE], edition: 2025 });
  const same = (x: Float64Array, y: Float64Array): boolean => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  for (const node of a.result.nodes) {
    assert.ok(same(a.result.scores[node]!, c.result.scores[node]!), `${node}: vintage 1 scored again differs`);
    assert.ok(same(a.result.scores[node]!, f.result.scores[node]!), `${node}: vintage 1 differs from the file`);
  }
  assert.ok(!same(a.result.scores.RIDX ?? a.result.scores[a.framework.root]!, b.result.scores[b.framework.root]!), 'the revision changes the index');
  await withStore(path, {}, async (s) => {
    assert.deepEqual((await listRuns(s)).map((r) => [r.id, r.vintage, r.edition]), [[1, 1, 2025], [2, 2, 2025], [3, 1, 2025]]);
    const r1 = await runScores(s, 1);
    const r3 = await runScores(s, 3);
    assert.equal(r1.length, a.result.nodes.length * a.result.units.length * a.result.editions.length);
    assert.ok(r1.every((x, i) => x.unit === r3[i]!.unit && x.node === r3[i]!.node && Object.is(x.score, r3[i]!.score) && Object.is(x.rank, r3[i]!.rank)), 'stored scores of the two runs of vintage 1 are identical');
    // the stored scores are the run's, bit for bit
    const U = a.result.units.length;
    const k = r1.findIndex((x) => x.node === a.framework.root && x.edition === 2025 && x.unit === '440000');
    const e = a.result.editions.indexOf(2025);
    assert.ok(Object.is(r1[k]!.score, a.result.scores[a.framework.root]![e * U + a.result.units.indexOf('440000')]));
    const runsAudit = (await auditLog(s)).filter((x) => x.action === 'run').map((x) => x.run);
    assert.deepEqual(runsAudit, [1, 2, 3]);
  });
});

test('a store in use by another process is refused with a message saying so, and the process id', { timeout: 300_000 }, async () => {
  const { spawnSync } = await import('node:child_process');
  const path = join(tmp(), 'busy.duckdb');
  const s = await openStore(path, { create: true });
  try {
    const r = spawnSync(process.execPath, [new URL('../bin/ipindex.mjs', import.meta.url).pathname, 'data', 'list', '--store', path], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`ipindex: 数据库 .*busy\\.duckdb 正被另一个进程使用（PID ${process.pid}），请等待其结束后重试 / Store .*busy\\.duckdb is in use by another process \\(PID ${process.pid}\\); try again when it has finished`));
  } finally {
    s.close();
  }
});
