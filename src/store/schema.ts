/**
 * The store's schema, as a list of migrations. A store records its schema version in
 * `meta.schema_version`; opening a store runs every migration above it, each in its own
 * transaction with its audit entry, so a store made by an older ipindex is brought up to date and
 * a store is never left between two versions. Version 1 is the first released layout; each later
 * version only adds to it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/** One migration: the SQL that takes a store from `version − 1` to `version`, then an optional backfill. */
export interface Migration {
  version: number;
  /** What the migration changes, for the audit log. */
  description: string;
  sql: string[];
  /** Runs after the SQL, inside the same transaction (e.g. fills a new column from the old data). */
  backfill?: (c: DuckDBConnection) => Promise<void>;
}

/**
 * Version 1: framework versions, vintages with their source files, observations, runs with their
 * scores, and the audit log. Kept verbatim: stores made by ipindex 0.1 have exactly these tables.
 */
export const SCHEMA_V1: string[] = [
  `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE framework_versions (
     id INTEGER PRIMARY KEY, framework_id VARCHAR NOT NULL, version VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL UNIQUE, file VARCHAR, text VARCHAR NOT NULL, stored_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE vintages (
     id INTEGER PRIMARY KEY, framework_version INTEGER NOT NULL, framework_id VARCHAR NOT NULL,
     base INTEGER, provider VARCHAR, note VARCHAR, imported_at TIMESTAMPTZ NOT NULL,
     n_rows BIGINT NOT NULL, imported_rows BIGINT NOT NULL)`,
  `CREATE TABLE vintage_files (vintage INTEGER NOT NULL, pos INTEGER NOT NULL, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, n_rows BIGINT NOT NULL)`,
  `CREATE TABLE observations (
     vintage INTEGER NOT NULL, seq BIGINT NOT NULL, unit VARCHAR NOT NULL, year INTEGER NOT NULL,
     variable VARCHAR NOT NULL, value DOUBLE, flag VARCHAR, source VARCHAR, note VARCHAR,
     file VARCHAR, row_no INTEGER, origin INTEGER NOT NULL)`,
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY, vintage INTEGER NOT NULL, framework_version INTEGER NOT NULL,
     edition INTEGER NOT NULL, recipe VARCHAR NOT NULL, manifest VARCHAR NOT NULL, ran_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE run_scores (run INTEGER NOT NULL, edition INTEGER NOT NULL, unit VARCHAR NOT NULL, node VARCHAR NOT NULL, score DOUBLE, rank DOUBLE)`,
  `CREATE TABLE audit (id BIGINT PRIMARY KEY, at_time TIMESTAMPTZ NOT NULL, action VARCHAR NOT NULL, vintage INTEGER, run INTEGER, detail VARCHAR)`,
];

/**
 * Version 2: validation problems kept with their vintage (warnings of an import), a content
 * hash per vintage (SHA-256 of its observations in a canonical text), backfilled for the vintages
 * a version-1 store holds, and the sheet and column each observation was read from (workbooks).
 */
export const SCHEMA_V2: string[] = [
  `CREATE TABLE vintage_problems (
     vintage INTEGER NOT NULL, pos INTEGER NOT NULL, severity VARCHAR NOT NULL, code VARCHAR NOT NULL,
     message_zh VARCHAR NOT NULL, message_en VARCHAR NOT NULL, file VARCHAR, sheet VARCHAR, row_no INTEGER, col VARCHAR, unit VARCHAR,
     variable VARCHAR, year INTEGER, value VARCHAR, expected VARCHAR)`,
  `ALTER TABLE vintages ADD COLUMN content_sha256 VARCHAR`,
  `ALTER TABLE observations ADD COLUMN sheet VARCHAR`,
  `ALTER TABLE observations ADD COLUMN col VARCHAR`,
];

/**
 * The SQL of a vintage's content hash: SHA-256 of `unit|year|variable|value` lines (value `NA`
 * when missing) in (unit, year, variable) order. Flags, sources and notes are provenance, not
 * content; two vintages with the same hash hold the same values.
 */
export const CONTENT_HASH_SQL = `SELECT sha256(coalesce(string_agg(unit || '|' || year::VARCHAR || '|' || variable || '|' || coalesce(value::VARCHAR, 'NA'), chr(10) ORDER BY unit, year, variable), '')) AS h FROM observations WHERE vintage = $v`;

/** Every migration, oldest first. */
export const MIGRATIONS: Migration[] = [
  { version: 1, description: 'framework versions, vintages, observations, runs, audit log', sql: SCHEMA_V1 },
  {
    version: 2,
    description: 'validation problems kept with their vintage; content hash per vintage; sheet and column of each observation',
    sql: SCHEMA_V2,
    backfill: async (c) => {
      const ids = (await c.runAndReadAll('SELECT id FROM vintages ORDER BY id')).getRowsJS().map((r) => Number(r[0]));
      for (const v of ids) {
        const h = (await c.runAndReadAll(CONTENT_HASH_SQL, { v })).getRowsJS()[0]![0] as string;
        await c.run('UPDATE vintages SET content_sha256 = $h WHERE id = $v', { h, v });
      }
    },
  },
];

/** The schema version this ipindex writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
