/**
 * Reading a run's data files with the import reader's options (`--mapping`, `--encoding`):
 * workbooks, wide tables and GBK files for `evaluate`, whose warnings (a converted unit of
 * measure, a skipped total row) are printed, never dropped.
 */
import type { Framework, UnitRegistry } from '../core/index.ts';
import { readDataFiles } from '../io/index.ts';
import { loadMapping } from '../io/import/index.ts';

/** The import options a run may give. */
export interface RunDataOptions {
  data: string[];
  /** Mapping file (YAML) for files whose columns and codes are not ours. */
  mapping?: string;
  /** Text encoding of CSV/JSON files (default `utf-8`, strict). */
  encoding?: 'utf-8' | 'auto' | 'gb18030';
  lang?: 'zh' | 'en';
}

/** Reads the data files of a run (see `readDataFiles`), printing the reader's warnings on stderr. */
export function readRunData(opts: RunDataOptions, framework: Framework, registry: UnitRegistry): ReturnType<typeof readDataFiles> {
  const mapping = opts.mapping ? loadMapping(opts.mapping, framework) : undefined;
  const r = readDataFiles(opts.data, registry, { framework, ...(mapping ? { mapping } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}) });
  const lang = opts.lang ?? 'zh';
  for (const w of r.warnings) process.stderr.write(`ipindex: ${lang === 'zh' ? '提示：' : 'warning: '}${w.file ?? ''}${w.sheet ? ` [${w.sheet}]` : ''}${w.row !== undefined ? `:${w.row}` : ''} ${w.message[lang]}\n`);
  return r;
}
