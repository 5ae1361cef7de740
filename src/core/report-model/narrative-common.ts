/**
 * What the narrative modules share: the run being described, names, and the phrases of a change
 * (提高 / 下降 / 与上年持平), chosen by the value as displayed, so that a change that rounds to
 * zero reads as no change and a fall never reads as a rise.
 */
import { nodeName } from '../framework/tree.ts';
import type { Framework } from '../framework/types.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { Prose, shown, type Lang } from './text.ts';

/** The run a narrative describes. */
export interface NarrativeContext {
  lang: Lang;
  fw: Framework;
  res: EvaluationResult;
  edition: number;
  /** Index of the edition in the run, and of the one before (−1: none). */
  e: number;
  /** Decimals scores are displayed with (the recipe's reporting decimals). */
  d: number;
  unitName: (code: string) => string;
}

/** A context for one run and edition. */
export function narrativeContext(fw: Framework, res: EvaluationResult, lang: Lang, edition: number, unitName: (code: string, lang: Lang) => string): NarrativeContext {
  const e = res.editions.indexOf(edition);
  if (e < 0) throw new Error(`edition ${edition} is not in the run (${res.editions.join(', ')})`);
  return { lang, fw, res, edition, e, d: res.recipe.reporting.decimals, unitName: (c) => unitName(c, lang) };
}

/** A node's name; in Chinese a sub-index is called …指数 (知识产权保护指数), as the report does. */
export function nodeLabel(ctx: NarrativeContext, code: string, options: { suffix?: boolean } = {}): string {
  const n = code === ctx.fw.root ? ctx.fw : ctx.fw.nodes.find((x) => x.code === code)!;
  const name = nodeName(n, ctx.lang);
  if (options.suffix === false) return name;
  if (ctx.lang === 'zh') return /指数$/.test(name) ? name : `${name}指数`;
  return code === ctx.fw.root || /index$/i.test(name) ? name : `${name} sub-index`;
}

/** The index name without its trailing 指数 / Index (for chapter titles: 知识产权强国建设). */
export function indexStem(fw: Framework, lang: Lang): string {
  const name = nodeName(fw, lang);
  return lang === 'zh' ? name.replace(/指数$/, '') : name.replace(/\s*index$/i, '');
}

/** A score of one unit (NaN when absent). */
export function scoreOf(ctx: NarrativeContext, node: string, u: number, e = ctx.e): number {
  if (e < 0) return NaN;
  return ctx.res.scores[node]?.[e * ctx.res.units.length + u] ?? NaN;
}

/** −1, 0 or +1: the sign of a change as displayed with `d` decimals. */
export const direction = (v: number, d: number): -1 | 0 | 1 => {
  const r = shown(v, d);
  return r > 0 ? 1 : r < 0 ? -1 : 0;
};

/** The words of a change, by language and direction. */
export interface ChangeWords {
  up: string;
  down: string;
  flat: string;
}
/** 较上年提高 / 较上年下降 / 与上年持平, and English. */
export const CHANGE: Record<Lang, ChangeWords> = {
  zh: { up: '较上年提高', down: '较上年下降', flat: '与上年持平' },
  en: { up: 'up ', down: 'down ', flat: 'unchanged on the previous edition' },
};

/**
 * Writes a change: `较上年提高0.73分` / `较上年下降0.35分` / `与上年持平`; English `up 0.73 on the
 * previous edition` / `down 0.35 …` / `unchanged …`. The fact records the signed change.
 */
export function writeChange(p: Prose, lang: Lang, v: number, ref: string, d: number, unit: { zh: string; en: string } = { zh: '分', en: '' }, words: ChangeWords = CHANGE[lang]): Prose {
  const dir = direction(v, d);
  if (dir === 0) return p.t(words.flat);
  p.t(dir > 0 ? words.up : words.down).num(v, ref, { decimals: d, magnitude: true });
  if (lang === 'zh') return p.t(unit.zh);
  return p.t(`${unit.en ? ` ${unit.en}` : ''}${words === CHANGE.en ? ' on the previous edition' : ''}`);
}

/** 分 after a score in Chinese, nothing in English. */
export const pts = (lang: Lang): string => (lang === 'zh' ? '分' : '');

/** Units ordered by a value, largest first; ties keep the run's unit order. */
export function rankBy(ctx: NarrativeContext, value: (u: number) => number): { u: number; v: number }[] {
  return ctx.res.units
    .map((_, u) => ({ u, v: value(u) }))
    .filter((x) => Number.isFinite(x.v))
    .sort((a, b) => b.v - a.v || a.u - b.u);
}

/**
 * The first `n` of a ranking, extended by those that tie the n-th as displayed (so a list never
 * cuts between two equal printed values).
 */
export function topWithTies<T extends { v: number }>(ranked: T[], n: number, d: number): T[] {
  if (ranked.length <= n) return ranked;
  const cut = shown(ranked[n - 1]!.v, d);
  let k = n;
  while (k < ranked.length && shown(ranked[k]!.v, d) === cut) k++;
  return ranked.slice(0, k);
}
