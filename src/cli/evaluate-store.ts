/**
 * `ipindex evaluate --store <db> --vintage latest|<id>`: evaluates a vintage of the store exactly
 * as `evaluate` does files (the observations in the order they were stored, so that an old vintage
 * gives its old results to the last bit), and records the run — recipe, manifest, every score and
 * rank — in the store.
 */
import { loadFramework, readText } from '../io/index.ts';
import { frameworkSha256, readVintage, recordRun, resolveVintage, storeFrameworkVersion, transaction, vintageInfo, withStore } from '../store/index.ts';
import { evaluateFiles, type EvaluateFilesOptions, type EvaluateFilesResult } from './evaluate.ts';

/** Options of {@link evaluateFromStore}: those of `evaluate` without data files, plus the store and vintage. */
export interface EvaluateStoreOptions extends Omit<EvaluateFilesOptions, 'data' | 'preread'> {
  store: string;
  /** `latest` (default: the newest vintage of the framework) or a vintage id. */
  vintage?: string;
}

/** A run from the store: the evaluation, the vintage it read and the run id recorded. */
export interface EvaluateStoreResult extends EvaluateFilesResult {
  vintage: number;
  run: number;
}

/**
 * Evaluates a vintage and records the run. A notice says when the framework file differs from the
 * version the vintage was validated against.
 * @throws StoreError, and what `evaluate` throws
 */
export async function evaluateFromStore(o: EvaluateStoreOptions): Promise<EvaluateStoreResult> {
  return withStore(o.store, {}, async (s) => {
    const { framework, file } = loadFramework(o.framework);
    const text = readText(file, { what: 'Framework file' });
    const id = await resolveVintage(s, o.vintage ?? 'latest', framework.id);
    const info = (await vintageInfo(s, id))!;
    const observations = await readVintage(s, id);
    const r = evaluateFiles({ ...o, data: [], preread: { observations, files: [{ file: `${o.store}#vintage-${id}`, sha256: info.contentSha256 ?? '', rows: info.rows }] } });
    const lang = o.lang ?? 'zh';
    if (frameworkSha256(text) !== info.frameworkSha256) {
      r.notices.unshift(lang === 'zh' ? `指标体系文件 ${file} 与数据版本 ${id} 导入时的版本不同（${info.frameworkVersion}）` : `the framework file ${file} differs from the version vintage ${id} was imported with (${info.frameworkVersion})`);
    }
    const fv = await transaction(s, () => storeFrameworkVersion(s, { framework, text, file }));
    const run = await recordRun(s, { vintage: id, frameworkVersion: fv, edition: o.edition, recipe: r.recipe, manifest: r.manifest, result: r.result });
    return { ...r, vintage: id, run };
  });
}
