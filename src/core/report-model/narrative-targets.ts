/**
 * The narrative of plan-target attainment, in the manner of chapter 1 of the report: per target,
 * the latest value with its change, and its standing — 提前达到13%的预期目标值, 连续第2年高于2025年
 * 预期目标, 连续4年高于3500亿元的预期目标值, 距2025年目标尚差…, 暂无数据 — chosen by rules over the
 * series ({@link checkTargets}).
 */
import type { ParagraphBlock } from './document.ts';
import { direction } from './narrative-common.ts';
import type { TargetCheck } from './targets.ts';
import { Prose, type Lang } from './text.ts';

/** The chapter on plan targets: a lead paragraph and one section per target. */
export interface TargetsNarrative {
  lead: ParagraphBlock;
  sections: { code: string; heading: string; paragraph: ParagraphBlock }[];
}

/**
 * The fewest decimals (0–2) that show a value exactly to two decimals.
 * @example decimalsOf(13) // => 0
 * @example decimalsOf(3987.1) // => 1
 * @example decimalsOf(13.04) // => 2
 */
export function decimalsOf(x: number): number {
  for (let d = 0; d < 2; d++) if (Math.abs(x - Number(x.toFixed(d))) < 1e-9 * Math.max(1, Math.abs(x))) return d;
  return 2;
}

/** Decimals to show a target's values with: enough for every value of its series and the target. */
export function valueDecimals(c: TargetCheck): number {
  return Math.max(decimalsOf(c.target.value), ...c.series.map((s) => decimalsOf(s.value)));
}

/** Whether a change is stated as a growth rate (同比增长5.9%) rather than a difference: large amounts. */
const asGrowth = (c: TargetCheck, value: number): boolean => c.unit !== '%' && c.unit !== '分' && Math.abs(value) >= 100;

/** English words of common units (counts read as plain numbers). */
const EN_UNITS: Record<string, string> = {
  分: ' points',
  件: '',
  个: '',
  家: '',
  次: '',
  项: '',
  人: '',
  月: ' months',
  亿元: ' hundred million yuan',
  万元: ' ten thousand yuan',
  元: ' yuan',
  万件: ' ten thousand',
  万人: ' ten thousand persons',
};

/** The unit after a number: 13.04%, 14件, 82.36分; English 13.04%, 14, 82.36 points, 3987.1 hundred million yuan. */
function unitAfter(unit: string, lang: Lang): string {
  if (unit === '%' || unit === '') return unit;
  if (lang === 'zh') return unit;
  return EN_UNITS[unit] ?? ` ${unit}`;
}
/** The unit of a change: 个百分点 for a share in %. */
function changeUnit(unit: string, lang: Lang): string {
  if (unit === '%') return lang === 'zh' ? '个百分点' : ' percentage points';
  return unitAfter(unit, lang);
}

/** The plan-target narrative of checked targets (see the module comment). */
export function targetsNarrative(checks: TargetCheck[], lang: Lang, options: { describedYear?: number } = {}): TargetsNarrative {
  const zh = lang === 'zh';
  const name = (c: TargetCheck): string => (zh ? c.name.zh : (c.name.en ?? c.name.zh));
  const described = options.describedYear ?? Math.max(...checks.map((c) => c.latest?.year ?? -Infinity));

  // lead: how many targets are met
  const lead = new Prose();
  const withData = checks.filter((c) => c.latest);
  const met = withData.filter((c) => c.latest!.status !== 'not-met');
  const early = met.filter((c) => c.latest!.status === 'met-early');
  const notMet = withData.filter((c) => c.latest!.status === 'not-met');
  const noData = checks.length - withData.length;
  if (zh) {
    lead.t('框架设定的').num(checks.length, 'count:targets').t('项预期目标中，');
    if (met.length === checks.length) lead.t(checks.length > 1 ? '均已达到' : '已经达到');
    else lead.num(met.length, 'count:targets:met').t('项已经达到');
    if (early.length) lead.t(early.length === met.length && met.length > 1 ? '，且均为提前达到' : '，其中').call((p) => (early.length === met.length && met.length > 1 ? p : p.num(early.length, 'count:targets:early').t('项提前达到')));
    if (notMet.length) lead.t('，').num(notMet.length, 'count:targets:not-met').t('项尚未达到');
    if (noData) lead.t('，').num(noData, 'count:targets:no-data').t('项暂无数据');
    lead.t('。');
  } else {
    lead.t('Of the ').num(checks.length, 'count:targets').t(checks.length === 1 ? ' plan target the framework sets, ' : ' plan targets the framework sets, ');
    if (met.length === checks.length) lead.t(checks.length > 1 ? 'all are met' : 'it is met');
    else lead.num(met.length, 'count:targets:met').t(met.length === 1 ? ' is met' : ' are met');
    if (early.length) lead.t(early.length === met.length && met.length > 1 ? ', all before the target year' : ' (').call((p) => (early.length === met.length && met.length > 1 ? p : p.num(early.length, 'count:targets:early').t(' early)')));
    if (notMet.length) lead.t(', ').num(notMet.length, 'count:targets:not-met').t(' not yet met');
    if (noData) lead.t(', ').num(noData, 'count:targets:no-data').t(' without data');
    lead.t('.');
  }

  const sections = checks.map((c) => {
    const p = new Prose();
    const t = c.target;
    const U = c.unitCode;
    const tv = (q: Prose): Prose => q.num(t.value, `target:${c.code}:${t.year}:value`, { decimals: decimalsOf(t.value) }).name(unitAfter(c.unit, lang));
    const ty = (q: Prose): Prose => q.year(t.year, `target:${c.code}:${t.year}:year`);
    const above = t.kind === 'at-most' ? (zh ? '低于' : 'below') : zh ? '高于' : 'above';
    const L = c.latest;
    let heading = name(c);
    if (!L) {
      if (zh) p.name(name(c)).t('暂无数据，未能评价其').call(ty).t('年').call(tv).t('预期目标的完成情况。');
      else p.t('No data for ').name(name(c)).t(': its target for ').call(ty).t(' (').call(tv).t(') cannot be assessed.');
      return { code: c.code, heading, paragraph: p.block() };
    }
    const dv = decimalsOf(L.value);
    const value = (q: Prose): Prose => q.num(L.value, `value:${U}:${c.code}:${L.year}`, { decimals: dv }).name(unitAfter(c.unit, lang));
    const P = c.previous;
    const diff = P ? L.value - P.value : NaN;
    // the change to the precision of its values, without trailing zeros (93.36 − 91.86 = 1.5)
    const dd0 = P ? Math.max(dv, decimalsOf(P.value)) : dv;
    const dd = P ? Math.min(dd0, decimalsOf(Number((L.value - P.value).toFixed(dd0)))) : dv;
    const dir = P ? direction(diff, dd) : undefined;
    // a rise of a quantity to be kept low (at most) is 上升, not 提高
    const low = t.kind === 'at-most';
    if (dir !== undefined) heading = zh ? `${name(c)}${dir > 0 ? (low ? '有所上升' : '稳步提高') : dir < 0 ? '有所下降' : '保持稳定'}` : `${name(c)}: ${dir > 0 ? 'up' : dir < 0 ? 'down' : 'steady'}`;

    // the value and its change
    if (zh) {
      const verb = dir === 1 && !low ? '达到' : '为';
      if (L.year === described) p.year(L.year).t('年，').name(name(c)).t(verb).call(value);
      else p.name(name(c)).t(verb).call(value).t('（').year(L.year).t('年值）');
      if (P && dir !== undefined) {
        if (dir === 0) p.t('，与上年持平');
        else if (asGrowth(c, L.value) && P.value !== 0) p.t(dir > 0 ? '，同比增长' : '，同比下降').num((100 * diff) / Math.abs(P.value), `growth:${U}:${c.code}:${L.year}`, { decimals: 1, magnitude: true }).t('%');
        else p.t(dir > 0 ? (low ? '，较上年上升' : '，较上年提高') : '，较上年下降').num(diff, `valueChange:${U}:${c.code}:${L.year}`, { decimals: dd, magnitude: true }).name(changeUnit(c.unit, lang));
      }
      p.t('，');
    } else {
      p.name(name(c)).t(' ').year(L.year).t(': ').call(value);
      if (P && dir !== undefined) {
        if (dir === 0) p.t(', unchanged on the year before');
        else if (asGrowth(c, L.value) && P.value !== 0) p.t(dir > 0 ? ', up ' : ', down ').num((100 * diff) / Math.abs(P.value), `growth:${U}:${c.code}:${L.year}`, { decimals: 1, magnitude: true }).t('% on the year before');
        else p.t(dir > 0 ? ', up ' : ', down ').num(diff, `valueChange:${U}:${c.code}:${L.year}`, { decimals: dd, magnitude: true }).name(changeUnit(c.unit, lang)).t(' on the year before');
      }
      p.t('; ');
    }

    // its standing against the target
    const running = (q: Prose): Prose => q.num(L.running, `running:${U}:${c.code}:${L.year}`);
    if (L.status !== 'not-met') {
      if (L.running >= 3) {
        if (zh) p.t('连续').call(running).t(`年${above}`).call(tv).t('的预期目标值');
        else p.t(`${above} the target of `).call(tv).t(' for ').call(running).t(' years running');
      } else if (L.running === 2) {
        if (zh) p.t('连续第').call(running).t(`年${above}`).call(ty).t('年预期目标');
        else p.t(`${above} the `).call(ty).t(' target (').call(tv).t(') for the ').call(running).t('nd year running');
      } else if (L.status === 'met-early') {
        if (zh) p.t('提前达到').call(tv).t('的预期目标值');
        else p.t('the ').call(ty).t(' target of ').call(tv).t(' is met early');
      } else {
        if (zh) p.t('达到').call((q) => (L.year > t.year ? ty(q).t('年') : q)).call(tv).t('的预期目标值');
        else p.t('the ').call(ty).t(' target of ').call(tv).t(' is met');
      }
    } else {
      const gd = Math.max(decimalsOf(t.value), dv);
      // a gap in a share is in percentage points
      const gap = (q: Prose): Prose => q.num(Math.abs(t.value - L.value), `gap:${U}:${c.code}:${L.year}`, { decimals: gd }).name(changeUnit(c.unit, lang));
      if (L.year < t.year) {
        if (zh) p.t('距').call(ty).t('年').call(tv).t('的预期目标尚差').call(gap);
        else p.call(gap).t(' short of the ').call(ty).t(' target of ').call(tv);
      } else {
        if (zh) p.t('未达到').call(tv).t('的预期目标值，差').call(gap);
        else p.t('the target of ').call(tv).t(' is not met, by ').call(gap);
      }
      if (c.firstMet !== null) {
        if (zh) p.t('（').year(c.firstMet, `firstMet:${U}:${c.code}`).t('年曾达到）');
        else p.t(' (met in ').year(c.firstMet, `firstMet:${U}:${c.code}`).t(')');
      }
    }
    p.t(zh ? '。' : '.');
    return { code: c.code, heading, paragraph: p.block() };
  });
  return { lead: lead.block(), sections };
}
