import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installation's root folder (where package.json is). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Built-in framework names → files. */
export const BUILTIN_FRAMEWORKS: Record<string, string> = {
  'cnipa-regional': join(ROOT, 'frameworks', 'cnipa-regional-2025.yaml'),
  'cnipa-national': join(ROOT, 'frameworks', 'cnipa-national-2025.yaml'),
};

/** Built-in groupings file. */
export const DEFAULT_GROUPINGS = join(ROOT, 'frameworks', 'groupings', 'cn-regions.yaml');
/** Province reference table. */
export const PROVINCES_CSV = join(ROOT, 'data', 'reference', 'provinces.csv');
/** Bundled sample data. */
export const SAMPLE_DATA = {
  regional: join(ROOT, 'data', 'sample', 'regional.csv'),
  national: join(ROOT, 'data', 'sample', 'national.csv'),
};

/** Resolves a framework argument: a built-in name or a file path. */
export function frameworkPath(arg: string): string {
  if (BUILTIN_FRAMEWORKS[arg]) return BUILTIN_FRAMEWORKS[arg];
  return resolve(arg);
}

