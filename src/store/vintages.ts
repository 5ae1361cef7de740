/**
 * Data vintages: immutable, complete sets of observations of one framework, with provenance
 * (source files and their SHA-256, provider, import time, note) and the validation warnings of
 * their import. An import makes a new vintage from the latest one of the framework (or another
 * base, or none) with the imported cells added or replacing theirs, in one transaction: it lands
 * whole or not at all, and no earlier vintage ever changes.
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, BIGINT } from '@duckdb/node-api';
import type { Observation } from '../core/panel/types.ts';
import { StoreError, asNumber, audit, transaction, type Store } from './db.ts';
import { CONTENT_HASH_SQL } from './schema.ts';
import { storeFrameworkVersion, type FrameworkText } from './frameworks.ts';

/**
 * A validation problem kept with a vintage (the warnings of its import): the shape of the
 * validation's findings (src/core/import), message in Chinese and English.
 */
export interface StoredProblem {
  severity: 'error' | 'warning';
  code: string;
  message: { zh: string; en: string };
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  unit?: string;
  variable?: string;
  year?: number;
  /** The value as read (text as written, or the number). */
  value?: string | number | null;
  expected?: string;
}

/** One source file of an import. */
export interface SourceFile {
  file: string;
  sha256: string;
  rows: number;
}

/** What {@link importVintage} stores. */
export interface ImportInput {
  framework: FrameworkText;
  observations: readonly Observation[];
  files: readonly SourceFile[];
  /** Warnings of the validation, kept with the vintage (errors never reach the store). */
  problems?: readonly StoredProblem[];
  provider?: string;
  note?: string;
  /**
   * The vintage the new one builds on: `latest` (default: the newest vintage of the same
   * framework id, none for the first), a vintage id, or `none` (the new vintage holds the imported
   * observations only).
   */
  base?: 'latest' | 'none' | number;
  /** Test hook: pause this many ms between the steps of the transaction, and say when it starts. */
  slowMs?: number;
}

/** A vintage as `data list` and `data show` describe it. */
export interface VintageInfo {
  id: number;
  frameworkId: string;
  frameworkVersion: string;
  frameworkSha256: string;
  base: number | null;
  provider: string | null;
  note: string | null;
  importedAt: string;
  rows: number;
  importedRows: number;
  contentSha256: string | null;
  files: SourceFile[];
  warnings: number;
}

/** Rows appended to the staging table per data chunk. */
const CHUNK = 2048;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The id a vintage argument names: a number, or `latest` (the newest vintage, of `frameworkId`
 * when given).
 * @throws StoreError when there is no such vintage
 */
export async function resolveVintage(store: Store, arg: string | number, frameworkId?: string): Promise<number> {
  const c = store.connection;
  if (arg === 'latest') {
    const r = await c.runAndReadAll(`SELECT max(id) FROM vintages ${frameworkId ? 'WHERE framework_id = $f' : ''}`, frameworkId ? { f: frameworkId } : undefined);
    const id = r.getRowsJS()[0]?.[0];
    if (id === null || id === undefined) throw new StoreError(`数据库 ${store.path} 中没有${frameworkId ? `指标体系 ${frameworkId} 的` : ''}数据版本 / Store ${store.path} holds no vintage${frameworkId ? ` of framework ${frameworkId}` : ''} yet: import data with ipindex data import`);
    return asNumber(id);
  }
  const s = String(arg).trim().replace(/^v/i, '');
  if (!/^\d{1,9}$/.test(s)) throw new StoreError(`数据版本应为编号或 latest，得到 "${String(arg)}" / A vintage is a number or latest, got "${String(arg)}"`);
  const id = Number(s);
  const r = await c.runAndReadAll('SELECT framework_id FROM vintages WHERE id = $id', { id });
  const row = r.getRowsJS()[0];
  if (!row) {
    const ids = (await c.runAndReadAll('SELECT id FROM vintages ORDER BY id')).getRowsJS().map((x) => asNumber(x[0]));
    throw new StoreError(`数据库 ${store.path} 中没有数据版本 ${id} / Store ${store.path} has no vintage ${id}${ids.length ? ` (vintages: ${ids.length > 12 ? `${ids.slice(0, 6).join(', ')}, …, ${ids.slice(-3).join(', ')}` : ids.join(', ')})` : ' (it holds none yet)'}`);
  }
  if (frameworkId && row[0] !== frameworkId) throw new StoreError(`数据版本 ${id} 属于指标体系 ${String(row[0])}，不是 ${frameworkId} / Vintage ${id} belongs to framework ${String(row[0])}, not ${frameworkId}`);
  return id;
}

/** Appends observations to a table (seq, unit, year, variable, value, flag, source, note, file, row_no, sheet, col) in data chunks. */
async function appendObservations(store: Store, table: string, obs: readonly Observation[], firstSeq: number, between?: () => Promise<void>): Promise<void> {
  const appender = await store.connection.createAppender(table);
  const types = [BIGINT, VARCHAR, INTEGER, VARCHAR, DOUBLE, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR];
  for (let start = 0; start < obs.length; start += CHUNK) {
    const n = Math.min(CHUNK, obs.length - start);
    const cols: (bigint | string | number | null)[][] = types.map(() => new Array(n));
    for (let i = 0; i < n; i++) {
      const o = obs[start + i]!;
      cols[0]![i] = BigInt(firstSeq + start + i);
      cols[1]![i] = o.unit;
      cols[2]![i] = o.year;
      cols[3]![i] = o.variable;
      cols[4]![i] = o.value;
      cols[5]![i] = o.flag ?? null;
      cols[6]![i] = o.source ?? null;
      cols[7]![i] = o.note ?? null;
      cols[8]![i] = o.file ?? null;
      cols[9]![i] = o.row ?? null;
      cols[10]![i] = o.sheet ?? null;
      cols[11]![i] = o.column ?? null;
    }
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(cols);
    appender.appendDataChunk(chunk);
    if (between) {
      appender.flushSync();
      await between();
    }
  }
  appender.closeSync();
}

/**
 * Imports observations as a new vintage, in one transaction: the framework version (stored once
 * per distinct file content), the vintage with its source files and warnings, its observations
 * (the base vintage's, less the cells imported, plus the imported ones) and the audit entry.
 * Returns the new vintage.
 * @throws StoreError when the base vintage does not exist or belongs to another framework
 */
export async function importVintage(store: Store, input: ImportInput): Promise<VintageInfo> {
  const c = store.connection;
  const pause = input.slowMs ? () => sleep(input.slowMs!) : undefined;
  const id = await transaction(store, async () => {
    if (input.slowMs) process.stderr.write('ipindex: test: importing\n');
    const fv = await storeFrameworkVersion(store, input.framework);
    const base = input.base === 'none' ? null : await baseOf(store, input.base ?? 'latest', input.framework.framework.id);
    const id = asNumber((await c.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM vintages')).getRowsJS()[0]![0]);
    await c.run(`CREATE OR REPLACE TEMP TABLE staging (seq BIGINT, unit VARCHAR, year INTEGER, variable VARCHAR, value DOUBLE, flag VARCHAR, source VARCHAR, note VARCHAR, file VARCHAR, row_no INTEGER, sheet VARCHAR, col VARCHAR)`);
    await appendObservations(store, 'staging', input.observations, 0, pause);
    // the base's cells that the import does not touch keep their place (seq) and origin
    let offset = 0;
    if (base !== null) {
      offset = asNumber((await c.runAndReadAll('SELECT coalesce(max(seq), -1) + 1 FROM observations WHERE vintage = $b', { b: base })).getRowsJS()[0]![0]);
      await c.run(
        `INSERT INTO observations (vintage, seq, unit, year, variable, value, flag, source, note, file, row_no, origin, sheet, col)
         SELECT $id, o.seq, o.unit, o.year, o.variable, o.value, o.flag, o.source, o.note, o.file, o.row_no, o.origin, o.sheet, o.col
         FROM observations o ANTI JOIN staging s ON s.unit = o.unit AND s.year = o.year AND s.variable = o.variable
         WHERE o.vintage = $b`,
        { id, b: base },
      );
    }
    await c.run(
      `INSERT INTO observations (vintage, seq, unit, year, variable, value, flag, source, note, file, row_no, origin, sheet, col)
       SELECT $id, seq + $off, unit, year, variable, value, flag, source, note, file, row_no, $id, sheet, col FROM staging`,
      { id, off: offset },
    );
    await c.run('DROP TABLE staging');
    await pause?.();
    const rows = asNumber((await c.runAndReadAll('SELECT count(*) FROM observations WHERE vintage = $id', { id })).getRowsJS()[0]![0]);
    const hash = (await c.runAndReadAll(CONTENT_HASH_SQL, { v: id })).getRowsJS()[0]![0] as string;
    await c.run(
      `INSERT INTO vintages (id, framework_version, framework_id, base, provider, note, imported_at, n_rows, imported_rows, content_sha256)
       VALUES ($id, $fv, $fid, $base::INTEGER, $provider, $note, $at::TIMESTAMPTZ, $rows, $imported, $hash)`,
      { id, fv, fid: input.framework.framework.id, base, provider: input.provider ?? null, note: input.note ?? null, at: store.now().toISOString(), rows, imported: input.observations.length, hash },
    );
    for (const [pos, f] of input.files.entries()) {
      await c.run('INSERT INTO vintage_files VALUES ($id, $pos, $file, $sha, $rows)', { id, pos, file: f.file, sha: f.sha256, rows: f.rows });
    }
    await storeProblems(store, id, input.problems ?? []);
    await pause?.();
    await audit(store, 'import', { vintage: id, detail: { framework: input.framework.framework.id, base, files: input.files.map((f) => f.file), rows, imported: input.observations.length, warnings: input.problems?.length ?? 0 } });
    return id;
  });
  return (await vintageInfo(store, id))!;
}

/** The base vintage of an import: `latest` of the framework (null when it has none yet) or an id of the same framework. */
async function baseOf(store: Store, base: 'latest' | number, frameworkId: string): Promise<number | null> {
  if (base === 'latest') {
    const r = await store.connection.runAndReadAll('SELECT max(id) FROM vintages WHERE framework_id = $f', { f: frameworkId });
    const v = r.getRowsJS()[0]?.[0];
    return v === null || v === undefined ? null : asNumber(v);
  }
  return resolveVintage(store, base, frameworkId);
}

/** Stores the problems of a vintage's import. */
async function storeProblems(store: Store, vintage: number, problems: readonly StoredProblem[]): Promise<void> {
  if (!problems.length) return;
  const appender = await store.connection.createAppender('vintage_problems');
  const types = [INTEGER, INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR];
  for (let start = 0; start < problems.length; start += CHUNK) {
    const part = problems.slice(start, start + CHUNK);
    const chunk = DuckDBDataChunk.create(types, part.length);
    chunk.setRows(part.map((p, i) => [vintage, start + i, p.severity, p.code, p.message.zh, p.message.en, p.file ?? null, p.sheet ?? null, p.row ?? null, p.column ?? null, p.unit ?? null, p.variable ?? null, p.year ?? null, p.value === undefined || p.value === null ? null : String(p.value), p.expected ?? null]));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** One vintage with its files and the number of warnings kept with it; undefined when there is none. */
export async function vintageInfo(store: Store, id: number): Promise<VintageInfo | undefined> {
  return (await listVintages(store, { id }))[0];
}

/** Options of {@link listVintages}. */
export interface ListVintagesOptions {
  frameworkId?: string;
  id?: number;
}

/** Every vintage (of a framework, or one), oldest first. */
export async function listVintages(store: Store, o: ListVintagesOptions = {}): Promise<VintageInfo[]> {
  const c = store.connection;
  const where = [o.frameworkId !== undefined ? 'v.framework_id = $f' : '', o.id !== undefined ? 'v.id = $id' : ''].filter(Boolean);
  const params: Record<string, string | number> = {};
  if (o.frameworkId !== undefined) params.f = o.frameworkId;
  if (o.id !== undefined) params.id = o.id;
  const r = await c.runAndReadAll(
    `SELECT v.id, v.framework_id, f.version, f.sha256, v.base, v.provider, v.note, strftime(v.imported_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ'), v.n_rows, v.imported_rows, v.content_sha256,
            (SELECT count(*) FROM vintage_problems p WHERE p.vintage = v.id AND p.severity = 'warning')
     FROM vintages v JOIN framework_versions f ON f.id = v.framework_version
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY v.id`,
    Object.keys(params).length ? params : undefined,
  );
  const files = await c.runAndReadAll(`SELECT vintage, file, sha256, n_rows FROM vintage_files ${o.id !== undefined ? 'WHERE vintage = $id' : ''} ORDER BY vintage, pos`, o.id !== undefined ? { id: o.id } : undefined);
  const byVintage = new Map<number, SourceFile[]>();
  for (const [v, file, sha256, rows] of files.getRowsJS()) {
    const k = asNumber(v);
    if (!byVintage.has(k)) byVintage.set(k, []);
    byVintage.get(k)!.push({ file: file as string, sha256: sha256 as string, rows: asNumber(rows) });
  }
  return r.getRowsJS().map((x) => ({
    id: asNumber(x[0]),
    frameworkId: x[1] as string,
    frameworkVersion: x[2] as string,
    frameworkSha256: x[3] as string,
    base: x[4] === null ? null : asNumber(x[4]),
    provider: (x[5] as string | null) ?? null,
    note: (x[6] as string | null) ?? null,
    importedAt: x[7] as string,
    rows: asNumber(x[8]),
    importedRows: asNumber(x[9]),
    contentSha256: (x[10] as string | null) ?? null,
    files: byVintage.get(asNumber(x[0])) ?? [],
    warnings: asNumber(x[11]),
  }));
}

/**
 * The observations of a vintage in the order they were stored (the base's first, then the
 * import's), with flag, source, note and the file, row, sheet and column each came from. Read in
 * chunks of the result (never the whole result as JS arrays), with one string per distinct unit,
 * variable, flag, source, note, file, sheet and column shared between rows.
 */
export async function readVintage(store: Store, id: number): Promise<Observation[]> {
  const result = await store.connection.stream(`SELECT unit, year, variable, value, flag, source, note, file, row_no, sheet, col FROM observations WHERE vintage = ${Number(id)} ORDER BY seq`);
  const strings = new Map<string, string>();
  const intern = (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    const t = v as string;
    let u = strings.get(t);
    if (u === undefined) strings.set(t, (u = t));
    return u;
  };
  const out: Observation[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const [unit, year, variable, value, flag, source, note, file, row, sheet, col] = chunk.getColumns() as unknown[][] as [string[], number[], string[], (number | null)[], (string | null)[], (string | null)[], (string | null)[], (string | null)[], (number | null)[], (string | null)[], (string | null)[]];
    for (let i = 0; i < chunk.rowCount; i++) {
      const o: Observation = { unit: intern(unit[i])!, year: year[i]!, variable: intern(variable[i])!, value: value[i]! };
      const f = intern(flag[i]);
      if (f !== null) o.flag = f;
      const so = intern(source[i]);
      if (so !== null) o.source = so;
      const n = intern(note[i]);
      if (n !== null) o.note = n;
      const fi = intern(file[i]);
      if (fi !== null) o.file = fi;
      if (row[i] !== null) o.row = row[i]!;
      const sh = intern(sheet[i]);
      if (sh !== null) o.sheet = sh;
      const c = intern(col[i]);
      if (c !== null) o.column = c;
      out.push(o);
    }
  }
  return out;
}

/** The problems (warnings) kept with a vintage, in the order the validation reported them. */
export async function vintageProblems(store: Store, id: number): Promise<StoredProblem[]> {
  const r = await store.connection.runAndReadAll(`SELECT severity, code, message_zh, message_en, file, sheet, row_no, col, unit, variable, year, value, expected FROM vintage_problems WHERE vintage = $id ORDER BY pos`, { id });
  return r.getRowsJS().map((x) => {
    const p: StoredProblem = { severity: x[0] as 'error' | 'warning', code: x[1] as string, message: { zh: x[2] as string, en: x[3] as string } };
    const keys = ['file', 'sheet', 'row', 'column', 'unit', 'variable', 'year', 'value', 'expected'] as const;
    keys.forEach((k, i) => {
      const v = x[i + 4];
      if (v !== null && v !== undefined) (p as unknown as Record<string, unknown>)[k] = typeof v === 'bigint' ? Number(v) : v;
    });
    return p;
  });
}
