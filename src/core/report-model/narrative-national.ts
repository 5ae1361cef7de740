/**
 * The narrative of a one-unit run (the national index over editions), in the manner of chapter 3
 * section 一 of the report: the index and its change, the sub-indices and which grew fastest, and
 * per sub-index its level, change and the indicators that moved it most. Sentences are chosen by
 * the signs of the changes (all rose, all fell, mixed, unchanged, ties).
 */
import type { ParagraphBlock } from './document.ts';
import { CHANGE, direction, nodeLabel, scoreOf, writeChange, type NarrativeContext } from './narrative-common.ts';
import { Prose, shown } from './text.ts';

/** The national part: a lead paragraph, its heading wording, and one section per sub-index. */
export interface NationalNarrative {
  /** Heading of the part (知识产权强国建设指数稳步提升). */
  heading: string;
  /** The summary's sentence (摘要). */
  summary: ParagraphBlock;
  lead: ParagraphBlock;
  sections: { node: string; heading: string; paragraph: ParagraphBlock }[];
}

/** 稳步提升 / 有所下降 / 保持稳定 by the sign of a change (nothing before the first edition). */
export function trendWord(lang: 'zh' | 'en', dir: -1 | 0 | 1 | undefined, kind: 'rise' | 'grow' = 'rise'): string {
  if (lang === 'zh') return dir === undefined ? '' : dir > 0 ? (kind === 'rise' ? '稳步提升' : '稳步增长') : dir < 0 ? '有所下降' : '保持稳定';
  return dir === undefined ? '' : dir > 0 ? ' rises steadily' : dir < 0 ? ' falls' : ' holds steady';
}

/** The national narrative of a one-unit run (see the module comment). */
export function nationalNarrative(ctx: NarrativeContext): NationalNarrative {
  const { lang, fw, res, e, d, edition } = ctx;
  const zh = lang === 'zh';
  const root = fw.root;
  const unit = res.units[0]!;
  const hasPrev = e > 0;
  const sc = (n: string, ed = e): number => scoreOf(ctx, n, 0, ed);
  const ch = (n: string): number => (hasPrev ? sc(n) - sc(n, e - 1) : NaN);
  const ref = (kind: string, n: string): string => `${kind}:${unit}:${n}:${edition}`;
  const rootDir = hasPrev ? direction(ch(root), d) : undefined;
  const subs = fw.nodes.find((n) => n.code === root)!.children;

  // lead: the index, then the sub-indices
  const p = new Prose();
  if (zh) {
    p.year(edition).t('年评价结果显示，').name(nodeLabel(ctx, root));
    p.t(rootDir !== undefined && rootDir > 0 ? '达到' : '为').num(sc(root), ref('score', root), { decimals: d }).t('分');
    if (hasPrev) p.t('，').call((q) => writeChange(q, lang, ch(root), ref('change', root), d, { zh: '分', en: '' }, { ...CHANGE.zh, up: '较上年提升' }));
    p.t('。');
  } else {
    p.t('In the ').year(edition).t(' edition, the ').name(nodeLabel(ctx, root)).t(' stands at ').num(sc(root), ref('score', root), { decimals: d });
    if (hasPrev) p.t(', ').call((q) => writeChange(q, lang, ch(root), ref('change', root), d));
    p.t('.');
  }
  if (subs.length) {
    const dirs = subs.map((s) => (hasPrev ? direction(ch(s), d) : 0));
    const allUp = hasPrev && dirs.every((x) => x > 0);
    const allDown = hasPrev && dirs.every((x) => x < 0);
    const allFlat = hasPrev && dirs.every((x) => x === 0);
    p.t(zh ? (allUp ? '各分领域指数均实现增长，' : allDown ? '各分领域指数均有所下降，' : allFlat ? '各分领域指数均与上年持平，' : '') : allUp ? ' Every sub-index rose: ' : allDown ? ' Every sub-index fell: ' : allFlat ? ' Every sub-index is unchanged: ' : ' ');
    if (allUp || allDown) {
      // levels, then the changes in the same order (较上年分别增长…)
      p.list(subs, lang, (s, q) => (zh ? q.name(nodeLabel(ctx, s)).t('得分').num(sc(s), ref('score', s), { decimals: d }).t('分') : q.name(nodeLabel(ctx, s)).t(' ').num(sc(s), ref('score', s), { decimals: d })), zh ? { sep: '，' } : { and: true });
      if (zh) {
        // the report joins the levels with ，
        p.t(allUp ? '，较上年分别增长' : '，较上年分别下降');
        p.list(subs, lang, (s, q) => q.num(ch(s), ref('change', s), { decimals: d, magnitude: true }).t('分'), { and: true });
      } else {
        p.t(allUp ? ', up ' : ', down ');
        p.list(subs, lang, (s, q) => q.num(ch(s), ref('change', s), { decimals: d, magnitude: true }));
        p.t(' respectively');
      }
    } else {
      p.list(
        subs,
        lang,
        (s, q) => {
          if (zh) q.name(nodeLabel(ctx, s)).t('得分').num(sc(s), ref('score', s), { decimals: d }).t('分');
          else q.name(nodeLabel(ctx, s)).t(' ').num(sc(s), ref('score', s), { decimals: d });
          if (hasPrev && !allFlat) {
            q.t(zh ? '，' : ' (');
            writeChange(q, lang, ch(s), ref('change', s), d, { zh: '分', en: '' }, zh ? CHANGE.zh : { up: 'up ', down: 'down ', flat: 'unchanged' });
            if (!zh) q.t(')');
          }
        },
        zh ? { sep: allFlat ? '，' : '；' } : { sep: '; ' },
      );
    }
    if (hasPrev) {
      const changes = subs.map((s) => ({ s, v: shown(ch(s), d) }));
      const max = Math.max(...changes.map((x) => x.v));
      const best = changes.filter((x) => x.v === max).map((x) => x.s);
      if (max > 0 && best.length < subs.length) {
        if (zh) p.t('，其中，').list(best, lang, (s, q) => q.name(nodeLabel(ctx, s)), { and: true }).t(best.length > 1 ? '增幅并列最大' : '增幅最大');
        else p.t(best.length > 1 ? '; the largest rises are in the ' : '; the largest rise is in the ').list(best, lang, (s, q) => q.name(nodeLabel(ctx, s)));
      } else if (allDown) {
        const min = Math.max(...changes.map((x) => x.v));
        const least = changes.filter((x) => x.v === min).map((x) => x.s);
        if (least.length < subs.length) {
          if (zh) p.t('，其中，').list(least, lang, (s, q) => q.name(nodeLabel(ctx, s)), { and: true }).t('降幅最小');
          else p.t('; the smallest fall is in the ').list(least, lang, (s, q) => q.name(nodeLabel(ctx, s)));
        }
      }
    }
    p.t(zh ? '。' : '.');
  }

  // one section per sub-index
  const sections = subs.map((s) => {
    const q = new Prose();
    const dir = hasPrev ? direction(ch(s), d) : undefined;
    if (zh) {
      q.name(nodeLabel(ctx, s)).t(dir !== undefined && dir > 0 ? '达到' : '为').num(sc(s), ref('score', s), { decimals: d }).t('分');
      if (hasPrev) q.t('，').call((x) => writeChange(x, lang, ch(s), ref('change', s), d, { zh: '分', en: '' }, { ...CHANGE.zh, up: '较上年增长' }));
    } else {
      q.t('The ').name(nodeLabel(ctx, s)).t(' stands at ').num(sc(s), ref('score', s), { decimals: d });
      if (hasPrev) q.t(', ').call((x) => writeChange(x, lang, ch(s), ref('change', s), d));
    }
    // the indicators that moved it most (two up, one down at most)
    const kids = fw.nodes.find((n) => n.code === s)!.children;
    if (hasPrev && kids.length > 1) {
      const moves = kids.map((k) => ({ k, v: ch(k) })).filter((x) => Number.isFinite(x.v));
      const ups = moves.filter((x) => direction(x.v, d) > 0).sort((a, b) => b.v - a.v).slice(0, 2);
      const downs = moves.filter((x) => direction(x.v, d) < 0).sort((a, b) => a.v - b.v).slice(0, 1);
      const item = (x: { k: string; v: number }, r: Prose): void => {
        r.name(nodeLabel(ctx, x.k, { suffix: false })).t(zh ? '（' : ' (').num(x.v, ref('change', x.k), { decimals: d, signed: true }).t(zh ? '）' : ')');
      };
      if (ups.length) {
        q.t(zh ? '。其中，' : '. ').t(zh ? '' : ups.length > 1 ? 'The indicator scores that rose most: ' : 'The indicator score that rose most: ');
        q.list(ups, lang, item);
        q.t(zh ? '等指标得分提高较多' : '');
      }
      if (downs.length) {
        q.t(zh ? (ups.length ? '；' : '。') : ups.length ? '; ' : '. ').t(zh ? '' : 'fell most: ');
        q.list(downs, lang, item);
        q.t(zh ? '得分下降较多' : '');
      }
    }
    q.t(zh ? '。' : '.');
    return { node: s, heading: zh ? `${nodeLabel(ctx, s)}${trendWord(lang, dir, 'grow')}` : `${nodeLabel(ctx, s)}${trendWord(lang, dir)}`, paragraph: q.block() };
  });

  // the summary's sentence
  const sm = new Prose();
  if (zh) {
    sm.t('评价结果显示，').year(edition).t('年').name(nodeLabel(ctx, root)).t(trendWord(lang, rootDir)).t(rootDir !== undefined ? '，' : '').t(rootDir !== undefined && rootDir > 0 ? '达到' : '为').num(sc(root), ref('score', root), { decimals: d }).t('分');
    if (hasPrev && rootDir !== 0) sm.t('，').call((x) => writeChange(x, lang, ch(root), ref('change', root), d));
    sm.t('。');
  } else {
    sm.t('In the ').year(edition).t(' edition, the ').name(nodeLabel(ctx, root)).t(trendWord(lang, rootDir)).t(rootDir !== undefined ? ', to ' : ' stands at ').num(sc(root), ref('score', root), { decimals: d });
    if (hasPrev && rootDir !== 0) sm.t(', ').call((x) => writeChange(x, lang, ch(root), ref('change', root), d));
    sm.t('.');
  }

  return { summary: sm.block(), heading: zh ? `${nodeLabel(ctx, root)}${trendWord(lang, rootDir)}` : `The ${nodeLabel(ctx, root)}${trendWord(lang, rootDir)}`, lead: p.block(), sections };
}
