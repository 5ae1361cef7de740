/**
 * Framework versions in the store: each distinct framework file content is kept once (by its
 * SHA-256), with its id, version and text, so that a vintage names exactly the definition it was
 * checked against.
 */
import { createHash } from 'node:crypto';
import type { Framework } from '../core/framework/types.ts';
import { asNumber, audit, type Store } from './db.ts';

/** A framework with the text it was parsed from. */
export interface FrameworkText {
  framework: Framework;
  /** The file's text (YAML or JSON). */
  text: string;
  /** The file it was read from. */
  file: string;
}

/** SHA-256 of a framework text, hex. */
export const frameworkSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Stores a framework version (once per content) and returns its id; inside the caller's transaction. */
export async function storeFrameworkVersion(store: Store, f: FrameworkText): Promise<number> {
  const c = store.connection;
  const sha = frameworkSha256(f.text);
  const found = (await c.runAndReadAll('SELECT id FROM framework_versions WHERE sha256 = $sha', { sha })).getRowsJS()[0];
  if (found) return asNumber(found[0]);
  const id = asNumber((await c.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM framework_versions')).getRowsJS()[0]![0]);
  await c.run(`INSERT INTO framework_versions VALUES ($id, $fid, $version, $sha, $file, $text, $at::TIMESTAMPTZ)`, {
    id,
    fid: f.framework.id,
    version: f.framework.version,
    sha,
    file: f.file,
    text: f.text,
    at: store.now().toISOString(),
  });
  await audit(store, 'framework-version', { detail: { id, framework: f.framework.id, version: f.framework.version, sha256: sha, file: f.file } });
  return id;
}

/** The stored text of a framework version, with its file name. */
export async function frameworkVersionText(store: Store, id: number): Promise<{ text: string; file: string | null; sha256: string } | undefined> {
  const r = (await store.connection.runAndReadAll('SELECT text, file, sha256 FROM framework_versions WHERE id = $id', { id })).getRowsJS()[0];
  return r ? { text: r[0] as string, file: (r[1] as string | null) ?? null, sha256: r[2] as string } : undefined;
}
