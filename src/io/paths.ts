import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { IpIndexError } from '../core/errors.ts';
import { didYouMean, suggestionText } from '../core/text/suggest.ts';
import { fileURLToPath } from 'node:url';

/** The installation's root folder (where package.json is). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Built-in framework names → files (no prototype: `constructor` or `toString` is not a name here). */
export const BUILTIN_FRAMEWORKS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'cnipa-regional': join(ROOT, 'frameworks', 'cnipa-regional-2025.yaml'),
  'cnipa-national': join(ROOT, 'frameworks', 'cnipa-national-2025.yaml'),
});

/** Built-in groupings file. */
export const DEFAULT_GROUPINGS = join(ROOT, 'frameworks', 'groupings', 'cn-regions.yaml');
/** Province reference table. */
export const PROVINCES_CSV = join(ROOT, 'data', 'reference', 'provinces.csv');
/** Bundled sample data. */
export const SAMPLE_DATA = {
  regional: join(ROOT, 'data', 'sample', 'regional.csv'),
  national: join(ROOT, 'data', 'sample', 'national.csv'),
};

/** Resolves a framework argument: a built-in name or a file path. @throws IpIndexError for a name that is neither (with a suggestion) */
export function frameworkPath(arg: string): string {
  if (Object.hasOwn(BUILTIN_FRAMEWORKS, arg)) return BUILTIN_FRAMEWORKS[arg]!;
  assertNameOrFile(arg, 'framework', Object.keys(BUILTIN_FRAMEWORKS));
  return resolve(arg);
}

/**
 * A bare word (no folder, no extension) that is not an existing file must be a built-in name:
 * refuse it with the closest built-in names and the list of all (`--framework cnipa-regonal` →
 * "did you mean cnipa-regional?"). Paths are left to the file reader, whose message names the file.
 * @throws IpIndexError
 */
export function assertNameOrFile(arg: string, what: 'framework' | 'recipe', builtins: string[]): void {
  if (arg.trim() === '') throw new IpIndexError(`The ${what} name is empty: pass a file or a built-in ${what} (${builtins.join(', ')})`);
  if (/[\\/]/.test(arg) || extname(arg) || existsSync(arg)) return;
  const hint = suggestionText(didYouMean(arg, builtins));
  throw new IpIndexError(`Unknown ${what} ${arg}: neither a built-in ${what} nor a file${hint || '.'} Built-ins: ${builtins.join(', ')}`);
}

