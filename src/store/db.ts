/**
 * Opening the store: one DuckDB file (default ./ipindex.duckdb). Opening creates the file when
 * asked to, refuses what is not a store with a clear message (a folder, another program's file, a
 * store in use by another process, a store made by a newer ipindex), and runs the migrations a
 * store of an older schema version needs (src/store/schema.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { IpIndexError } from '../core/errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

/** The store file used when no `--store` is given. */
export const DEFAULT_STORE = 'ipindex.duckdb';

/** A store cannot be opened or used as asked. */
export class StoreError extends IpIndexError {}

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** Create the file when it does not exist (default false: a missing store is an error naming it). */
  create?: boolean;
  /** The time written for audit entries (default: now). */
  now?: () => Date;
}

/** An open store: a DuckDB connection and the time source of its audit entries. */
export interface Store {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** The time audit entries, vintages and runs record. */
  readonly now: () => Date;
  /** Closes the connection and the database file. */
  close(): void;
}

/** A value read from DuckDB as a JS number (BIGINT arrives as bigint). */
export const asNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

/** The DuckDB message without its "IO Error: " style prefix, first line only. */
const duckMessage = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/**
 * Opens (and with `create`, makes) the store at `path`, running the migrations an older store
 * needs. The process holds the store until {@link Store.close}; another process opening it
 * meanwhile gets a message saying the store is in use.
 * @throws StoreError naming the file and what is wrong
 */
export async function openStore(path: string, o: OpenStoreOptions = {}): Promise<Store> {
  if (!path.trim()) throw new StoreError('--store needs a file name, got an empty one / 数据库文件名为空');
  const exists = existsSync(path);
  if (exists && !statSync(path).isFile()) throw new StoreError(`数据库 ${path} 不是文件（是文件夹？）/ Store ${path} is not a file (a folder?)`);
  if (!exists && !o.create) throw new StoreError(`数据库 ${path} 不存在；先用 ipindex data import --store ${path} … 导入数据 / No store at ${path}: create one with ipindex data import --store ${path} --framework <f> <files…>`);
  let instance: DuckDBInstance;
  try {
    // one thread per store is ample for the store's work and leaves the cores to the evaluation
    instance = await DuckDBInstance.create(path, { threads: '1' });
  } catch (e) {
    const m = duckMessage(e);
    if (/lock/i.test(m)) {
      const pid = /PID (\d+)/.exec(m)?.[1];
      throw new StoreError(`数据库 ${path} 正被另一个进程使用${pid ? `（PID ${pid}）` : ''}，请等待其结束后重试 / Store ${path} is in use by another process${pid ? ` (PID ${pid})` : ''}; try again when it has finished`);
    }
    if (/not a valid DuckDB database|Unable to open|database file|Serialization|Corrupt/i.test(m)) {
      throw new StoreError(`${path} 不是 ipindex 数据库（DuckDB 文件）/ ${path} is not an ipindex store (a DuckDB file): ${m}`);
    }
    throw new StoreError(`无法打开数据库 ${path} / Cannot open store ${path}: ${m}`);
  }
  const connection = await instance.connect();
  const now = o.now ?? (() => new Date());
  const store: Store = {
    path,
    connection,
    now,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
  try {
    await migrate(store);
  } catch (e) {
    store.close();
    throw e;
  }
  return store;
}

/** The schema version a store records (0 for a file without ipindex tables). */
export async function schemaVersion(c: DuckDBConnection): Promise<number> {
  const t = await c.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`);
  if (asNumber(t.getRowsJS()[0]![0]) === 0) {
    const any = await c.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'`);
    if (asNumber(any.getRowsJS()[0]![0]) > 0) throw new StoreError('this DuckDB file holds tables of another program, not an ipindex store / 该 DuckDB 文件不是 ipindex 数据库');
    return 0;
  }
  const r = await c.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`);
  const v = r.getRowsJS()[0]?.[0];
  return v === undefined ? 0 : Number(v);
}

/**
 * Brings a store to {@link SCHEMA_VERSION}: each missing migration in its own transaction, with
 * its audit entry. A store of a newer version is refused (this ipindex would not know its tables).
 * @throws StoreError
 */
export async function migrate(store: Store): Promise<void> {
  const c = store.connection;
  let current: number;
  try {
    current = await schemaVersion(c);
  } catch (e) {
    if (e instanceof StoreError) throw new StoreError(`${store.path}: ${e.message}`);
    throw e;
  }
  if (current > SCHEMA_VERSION) {
    throw new StoreError(`数据库 ${store.path} 的结构版本为 ${current}，高于本程序支持的 ${SCHEMA_VERSION}；请升级 ipindex / Store ${store.path} has schema version ${current}, newer than this ipindex knows (${SCHEMA_VERSION}): upgrade ipindex`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await transaction(store, async () => {
      for (const sql of m.sql) await c.run(sql);
      await m.backfill?.(c);
      await c.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)`, { v: String(m.version) });
      await audit(store, 'migrate', { detail: { from: m.version - 1, to: m.version, description: m.description } });
    });
  }
}

/**
 * Runs `fn` in one transaction: committed whole when it returns, rolled back when it throws. A
 * process killed inside leaves the store as it was before (DuckDB's write-ahead log only replays
 * committed transactions).
 */
export async function transaction<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const c = store.connection;
  await c.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  await c.run('COMMIT');
  return result;
}

/** Where an audit entry points: a vintage, a run, and what was done. */
export interface AuditRef {
  vintage?: number;
  run?: number;
  detail?: Record<string, unknown>;
}

/** Adds an entry to the audit log (inside the caller's transaction). */
export async function audit(store: Store, action: string, ref: AuditRef = {}): Promise<void> {
  await store.connection.run(
    `INSERT INTO audit SELECT coalesce(max(id), 0) + 1, $at::TIMESTAMPTZ, $action, $vintage::INTEGER, $run::INTEGER, $detail FROM audit`,
    { at: store.now().toISOString(), action, vintage: ref.vintage ?? null, run: ref.run ?? null, detail: ref.detail ? JSON.stringify(ref.detail) : null },
  );
}

/** Runs `fn` on the store at `path`, closing it afterwards. */
export async function withStore<T>(path: string, o: OpenStoreOptions, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await openStore(path, o);
  try {
    return await fn(s);
  } finally {
    s.close();
  }
}

/** Current schema version, re-exported for messages and tests. */
export { SCHEMA_VERSION };
