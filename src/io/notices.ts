import type { EvaluationResult, Framework, UnitRegistry } from '../core/index.ts';
import type { SuspectUnit } from '../core/panel/unknown-units.ts';
import { didYouMean, didYouMeanZh, suggestionText } from '../core/text/suggest.ts';

/** Warning codes of a run worth telling the user at once (on stderr), not only in manifest.json. */
export const NOTICE_CODES = ['unknown-variable', 'low-coverage', 'derived-in-data', 'no-data-year'] as const;

/** Unknown variables looked at for a "did you mean" hint, and hints shown at most. */
const MAX_HINTED = 1000;
const MAX_HINTS = 8;

/** Inputs of {@link runNotices}. */
export interface RunNoticesInput {
  result: EvaluationResult;
  framework: Framework;
  registry: UnitRegistry;
  /** Units close to known ones, from `readDataFiles`. */
  suspectUnits?: SuspectUnit[];
  /** The data years with data for the framework (for the edition hint). */
  dataYears?: number[];
  lang?: 'zh' | 'en';
}

/**
 * What a user should read before the results, as lines (without a prefix): units in the data
 * that look like misspelt known units, the run's warnings of {@link NOTICE_CODES} (unknown
 * variables with the closest framework codes: for at most 8 of the first 1 000), and an edition that looks like a data year
 * (`--edition 2024` on data up to 2024 when edition E uses data year E − 1).
 */
export function runNotices(o: RunNoticesInput): string[] {
  const zh = (o.lang ?? 'zh') === 'zh';
  const out: string[] = [];
  for (const s of o.suspectUnits ?? []) {
    const names = s.suggestions.map((u) => (zh ? `${u.name.zh}（${u.code}）` : `${u.name.en ?? u.name.zh} (${u.code})`));
    const more = s.rows - 1;
    out.push(
      zh
        ? `未知单位 ${s.unit}（文件 ${s.file ?? '?'} 第 ${s.row ?? '?'} 行）${didYouMeanZh(names)}它将作为您自己的新单位参与计算${more ? `（另有 ${more} 行）` : ''}。`
        : `unknown unit ${s.unit} in file ${s.file ?? '?'} row ${s.row ?? '?'}${suggestionText(names)} It is taken as a new unit of your own${more ? ` (${more} more row${more > 1 ? 's' : ''})` : ''}.`,
    );
  }
  const codes = [...o.framework.nodes.map((n) => n.code), ...o.framework.variables.map((v) => v.code)];
  for (const w of o.result.warnings) {
    if (!(NOTICE_CODES as readonly string[]).includes(w.code)) continue;
    let line = w.message;
    if (w.code === 'unknown-variable') {
      // a file of many unknown variables (a whole yearbook) gets hints for the first few, not minutes of edit distances
      const hints: { c: string; near: string[] }[] = [];
      for (const c of w.path.split(',').slice(0, MAX_HINTED)) {
        const near = didYouMean(c, codes);
        if (near.length) hints.push({ c, near });
        if (hints.length === MAX_HINTS) break;
      }
      if (hints.length) line += zh ? `——${hints.map((h) => `${h.c} 是否指 ${h.near.join(' 或 ')}`).join('；')}？` : ` — ${hints.map((h) => `${h.c}: did you mean ${h.near.join(' or ')}`).join('; ')}?`;
    }
    out.push(line);
  }
  const hint = editionHint(o.result, o.dataYears ?? []);
  if (hint) out.push(zh ? hint.zh : hint.en);
  return out;
}

/**
 * When the requested edition equals the latest data year and the recipe lags data by a year or
 * more, the user probably meant the edition of that data year: say which data year the edition
 * used and which edition would use the latest data.
 * @example editionHint(workedEdition2024, [2022, 2023, 2024]).en // => 'edition 2024 uses data year 2023 (edition E uses data year E − 1); the data goes up to 2024 — did you mean --edition 2025?'
 */
export function editionHint(result: EvaluationResult, dataYears: number[]): { zh: string; en: string } | undefined {
  const lag = result.recipe.dataLag;
  const edition = result.editions[result.editions.length - 1]!;
  const latest = dataYears.length ? Math.max(...dataYears) : NaN;
  if (!(lag > 0) || latest !== edition) return undefined;
  const used = edition - lag;
  const meant = latest + lag;
  return {
    zh: `${edition}年版使用${used}年数据（E年版使用E − ${lag}年数据）；数据已到${latest}年——是否要计算 --edition ${meant}？`,
    en: `edition ${edition} uses data year ${used} (edition E uses data year E − ${lag}); the data goes up to ${latest} — did you mean --edition ${meant}?`,
  };
}
