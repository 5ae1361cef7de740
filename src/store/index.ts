/**
 * The store (adapter): an embedded DuckDB file holding framework versions, data vintages with
 * their provenance and warnings, runs with their scores, and an audit log of every write.
 * See docs/store.md.
 */
export { DEFAULT_STORE, SCHEMA_VERSION, StoreError, openStore, withStore, migrate, schemaVersion, transaction, audit, type Store, type OpenStoreOptions } from './db.ts';
export { MIGRATIONS, SCHEMA_V1, SCHEMA_V2, CONTENT_HASH_SQL, type Migration } from './schema.ts';
export { frameworkSha256, frameworkVersionText, storeFrameworkVersion, type FrameworkText } from './frameworks.ts';
export { importVintage, listVintages, readVintage, resolveVintage, vintageInfo, vintageProblems, type ImportInput, type ListVintagesOptions, type SourceFile, type StoredProblem, type VintageInfo } from './vintages.ts';
export { diffVintages, type VintageChange } from './diff.ts';
export { listRuns, recordRun, runScores, type RunInfo, type RunInput, type StoredScore } from './runs.ts';
export { auditLog, type AuditEntry } from './audit-log.ts';
export { exportVintage, EXPORT_FORMATS } from './export.ts';
