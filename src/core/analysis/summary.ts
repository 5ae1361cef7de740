import type { Framework } from '../framework/types.ts';
import { nodeName } from '../framework/tree.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { Grouping } from '../panel/groupings.ts';
import { groupStats, type GroupStat } from './group-stats.ts';
import type { Drivers } from './attribution.ts';

/** Options for {@link summarise}. */
export interface SummaryOptions {
  lang?: 'zh' | 'en';
  /** The edition to describe (default: the last of the run). */
  edition?: number;
  /** Display name of a unit code. */
  unitName?: (code: string) => string;
  groupings?: Grouping[];
  /** How many leaders to name (default 5 for the index, 3 per pillar). */
  top?: number;
  /** Precomputed group statistics (computed when absent). */
  stats?: GroupStat[];
  /**
   * The index's top drivers of the described edition (from the change attribution's
   * `topDrivers`): a line `变化来源：…` / `Drivers: …` names, for the national index, the
   * indicators that raised and held back its change most, and for a cross-section the largest
   * riser's (at most 3 each way).
   */
  drivers?: Drivers[];
  /**
   * What the units are: `provinces` (China's provinces: "31个地区…位居全国前列") or other `units`
   * (countries, firms, cities: "个单位", no "全国"). Default: with `adaptToRun`, provinces when
   * every unit code is a 6-digit GB/T 2260 code (see {@link unitKind}); else provinces.
   */
  unitKind?: 'provinces' | 'units';
  /**
   * Fit the wording to the run (default false: the report's wording whatever the run): the unit
   * kind from the codes, and fewer than 10 units described unit by unit — every score and change,
   * no "leaders". `ipindex evaluate` sets it.
   */
  adaptToRun?: boolean;
}

/** Runs with fewer units than this are described unit by unit, not by leaders. */
const FEW_UNITS = 10;

/**
 * `provinces` when every code is a 6-digit GB/T 2260 code, else `units`.
 * @example unitKind(['110000', '440000']) // => 'provinces'
 * @example unitKind(['AUT', 'BEL']) // => 'units'
 */
export function unitKind(codes: string[]): 'provinces' | 'units' {
  return codes.length > 0 && codes.every((c) => /^\d{6}$/.test(c)) ? 'provinces' : 'units';
}

/** "1 unit", "3 units". */
const units = (n: number): string => `${n} unit${n === 1 ? '' : 's'}`;
const fmt = (v: number, d: number): string => (Number.isFinite(v) ? v.toFixed(d) : '—');
/** A change with its sign; one that rounds to zero (floating noise such as −1.4e-14 included) is written 0.00. */
const signed = (v: number, d: number): string => {
  if (!Number.isFinite(v)) return '—';
  const r = Number(v.toFixed(d));
  return r === 0 ? (0).toFixed(d) : `${r > 0 ? '+' : ''}${v.toFixed(d)}`;
};
/** A change in brackets, or nothing when there is no previous edition. */
const paren = (v: number, d: number, zh: boolean): string => (Number.isFinite(v) ? (zh ? `（${signed(v, d)}）` : ` (${signed(v, d)})`) : '');

function changeZh(v: number, d: number): string {
  if (!Number.isFinite(v)) return '';
  const r = Number(v.toFixed(d));
  if (r === 0) return '，与上年持平';
  return r > 0 ? `，较上年提高${fmt(r, d)}` : `，较上年下降${fmt(-r, d)}`;
}
function changeEn(v: number, d: number): string {
  if (!Number.isFinite(v)) return '';
  const r = Number(v.toFixed(d));
  if (r === 0) return ', unchanged on the previous edition';
  return r > 0 ? `, up ${fmt(r, d)} on the previous edition` : `, down ${fmt(-r, d)} on the previous edition`;
}

/**
 * A readable summary of a run in the manner of the report's chapter 3: the index level and its
 * change, mean and median, counts above the mean and the threshold, leading units, largest
 * increases, and the same per first-level node (with the median's change, the count above the
 * mean and who newly reached the threshold on a second line, `…（续）：`); group means with
 * changes, for the index and for each first-level node (`四大区域·知识产权保护：…`). One unit is described
 * as a time series (the national index). With `adaptToRun`, the phrasing fits the run: fewer than
 * 10 units unit by unit (every score, every change; no "leaders"); units other than China's
 * provinces are 单位, not 地区, and never "位居全国前列". Changes that round to zero are written
 * 0.00, without a sign.
 * Returns lines of text (Chinese by default).
 */
export function summarise(res: EvaluationResult, fw: Framework, options: SummaryOptions = {}): string[] {
  const lang = options.lang ?? 'zh';
  const zh = lang === 'zh';
  const d = res.recipe.reporting.decimals;
  const edition = options.edition ?? res.editions[res.editions.length - 1]!;
  const e = res.editions.indexOf(edition);
  const U = res.units.length;
  const uname = options.unitName ?? ((c: string) => c);
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const name = (code: string): string => (code === fw.root ? nodeName(fw, lang) : nodeName(byCode.get(code)!, lang));
  const root = fw.root;
  const pillars = byCode.get(root)!.children;
  const lines: string[] = [];
  const score = (node: string, u: number, ed = e): number => res.scores[node]![ed * U + u]!;
  const threshold = res.recipe.reporting.threshold;
  const list = (xs: string[]): string => xs.join(zh ? '、' : ', ');
  /** The drivers line of one unit's index change (`unit` named for a cross-section). */
  const driversLine = (dr: Drivers | undefined, unit: string | undefined): string | undefined => {
    if (!dr || (!dr.up.length && !dr.down.length)) return undefined;
    const part = (xs: Drivers['up']): string => xs.slice(0, 3).map((x) => (zh ? `${name(x.child)}（${signed(x.contribution, d)}）` : `${name(x.child)} (${signed(x.contribution, d)})`)).join(zh ? '、' : ', ');
    const who = unit === undefined ? name(root) : `${uname(unit)}${zh ? '' : ' '}`;
    if (zh) return `变化来源：${who}${unit === undefined ? '的变化' : '得分提高'}主要来自${dr.up.length ? part(dr.up) : '—'}${dr.down.length ? `；拖累较大的是${part(dr.down)}` : ''}。`;
    return `Drivers: ${unit === undefined ? `${who} change` : `${who.trim()}'s rise`} mainly from ${dr.up.length ? part(dr.up) : '—'}${dr.down.length ? `; held back by ${part(dr.down)}` : ''}.`;
  };

  if (U === 1) {
    // a time series for one unit (the national index)
    const v = score(root, 0);
    const ch = e > 0 ? v - score(root, 0, e - 1) : NaN;
    const base = res.baseEdition;
    const baseNote = res.recipe.normalisation.method === 'base-ratio' ? (zh ? `（${base}年=100）` : ` (${base} = 100)`) : '';
    lines.push(zh ? `${edition}年${name(root)}为${fmt(v, d)}${baseNote}${changeZh(ch, d)}。` : `${name(root)} ${edition}: ${fmt(v, d)}${baseNote}${changeEn(ch, d)}.`);
    const parts = pillars.map((p) => {
      const s = score(p, 0);
      const c = e > 0 ? s - score(p, 0, e - 1) : NaN;
      return { p, s, c };
    });
    lines.push(
      zh
        ? `分指数：${parts.map((x) => `${name(x.p)}${fmt(x.s, d)}${paren(x.c, d, true)}`).join('，')}。`
        : `Sub-indices: ${parts.map((x) => `${name(x.p)} ${fmt(x.s, d)}${paren(x.c, d, false)}`).join('; ')}.`,
    );
    const ranked = parts.filter((x) => Number.isFinite(x.c)).sort((a, b) => b.c - a.c);
    if (ranked.length) {
      const best = ranked[0]!;
      const worst = ranked[ranked.length - 1]!;
      lines.push(
        zh
          ? `增幅最大的是${name(best.p)}（${signed(best.c, d)}），增幅最小的是${name(worst.p)}（${signed(worst.c, d)}）。`
          : `Largest rise: ${name(best.p)} (${signed(best.c, d)}); smallest: ${name(worst.p)} (${signed(worst.c, d)}).`,
      );
    }
    const dl = driversLine(options.drivers?.find((x) => x.edition === edition && x.unit === res.units[0] && x.node === root), undefined);
    if (dl) lines.push(dl);
    return [...lines, ...dataNote(res, fw, e, lang)];
  }

  const stats = options.stats ?? groupStats(res, options.groupings ?? []);
  const stat = (grouping: string, group: string, node: string): GroupStat | undefined =>
    stats.find((s) => s.edition === edition && s.grouping === grouping && s.group === group && s.node === node);
  const leaders = (node: string, n: number): string[] =>
    res.units
      .map((u, i) => ({ u, s: score(node, i) }))
      .filter((x) => Number.isFinite(x.s))
      .sort((a, b) => b.s - a.s)
      .slice(0, n)
      .map((x) => uname(x.u));
  const risers = (node: string, n: number): { u: string; c: number }[] =>
    e === 0
      ? []
      : res.units
          .map((u, i) => ({ u, c: score(node, i) - score(node, i, e - 1) }))
          .filter((x) => Number.isFinite(x.c))
          .sort((a, b) => b.c - a.c)
          .slice(0, n);
  /** Units at or above the threshold now and below it in the previous edition, highest score first. */
  const newlyAbove = (node: string): string[] =>
    e === 0
      ? []
      : res.units
          .map((u, i) => ({ u, s: score(node, i), b: score(node, i, e - 1) }))
          .filter((x) => x.s >= threshold && x.b < threshold)
          .sort((a, b) => b.s - a.s)
          .map((x) => uname(x.u));
  const top = options.top ?? 5;
  const provinces = (options.unitKind ?? (options.adaptToRun ? unitKind(res.units) : 'provinces')) === 'provinces';
  const few = options.adaptToRun === true && U < FEW_UNITS;
  /** 地区 for provinces, 单位 for other units. */
  const noun = provinces ? '地区' : '单位';
  const ranking = (node: string): string =>
    res.units
      .map((u, i) => ({ u, s: score(node, i) }))
      .filter((x) => Number.isFinite(x.s))
      .sort((a, b) => b.s - a.s)
      .map((x) => (zh ? `${uname(x.u)}（${fmt(x.s, d)}）` : `${uname(x.u)} (${fmt(x.s, d)})`))
      .join(zh ? '、' : ', ');

  const all = stat('all', 'ALL', root)!;
  lines.push(
    zh
      ? `${edition}年${name(root)}：${all.members}个${noun}平均得分${fmt(all.mean, d)}${changeZh(all.meanChange, d)}；中位数${fmt(all.median, d)}${changeZh(all.medianChange, d)}。${all.aboveMean}个${noun}高于平均水平，${all.atLeastThreshold}个${noun}得分在${threshold}分以上。`
      : `${name(root)} ${edition}: mean of ${units(all.members)} ${fmt(all.mean, d)}${changeEn(all.meanChange, d)}; median ${fmt(all.median, d)}${changeEn(all.medianChange, d)}. ${units(all.aboveMean)} score above the mean and ${all.atLeastThreshold} score ${threshold} or more.`,
  );
  const na = newlyAbove(root);
  if (na.length) lines.push(zh ? `${list(na)}较上年新进入${threshold}分以上行列。` : `Newly at ${threshold} or above (below it in the previous edition): ${list(na)}.`);
  if (few) {
    // a handful of units: every unit's score and change, no "leaders among them"
    lines.push(zh ? `得分从高到低：${ranking(root)}。` : `Scores, highest first: ${ranking(root)}.`);
    const rs = risers(root, U);
    if (rs.length) lines.push(zh ? `较上年变化：${rs.map((x) => `${uname(x.u)}${signed(x.c, d)}`).join('，')}。` : `Changes on the previous edition: ${rs.map((x) => `${uname(x.u)} ${signed(x.c, d)}`).join(', ')}.`);
  } else {
    lines.push(zh ? `${list(leaders(root, top))}等${noun}位居${provinces ? '全国' : ''}前列。` : `Leading: ${list(leaders(root, top))}.`);
    const rs = risers(root, top);
    if (rs.length) lines.push(zh ? `得分提高较多的${noun}：${rs.map((x) => `${uname(x.u)}（${signed(x.c, d)}）`).join('、')}。` : `Largest increases: ${rs.map((x) => `${uname(x.u)} (${signed(x.c, d)})`).join(', ')}.`);
    const dl = rs.length ? driversLine(options.drivers?.find((x) => x.edition === edition && x.unit === rs[0]!.u && x.node === root), rs[0]!.u) : undefined;
    if (dl) lines.push(dl);
  }

  for (const p of pillars) {
    const s = stat('all', 'ALL', p);
    if (!s) continue;
    if (few) {
      const best = leaders(p, 1);
      const r1 = risers(p, 1).filter((x) => Number(x.c.toFixed(d)) > 0);
      lines.push(
        zh
          ? `${name(p)}：平均${fmt(s.mean, d)}${paren(s.meanChange, d, true)}，${s.atLeastThreshold}个${noun}在${threshold}分以上${best.length ? `；${best[0]}得分最高` : ''}${r1.length ? `；${uname(r1[0]!.u)}提高最多（${signed(r1[0]!.c, d)}）` : ''}。`
          : `${name(p)}: mean ${fmt(s.mean, d)}${paren(s.meanChange, d, false)}, ${units(s.atLeastThreshold)} at ${threshold} or above${best.length ? `; highest ${best[0]}` : ''}${r1.length ? `; largest increase ${uname(r1[0]!.u)} (${signed(r1[0]!.c, d)})` : ''}.`,
      );
      continue;
    }
    const r3 = risers(p, 3);
    lines.push(
      zh
        ? `${name(p)}：平均${fmt(s.mean, d)}${paren(s.meanChange, d, true)}，中位数${fmt(s.median, d)}，${s.atLeastThreshold}个${noun}在${threshold}分以上；${list(leaders(p, 3))}位居前列${r3.length ? `；增幅较大的是${r3.map((x) => `${uname(x.u)}（${signed(x.c, d)}）`).join('、')}` : ''}。`
        : `${name(p)}: mean ${fmt(s.mean, d)}${paren(s.meanChange, d, false)}, median ${fmt(s.median, d)}, ${units(s.atLeastThreshold)} at ${threshold} or above; leaders ${list(leaders(p, 3))}${r3.length ? `; largest increases ${r3.map((x) => `${uname(x.u)} (${signed(x.c, d)})`).join(', ')}` : ''}.`,
    );
    lines.push(pillarDetail(p, s));
  }
  /**
   * The second line of a first-level node, as the report goes on about it: the median's change,
   * how many units score above the mean, and who newly reached the threshold.
   */
  function pillarDetail(p: string, s: GroupStat): string {
    const na = newlyAbove(p);
    return zh
      ? `${name(p)}（续）：${Number.isFinite(s.medianChange) ? `中位数${changeZh(s.medianChange, d).replace(/^，/, '')}；` : ''}${s.aboveMean}个${noun}高于平均水平${na.length ? `；${list(na)}较上年新进入${threshold}分以上行列` : ''}。`
      : `${name(p)} (cont.): ${Number.isFinite(s.medianChange) ? `median ${changeEn(s.medianChange, d).replace(/^, /, '')}; ` : ''}${units(s.aboveMean)} above the mean${na.length ? `; newly at ${threshold} or above: ${list(na)}` : ''}.`;
  }
  for (const g of options.groupings ?? []) {
    const parts = g.groups
      .map((gr) => ({ gr, s: stat(g.id, gr.code, root) }))
      .filter((x) => x.s && x.s.members > 0)
      .map(({ gr, s }) => (zh ? `${gr.name.zh}${fmt(s!.mean, d)}${paren(s!.meanChange, d, true)}` : `${gr.name.en ?? gr.name.zh} ${fmt(s!.mean, d)}${paren(s!.meanChange, d, false)}`));
    if (parts.length) lines.push(zh ? `${g.name.zh}：${parts.join('，')}。` : `${g.name.en ?? g.name.zh}: ${parts.join('; ')}.`);
  }
  // each grouping's means per first-level node, with their changes (the report's 分领域来看 …)
  for (const g of options.groupings ?? []) {
    for (const p of pillars) {
      const parts = g.groups
        .map((gr) => ({ gr, s: stat(g.id, gr.code, p) }))
        .filter((x) => x.s && x.s.members > 0)
        .map(({ gr, s }) => (zh ? `${gr.name.zh}${fmt(s!.mean, d)}${paren(s!.meanChange, d, true)}` : `${gr.name.en ?? gr.name.zh} ${fmt(s!.mean, d)}${paren(s!.meanChange, d, false)}`));
      if (parts.length) lines.push(zh ? `${g.name.zh}·${name(p)}：${parts.join('，')}。` : `${g.name.en ?? g.name.zh} · ${name(p)}: ${parts.join('; ')}.`);
    }
  }
  return [...lines, ...dataNote(res, fw, e, lang)];
}

/**
 * The data rule made visible: which indicators of the described edition stand on values carried
 * forward from an earlier year or imputed, and which are missing (以上一年度数据代替当年数据).
 */
function dataNote(res: EvaluationResult, fw: Framework, e: number, lang: 'zh' | 'en'): string[] {
  const U = res.units.length;
  const year = res.dataYears[e]!;
  const carried: string[] = [];
  const imputed: string[] = [];
  const missing: string[] = [];
  let cells = 0;
  for (const n of fw.nodes) {
    const f = res.flags[n.code];
    if (!f) continue;
    let c = 0;
    let i = 0;
    let m = 0;
    for (let u = 0; u < U; u++) {
      const flag = f[e * U + u] ?? '';
      if (flag.startsWith('carried-forward')) c++;
      else if (flag.startsWith('imputed')) i++;
      else if (flag === 'missing') m++;
    }
    if (c) carried.push(n.code);
    if (i) imputed.push(n.code);
    if (m) missing.push(n.code);
    cells += c + i;
  }
  const list = (xs: string[]): string => `${xs.slice(0, 8).join(lang === 'zh' ? '、' : ', ')}${xs.length > 8 ? (lang === 'zh' ? '等' : ', …') : ''}`;
  const out: string[] = [];
  if (carried.length || imputed.length) {
    out.push(
      lang === 'zh'
        ? `数据说明：${carried.length ? `${list(carried)}共${carried.length}项指标部分${year}年数据暂缺，以上一年度数据代替` : ''}${carried.length && imputed.length ? '；' : ''}${imputed.length ? `${list(imputed)}共${imputed.length}项指标有插补值` : ''}（${cells}个数据点，见 indicators.csv 的 flag 列）。`
        : `Data note: ${carried.length ? `${carried.length} indicator${carried.length > 1 ? 's' : ''} (${list(carried)}) lack some ${year} values; the previous year's values stand in` : ''}${carried.length && imputed.length ? '; ' : ''}${imputed.length ? `${imputed.length} indicator${imputed.length > 1 ? 's have' : ' has'} imputed values (${list(imputed)})` : ''} (${cells} data points; see the flag column of indicators.csv).`,
    );
  }
  if (missing.length) {
    out.push(
      lang === 'zh'
        ? `${list(missing)}共${missing.length}项指标有缺失值，未参与相应单位的合成（权重按其余指标重新归一）。`
        : `${missing.length} indicator${missing.length > 1 ? 's have' : ' has'} missing values (${list(missing)}), left out of those units' aggregates with the weights of the others renormalised.`,
    );
  }
  return out;
}
