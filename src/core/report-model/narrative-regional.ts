/**
 * The narrative of a cross-section run (the regional index over provinces), in the manner of the
 * report's summary and chapter 3 section 二: mean and median with their changes; leading units;
 * counts above the mean and at the threshold, and who crossed it; the largest increases, overall
 * and per pillar; and each grouping (四大区域, 五大区域重大战略) compared. Sentences are chosen by
 * rules over the results: rises, falls and no change, ties at a cut-off or at the top, a list
 * longer than can be named, and a group with a single member (粤港澳大湾区 = 广东).
 */
import type { GroupStat } from '../analysis/group-stats.ts';
import { unitKind } from '../analysis/summary.ts';
import type { Group, Grouping } from '../panel/groupings.ts';
import type { ParagraphBlock } from './document.ts';
import { CHANGE, direction, nodeLabel, rankBy, scoreOf, topWithTies, writeChange, type NarrativeContext } from './narrative-common.ts';
import { Prose, shown } from './text.ts';

/** The regional part of the report. */
export interface RegionalNarrative {
  /** The summary's sentence (摘要). */
  summary: ParagraphBlock;
  /** Heading of the part (地区知识产权发展指数均值持续提升) and its lead paragraph. */
  heading: string;
  lead: ParagraphBlock;
  /** （一）: the index over all units and per pillar. */
  overall: { heading: string; paragraphs: ParagraphBlock[] };
  /** One section per grouping with members in the run. */
  groups: { grouping: Grouping; heading: string; paragraphs: ParagraphBlock[] }[];
}

/** Names listed at most; a longer list is counted (N个地区). */
const MAX_NAMED = 6;

/** The regional narrative (see the module comment). */
export function regionalNarrative(ctx: NarrativeContext, stats: GroupStat[], groupings: Grouping[]): RegionalNarrative {
  const { lang, fw, res, d, edition, e } = ctx;
  const zh = lang === 'zh';
  const root = fw.root;
  const pillars = fw.nodes.find((n) => n.code === root)!.children;
  const provinces = unitKind(res.units) === 'provinces';
  const noun = zh ? (provinces ? '省份' : '单位') : provinces ? 'provinces' : 'units';
  const noun1 = zh ? noun : provinces ? 'province' : 'unit';
  const threshold = res.recipe.reporting.threshold;
  const hasPrev = e > 0;
  const prevEdition = hasPrev ? res.editions[e - 1]! : undefined;
  const st = (grouping: string, group: string, node: string, ed = edition): GroupStat | undefined =>
    stats.find((s) => s.edition === ed && s.grouping === grouping && s.group === group && s.node === node);
  const sref = (kind: string, grouping: string, group: string, node: string, ed = edition): string => `${kind}:${grouping}:${group}:${node}:${ed}`;
  const all = (node: string, ed = edition): GroupStat => st('all', 'ALL', node, ed)!;
  const sc = (node: string, u: number, ed = e): number => scoreOf(ctx, node, u, ed);
  const chg = (node: string, u: number): number => (hasPrev ? sc(node, u) - sc(node, u, e - 1) : NaN);
  const uref = (kind: string, node: string, u: number): string => `${kind}:${res.units[u]}:${node}:${edition}`;
  const uname = (u: number): string => ctx.unitName(res.units[u]!);
  const names = (p: Prose, us: number[], and = true): Prose => p.list(us, lang, (u, q) => q.name(uname(u)), { and });
  const dot = zh ? '。' : '.';
  const label = (n: string): string => nodeLabel(ctx, n);

  // ---- summary and lead ---------------------------------------------------------------------
  const A = all(root);
  const meanDir = hasPrev ? direction(A.meanChange, d) : undefined;
  const prevA = hasPrev && e > 1 ? all(root, res.editions[e - 1]!) : undefined;
  const again = meanDir === 1 && prevA !== undefined && direction(prevA.meanChange, d) === 1;
  const trend = zh
    ? meanDir === undefined ? '' : meanDir > 0 ? (again ? '持续提升' : '有所提升') : meanDir < 0 ? '有所下降' : '与上年持平'
    : meanDir === undefined ? '' : meanDir > 0 ? (again ? ' rises again' : ' rises') : meanDir < 0 ? ' falls' : ' is unchanged';
  const summary = new Prose();
  if (zh) {
    summary.name(label(root)).t('平均得分').t(trend ? `${trend}，` : '').t(meanDir === 1 ? '达到' : '为').num(A.mean, sref('mean', 'all', 'ALL', root), { decimals: d }).t('分');
    if (hasPrev && meanDir !== 0) summary.t('，').call((p) => writeChange(p, lang, A.meanChange, sref('meanChange', 'all', 'ALL', root), d));
    summary.t('。');
  } else {
    summary.t('The mean score of the ').name(label(root)).t(trend).t(meanDir === undefined ? ' stands at ' : ', to ').num(A.mean, sref('mean', 'all', 'ALL', root), { decimals: d });
    if (hasPrev && meanDir !== 0) summary.t(', ').call((p) => writeChange(p, lang, A.meanChange, sref('meanChange', 'all', 'ALL', root), d));
    summary.t('.');
  }
  const medDir = hasPrev ? direction(A.medianChange, d) : undefined;
  const both = (zhBoth: (w: string) => string, enBoth: (w: string) => string): string => {
    if (meanDir === undefined || medDir === undefined) return '';
    const w = (x: number): string => (zh ? (x > 0 ? '增长' : x < 0 ? '下降' : '持平') : x > 0 ? 'rose' : x < 0 ? 'fell' : 'held steady');
    if (meanDir === medDir) return zh ? zhBoth(meanDir > 0 ? '均实现增长' : meanDir < 0 ? '均有所下降' : '均与上年持平') : enBoth(`both ${w(meanDir)}`);
    return zh ? `平均值${w(meanDir)}、中位数${w(medDir)}` : `the mean ${w(meanDir)} and the median ${w(medDir)}`;
  };
  const lead = new Prose();
  if (hasPrev) {
    if (zh) lead.t('评价结果显示，').name(label(root)).t(meanDir === medDir ? `平均得分及中位数${meanDir === 0 ? '' : '较上年'}${both((w) => w, (w) => w)}` : `较上年${both((w) => w, (w) => w)}`).t('。');
    else lead.t('The mean and the median of the ').name(label(root)).t(` ${both((w) => w, (w) => w)} on the previous edition.`);
  } else {
    lead.t(zh ? '以下为本期评价结果。' : 'The results of this edition follow.');
  }

  // ---- （一） overall ---------------------------------------------------------------------
  const overallHeading = zh ? (hasPrev ? `${label(root)}${meanDir === medDir ? '平均值及中位数' : ''}${both((w) => w, (w) => w)}` : `${label(root)}总体情况`) : hasPrev ? `Mean and median: ${both((w) => w, (w) => w)}` : 'Overview';
  const paragraphs: ParagraphBlock[] = [];
  {
    const p = new Prose();
    // mean and median
    if (zh) {
      p.t(provinces ? '评价结果显示，全国各省份的' : '评价结果显示，各单位的').name(label(root)).t('平均得分').num(A.mean, sref('mean', 'all', 'ALL', root), { decimals: d }).t('分');
      if (hasPrev) p.t('，').call((q) => writeChange(q, lang, A.meanChange, sref('meanChange', 'all', 'ALL', root), d));
      p.t('；中位数为').num(A.median, sref('median', 'all', 'ALL', root), { decimals: d }).t('分');
      if (hasPrev) p.t('，').call((q) => writeChange(q, lang, A.medianChange, sref('medianChange', 'all', 'ALL', root), d));
      p.t('。');
    } else {
      p.t(`Across the ${noun}, the mean score of the `).name(label(root)).t(' is ').num(A.mean, sref('mean', 'all', 'ALL', root), { decimals: d });
      if (hasPrev) p.t(', ').call((q) => writeChange(q, lang, A.meanChange, sref('meanChange', 'all', 'ALL', root), d));
      p.t('; the median is ').num(A.median, sref('median', 'all', 'ALL', root), { decimals: d });
      if (hasPrev) p.t(', ').call((q) => writeChange(q, lang, A.medianChange, sref('medianChange', 'all', 'ALL', root), d));
      p.t('.');
    }
    // leaders
    const lead5 = topWithTies(rankBy(ctx, (u) => sc(root, u)), 5, d).map((x) => x.u);
    if (zh) names(p.t('其中，'), lead5, false).t(provinces ? '等地区的' : '等单位的').name(label(root)).t(provinces ? '得分位居全国前列。' : '得分位居前列。');
    else names(p.t(' Leading: '), lead5, true).t('.');
    // counts above the mean and at the threshold
    countsSentence(p, root, true);
    // largest increases
    if (hasPrev) risersSentence(p, root, 5, true);
    paragraphs.push(p.block());
  }
  for (const pl of pillars) {
    const S = all(pl);
    if (!S || S.members === 0) continue;
    const p = new Prose();
    if (zh) {
      p.name(label(pl)).t(provinces ? '方面。各省份的' : '方面。各单位的').name(label(pl)).t('平均得分').num(S.mean, sref('mean', 'all', 'ALL', pl), { decimals: d }).t('分');
      if (hasPrev) p.t('，').call((q) => writeChange(q, lang, S.meanChange, sref('meanChange', 'all', 'ALL', pl), d, { zh: '分', en: '' }, { ...CHANGE.zh, up: '较上年增长' }));
      p.t('，中位数').num(S.median, sref('median', 'all', 'ALL', pl), { decimals: d }).t('分');
      if (hasPrev) p.t('，').call((q) => writeChange(q, lang, S.medianChange, sref('medianChange', 'all', 'ALL', pl), d, { zh: '分', en: '' }, { ...CHANGE.zh, up: '较上年增长' }));
      p.t('。');
    } else {
      p.name(label(pl)).t(': mean ').num(S.mean, sref('mean', 'all', 'ALL', pl), { decimals: d });
      if (hasPrev) p.t(', ').call((q) => writeChange(q, lang, S.meanChange, sref('meanChange', 'all', 'ALL', pl), d));
      p.t('; median ').num(S.median, sref('median', 'all', 'ALL', pl), { decimals: d });
      if (hasPrev) p.t(', ').call((q) => writeChange(q, lang, S.medianChange, sref('medianChange', 'all', 'ALL', pl), d));
      p.t('.');
    }
    if (hasPrev) risersSentence(p, pl, 3, false);
    countsSentence(p, pl, false);
    paragraphs.push(p.block());
  }

  /**
   * 17个省份…高于平均值，…在80分以上的省份达到19个，相较上年增加吉林 (root), or per pillar:
   * 28个省份…在80分以上，较上年新增四川、辽宁。广东、江苏、浙江等16个地区…超过全国平均水平。
   */
  function countsSentence(p: Prose, node: string, isRoot: boolean): void {
    const S = all(node);
    const above = rankBy(ctx, (u) => sc(node, u)).filter((x) => x.v > S.mean + 1e-9 * Math.max(1, Math.abs(S.mean))).map((x) => x.u);
    const crossed = hasPrev ? res.units.map((_, u) => u).filter((u) => sc(node, u) >= threshold - 1e-9 * threshold && sc(node, u, e - 1) < threshold - 1e-9 * threshold) : [];
    const dropped = hasPrev ? res.units.map((_, u) => u).filter((u) => sc(node, u) < threshold - 1e-9 * threshold && sc(node, u, e - 1) >= threshold - 1e-9 * threshold) : [];
    const prevS = hasPrev ? all(node, prevEdition) : undefined;
    const cnt = S.atLeastThreshold;
    const thr = (q: Prose): Prose => q.num(threshold, 'threshold', { decimals: 0 });
    const change = (q: Prose): void => {
      if (!hasPrev) return;
      const list = (xs: number[]): void => {
        if (xs.length <= MAX_NAMED) names(q, xs);
        else q.num(xs.length, `count:${xs === crossed ? 'crossed' : 'dropped'}:${node}:${edition}`).t(zh ? `个${noun}` : ` ${noun}`);
      };
      if (zh) {
        if (crossed.length && !dropped.length) {
          q.t(isRoot ? '，相较上年增加' : '，较上年新增');
          list(crossed);
        } else if (dropped.length && !crossed.length) {
          q.t('，相较上年减少');
          list(dropped);
        } else if (crossed.length && dropped.length) {
          q.t('，其中');
          list(crossed);
          q.t('新进入、');
          list(dropped);
          q.t('退出');
        }
        else if (prevS && prevS.atLeastThreshold === cnt) q.t('，与上年持平');
      } else {
        if (crossed.length) {
          q.t(' (newly at or above it: ');
          list(crossed);
          q.t(dropped.length ? '; ' : ')');
        }
        if (dropped.length) {
          q.t(crossed.length ? 'now below it: ' : ' (now below it: ');
          list(dropped);
          q.t(')');
        }
        if (!crossed.length && !dropped.length && prevS && prevS.atLeastThreshold === cnt) q.t(' (as in the previous edition)');
      }
    };
    if (zh) {
      if (isRoot) {
        p.t('总体来看，');
        if (above.length) p.num(above.length, sref('aboveMean', 'all', 'ALL', node)).t(`个${noun}的`).name(label(node)).t('得分高于平均值，');
        else p.t(`各${noun}得分均未高于平均值，`);
        if (cnt) p.name(label(node)).t('得分在').call(thr).t(`分以上的${noun}`).t(prevS && cnt > prevS.atLeastThreshold ? '达到' : '为').num(cnt, sref('atLeast', 'all', 'ALL', node)).t('个');
        else p.t(`没有${noun}的`).name(label(node)).t('得分在').call(thr).t('分以上');
        change(p);
        p.t('。');
      } else {
        if (cnt) p.num(cnt, sref('atLeast', 'all', 'ALL', node)).t(`个${noun}的`).name(label(node)).t('得分在').call(thr).t('分以上');
        else p.t(`没有${noun}的`).name(label(node)).t('得分在').call(thr).t('分以上');
        change(p);
        p.t('。');
        if (above.length) {
          const top3 = above.slice(0, 3);
          names(p, top3, false).t(above.length > top3.length ? '等' : '').num(above.length, sref('aboveMean', 'all', 'ALL', node)).t(`个${provinces ? '地区' : '单位'}`).name(label(node)).t(provinces ? '得分超过全国平均水平。' : '得分超过平均水平。');
        }
      }
    } else {
      p.t(' ');
      if (above.length) p.num(above.length, sref('aboveMean', 'all', 'ALL', node)).t(` ${above.length === 1 ? noun1 : noun} score${above.length === 1 ? 's' : ''} above the mean`);
      else p.t(`No ${noun1} scores above the mean`);
      if (!isRoot && above.length) p.t(above.length > 3 ? ', led by ' : ': ').call((q) => names(q, above.slice(0, 3)));
      p.t('; ');
      if (cnt) p.num(cnt, sref('atLeast', 'all', 'ALL', node)).t(` score `).call(thr).t(' or more');
      else p.t('none scores ').call(thr).t(' or more');
      change(p);
      p.t('.');
    }
  }

  /** The largest increases, with every rule for falls, no change and ties. */
  function risersSentence(p: Prose, node: string, n: number, isRoot: boolean): void {
    const changes = rankBy(ctx, (u) => chg(node, u));
    if (!changes.length) return;
    const up = changes.filter((x) => direction(x.v, d) > 0);
    const down = changes.filter((x) => direction(x.v, d) < 0);
    const each = (xs: { u: number; v: number }[], q: Prose): Prose => q.list(xs, lang, (x, r) => r.num(x.v, uref('change', node, x.u), { decimals: d, magnitude: true }).t(zh ? '分' : ''), { and: true });
    if (zh) {
      const sp = isRoot ? '' : '其中，';
      if (!up.length && !down.length) p.t(`各${noun}得分均与上年持平。`);
      else if (!up.length) {
        const least = topWithTies(changes, 1, d);
        p.t(down.length === changes.length ? `各${noun}得分均较上年下降，` : `没有${noun}得分较上年提高，`).t('降幅最小的是');
        names(p, least.map((x) => x.u)).t('（').t('下降').call((q) => each(least, q)).t('）。');
      } else if (up.length < n) {
        p.t(sp).t('仅');
        names(p, up.map((x) => x.u)).t(up.length > 1 ? '得分较上年提高，分别增长' : '得分较上年提高，增长').call((q) => each(up, q)).t('。');
      } else {
        const top = topWithTies(up, n, d);
        names(p.t(sp), top.map((x) => x.u), isRoot).t(isRoot ? '增幅居前，较上年分别增长' : '等地增幅较大，较上年依次增长').call((q) => each(top, q)).t('。');
      }
      if (isRoot && up.length && down.length) p.t('另有').num(down.length, `countDown:${node}:${edition}`).t(`个${noun}得分较上年下降。`);
    } else {
      if (!up.length && !down.length) p.t(` Every ${noun1} is unchanged on the previous edition.`);
      else if (!up.length) {
        const least = topWithTies(changes, 1, d);
        p.t(down.length === changes.length ? ` Every ${noun1} fell; the smallest fall: ` : ` No ${noun1} rose; the smallest fall: `);
        p.list(least, lang, (x, q) => q.name(uname(x.u)).t(' (down ').num(x.v, uref('change', node, x.u), { decimals: d, magnitude: true }).t(')')).t('.');
      } else {
        const top = up.length < n ? up : topWithTies(up, n, d);
        p.t(up.length < n ? ` Only ${up.length === 1 ? 'one' : 'these'} rose: ` : ' Largest increases: ');
        p.list(top, lang, (x, q) => q.name(uname(x.u)).t(' (+').num(x.v, uref('change', node, x.u), { decimals: d, magnitude: true }).t(')')).t('.');
      }
      if (isRoot && up.length && down.length) p.t(' ').num(down.length, `countDown:${node}:${edition}`).t(` ${down.length === 1 ? `${noun1} fell` : `${noun} fell`}.`);
    }
  }

  // ---- groupings ------------------------------------------------------------------------
  const groups = groupings.map((g) => groupingSection(g));

  function groupingSection(g: Grouping): RegionalNarrative['groups'][number] {
    const present = g.groups.filter((gr) => st(g.id, gr.code, root)?.members);
    const gname = (gr: Group): string => {
      const n = zh ? gr.name.zh : (gr.name.en ?? gr.name.zh);
      return zh && [...n].length <= 2 ? `${n}地区` : n;
    };
    const mean = (gr: Group, node = root, ed = edition): number => st(g.id, gr.code, node, ed)?.mean ?? NaN;
    const mchg = (gr: Group, node = root): number => st(g.id, gr.code, node)?.meanChange ?? NaN;
    // a partition (each unit in one group) is listed in file order; overlapping groups by score
    const seen = new Map<string, number>();
    for (const gr of present) for (const m of gr.members) seen.set(m, (seen.get(m) ?? 0) + 1);
    const partition = [...seen.values()].every((c) => c === 1);
    const order = partition ? present : [...present].sort((a, b) => mean(b) - mean(a));
    const single = present.filter((gr) => (st(g.id, gr.code, root)?.members ?? 0) === 1);
    const isSingle = (gr: Group): boolean => single.includes(gr);
    const avg = (gr: Group): string => (zh ? (isSingle(gr) ? '得分' : '平均得分') : isSingle(gr) ? 'score' : 'mean');
    const max = (xs: number[]): number => Math.max(...xs.filter(Number.isFinite));
    const shownMeans = present.map((gr) => shown(mean(gr), d));
    const leaders = present.filter((gr) => shown(mean(gr), d) === max(shownMeans));
    const prevLeaders = hasPrev ? present.filter((gr) => shown(mean(gr, root, prevEdition), d) === max(present.map((x) => shown(mean(x, root, prevEdition), d)))) : [];
    const kept = leaders.length === 1 && prevLeaders.length === 1 && prevLeaders[0] === leaders[0];
    const shownChanges = present.map((gr) => shown(mchg(gr), d));
    const topChange = hasPrev ? max(shownChanges) : NaN;
    const fastest = hasPrev ? present.filter((gr) => shown(mchg(gr), d) === topChange) : [];
    const dirs = present.map((gr) => direction(mchg(gr), d));
    const allUp = hasPrev && dirs.every((x) => x > 0);
    const allDown = hasPrev && dirs.every((x) => x < 0);
    const allFlat = hasPrev && dirs.every((x) => x === 0);
    const gref = (kind: string, gr: Group, node = root): string => sref(kind, g.id, gr.code, node);
    const gl = (q: Prose, xs: Group[]): Prose => q.list(xs, lang, (gr, r) => r.name(gname(gr)), { and: true });
    const groupLabel = zh ? g.name.zh : (g.name.en ?? g.name.zh);

    // heading
    let heading: string;
    if (zh) {
      const L = leaders.map(gname).join('和');
      const lead1 = leaders.length > 1 ? `${L}并列领先` : kept ? `${L}继续保持领先` : hasPrev ? `${L}跃居首位` : `${L}领先`;
      const fast = !hasPrev ? '' : topChange <= 0 ? (allDown ? '，各区域均有所下降' : '') : fastest.length === 1 && leaders.length === 1 && fastest[0] === leaders[0] ? '且增幅最大' : `，${fastest.map(gname).join('和')}增幅最大`;
      heading = `${groupLabel}：${lead1}${fast}`;
    } else {
      const L = leaders.map(gname).join(' and ');
      const lead1 = leaders.length > 1 ? `${L} level at the top` : kept ? `${L} keeps the lead` : hasPrev ? `${L} moves to the top` : `${L} leads`;
      const fast = !hasPrev || topChange <= 0 ? (allDown ? '; every group falls' : '') : fastest.length === 1 && leaders.length === 1 && fastest[0] === leaders[0] ? ' and grows fastest' : `; ${fastest.map(gname).join(' and ')} grow${fastest.length === 1 ? 's' : ''} fastest`;
      heading = `${groupLabel}: ${lead1}${fast}`;
    }

    const ps: ParagraphBlock[] = [];
    // means and changes
    const p = new Prose();
    if (zh) {
      p.t('从').name(groupLabel).t('来看，');
      if (partition) {
        gl(p, order).t('的').name(label(root)).t('平均得分依次为').list(order, lang, (gr, q) => q.num(mean(gr), gref('mean', gr), { decimals: d }).t('分'), { and: true });
        if (hasPrev) {
          if (allUp || allDown) p.t(allUp ? '，较上年得分依次增长' : '，较上年得分依次下降').list(order, lang, (gr, q) => q.num(mchg(gr), gref('meanChange', gr), { decimals: d, magnitude: true }).t('分'), { and: true });
          else if (allFlat) p.t('，均与上年持平');
          else p.t('；较上年，').list(order, lang, (gr, q) => (q.name(gname(gr)), writeChange(q, lang, mchg(gr), gref('meanChange', gr), d, { zh: '分', en: '' }, { up: '增长', down: '下降', flat: '持平' })), { sep: '，' });
        }
        p.t('。');
      } else {
        p.t('各区域').name(label(root)).t('平均得分从高到低依次为').list(order, lang, (gr, q) => q.name(gname(gr)).t('（').num(mean(gr), gref('mean', gr), { decimals: d }).t('分）'), { and: true });
        if (hasPrev) {
          if (allUp) p.t('，均实现增长');
          else if (allDown) p.t('，均较上年下降');
          else if (allFlat) p.t('，均与上年持平');
          else {
            const falls = order.filter((gr) => direction(mchg(gr), d) < 0);
            const flats = order.filter((gr) => direction(mchg(gr), d) === 0);
            if (falls.length) gl(p.t('，其中'), falls).t('较上年下降');
            if (flats.length) gl(p.t(falls.length ? '，' : '，其中'), flats).t('与上年持平');
          }
        }
        p.t('。');
      }
      // conclusion: the leader and the fastest
      p.t('总体上，');
      gl(p, leaders).t(leaders.length > 1 ? '得分并列最高' : '得分最高');
      if (hasPrev && topChange > 0) {
        if (fastest.length === 1 && leaders.length === 1 && fastest[0] === leaders[0]) p.t('且增幅最大（').num(mchg(fastest[0]!), gref('meanChange', fastest[0]!), { decimals: d, signed: true }).t('分）');
        p.t(kept ? '，保持领先优势' : '');
        if (!(fastest.length === 1 && leaders.length === 1 && fastest[0] === leaders[0])) {
          p.t('；');
          gl(p, fastest).t(fastest.length > 1 ? '增幅并列最大（' : '增幅最大（').num(mchg(fastest[0]!), gref('meanChange', fastest[0]!), { decimals: d, signed: true }).t('分），与其他区域相比保持较快增长速度');
        }
      } else if (hasPrev) {
        p.t(kept ? '，保持领先优势' : '');
        const least = present.filter((gr) => shown(mchg(gr), d) === topChange);
        if (allDown) gl(p.t('；各区域平均得分均较上年下降，'), least).t('降幅最小（').num(mchg(least[0]!), gref('meanChange', least[0]!), { decimals: d, signed: true }).t('分）');
        else p.t(allFlat ? '；各区域平均得分均与上年持平' : '；各区域平均得分均未较上年提高');
      }
      p.t('。');
      for (const gr of single) p.name(gname(gr)).t('仅含').call((q) => names(q, [res.units.indexOf(gr.members.find((m) => res.units.includes(m))!)])).t('一地，其平均得分即为该地得分。');
    } else {
      p.name(groupLabel).t(': ');
      p.list(order, lang, (gr, q) => {
        q.name(gname(gr)).t(' ').num(mean(gr), gref('mean', gr), { decimals: d });
        if (hasPrev) q.t(' (').call((r) => writeChange(r, lang, mchg(gr), gref('meanChange', gr), d, { zh: '', en: '' }, { up: '+', down: '−', flat: 'unchanged' })).t(')');
      }, { sep: '; ' });
      p.t('. ');
      gl(p, leaders).t(leaders.length > 1 ? ' share the highest mean' : ' has the highest mean');
      if (hasPrev && topChange > 0) {
        if (fastest.length === 1 && leaders.length === 1 && fastest[0] === leaders[0]) p.t(' and the largest rise (+').num(mchg(fastest[0]!), gref('meanChange', fastest[0]!), { decimals: d, magnitude: true }).t(')');
        else gl(p.t('; '), fastest).t(fastest.length > 1 ? ' share the largest rise (+' : ' has the largest rise (+').num(mchg(fastest[0]!), gref('meanChange', fastest[0]!), { decimals: d, magnitude: true }).t(')');
      } else if (hasPrev && allDown) {
        const least = present.filter((gr) => shown(mchg(gr), d) === topChange);
        gl(p.t('; every group fell, least '), least).t(' (').num(mchg(least[0]!), gref('meanChange', least[0]!), { decimals: d, signed: true }).t(')');
      }
      p.t('.');
      for (const gr of single) p.t(' ').name(gname(gr)).t(' has one member in the data, ').call((q) => names(q, [res.units.indexOf(gr.members.find((m) => res.units.includes(m))!)])).t(': its mean is that score.');
    }
    ps.push(p.block());

    // by pillar
    if (pillars.length) {
      if (partition) {
        const q = new Prose();
        q.t(zh ? '分领域来看，' : 'By pillar: ');
        pillars.forEach((pl, k) => {
          if (k > 0) q.t(zh ? '；' : ' ');
          if (zh) q.t('在').name(label(pl)).t('方面，').call((r) => gl(r, order)).t('的平均得分依次为').list(order, lang, (gr, r) => r.num(mean(gr, pl), gref('mean', gr, pl), { decimals: d }).t('分'), { and: true });
          else q.name(label(pl)).t(': ').list(order, lang, (gr, r) => r.name(gname(gr)).t(' ').num(mean(gr, pl), gref('mean', gr, pl), { decimals: d }), { sep: ', ' });
          if (hasPrev) {
            const ranked = order.map((gr) => ({ gr, v: mchg(gr, pl) })).filter((x) => Number.isFinite(x.v)).sort((a, b) => b.v - a.v);
            const ups = ranked.filter((x) => direction(x.v, d) > 0);
            const top = topWithTies(ups, 2, d);
            if (top.length) {
              if (zh) gl(q.t('，'), top.map((x) => x.gr)).t(top.length > 1 ? '增长幅度较大，分别较上年增长' : '增长幅度最大，较上年增长').list(top, lang, (x, r) => r.num(x.v, gref('meanChange', x.gr, pl), { decimals: d, magnitude: true }).t('分'), { and: true });
              else q.t('; largest rises ').list(top, lang, (x, r) => r.name(gname(x.gr)).t(' +').num(x.v, gref('meanChange', x.gr, pl), { decimals: d, magnitude: true }));
            } else if (ranked.length && ranked.every((x) => direction(x.v, d) === 0)) {
              q.t(zh ? '，各区域均与上年持平' : '; every group unchanged');
            } else if (ranked.length) {
              const least = topWithTies(ranked, 1, d);
              const flat = direction(least[0]!.v, d) === 0;
              if (zh && flat) gl(q.t('，各区域均未提高，'), least.map((x) => x.gr)).t('与上年持平');
              else if (zh) gl(q.t('，各区域均未提高，'), least.map((x) => x.gr)).t('降幅最小（').num(least[0]!.v, gref('meanChange', least[0]!.gr, pl), { decimals: d, signed: true }).t('分）');
              else if (flat) q.t('; no group rose; unchanged: ').list(least, lang, (x, r) => r.name(gname(x.gr)));
              else q.t('; no group rose, least fall ').list(least, lang, (x, r) => r.name(gname(x.gr)).t(' ').num(x.v, gref('meanChange', x.gr, pl), { decimals: d, signed: true }));
            }
          }
          if (!zh) q.t('.');
        });
        if (zh) q.t('。');
        ps.push(q.block());
      } else {
        for (const gr of order) {
          const q = new Prose();
          if (zh) {
            q.name(gname(gr)).t(isSingle(gr) ? '' : '').name(label(root)).t(avg(gr)).num(mean(gr), gref('mean', gr), { decimals: d }).t('分');
            if (hasPrev) q.t('，').call((r) => writeChange(r, lang, mchg(gr), gref('meanChange', gr), d, { zh: '分', en: '' }, { ...CHANGE.zh, up: '较上年增长' }));
            q.t('。').list(pillars, lang, (pl, r) => r.name(nodeLabel(ctx, pl, { suffix: false })), { and: true }).t(`指数${avg(gr)}分别为`).list(pillars, lang, (pl, r) => r.num(mean(gr, pl), gref('mean', gr, pl), { decimals: d }).t('分'), { and: true });
          } else {
            q.name(gname(gr)).t(`: ${avg(gr)} `).num(mean(gr), gref('mean', gr), { decimals: d });
            if (hasPrev) q.t(', ').call((r) => writeChange(r, lang, mchg(gr), gref('meanChange', gr), d));
            q.t('; by pillar ').list(pillars, lang, (pl, r) => r.name(nodeLabel(ctx, pl, { suffix: false })).t(' ').num(mean(gr, pl), gref('mean', gr, pl), { decimals: d }), { sep: ', ' });
          }
          // above every other group on every pillar, or the pillar that grew most
          const others = present.filter((x) => x !== gr);
          const topAll = others.length > 0 && pillars.every((pl) => others.every((x) => mean(x, pl) < mean(gr, pl)));
          if (topAll) {
            if (zh) q.t('，均高于其他').num(others.length, `count:others:${g.id}:${gr.code}`).t('个区域');
            else q.t(', each above every other group (').num(others.length, `count:others:${g.id}:${gr.code}`).t(')');
          } else if (hasPrev) {
            const pr = pillars.map((pl) => ({ pl, v: mchg(gr, pl) })).filter((x) => Number.isFinite(x.v)).sort((a, b) => b.v - a.v);
            const best = pr.length ? topWithTies(pr, 1, d) : [];
            if (best.length === 1 && direction(best[0]!.v, d) > 0) {
              if (zh) q.t('，其中').name(label(best[0]!.pl)).t('增幅最大（').num(best[0]!.v, gref('meanChange', gr, best[0]!.pl), { decimals: d, signed: true }).t('分）');
              else q.t('; largest rise ').name(label(best[0]!.pl)).t(' (').num(best[0]!.v, gref('meanChange', gr, best[0]!.pl), { decimals: d, signed: true }).t(')');
            }
          }
          q.t(dot);
          ps.push(q.block());
        }
      }
    }
    return { grouping: g, heading, paragraphs: ps };
  }

  const heading = zh ? `${label(root)}均值${trend || '情况'}` : `The mean of the ${label(root)}${trend}`;
  return { summary: summary.block(), heading, lead: lead.block(), overall: { heading: overallHeading, paragraphs }, groups };
}
