import type { LocalName } from '../framework/types.ts';
import type { TargetGap } from './gap.ts';
import { describeChange, isCountMeasure, measureEn, roundAway, showNumber } from './gap-measure.ts';
import type { GapPlan, PlanStep } from './gap-plan.ts';
import type { Follower, IndicatorGap } from './gap-single.ts';
import type { TieBlock } from './gap-ties.ts';

/** How the gap is written: language and unit names. */
export interface GapReportOptions {
  lang: 'zh' | 'en';
  /** Display name of a unit code in the language. */
  unitName: (code: string) => string;
  /** How many single-indicator answers the printed lines list (default 10; the CSV has all). */
  top?: number;
}

const nm = (n: LocalName, lang: 'zh' | 'en'): string => (lang === 'en' ? (n.en ?? n.zh) : n.zh);
const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`);
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
const score = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');

/** The target in words: `排名前 5 位`, `得分达到 85`, `rank 5 or better`, `a score of 85`. */
export function targetWords(g: TargetGap, lang: 'zh' | 'en'): string {
  const t = g.target;
  if ('rank' in t) return lang === 'zh' ? (t.rank === 1 ? '排名第 1 位' : `排名前 ${t.rank} 位`) : t.rank === 1 ? 'rank 1' : `rank ${t.rank} or better`;
  return lang === 'zh' ? `得分达到 ${showNumber(t.score)}` : `a score of ${showNumber(t.score)}`;
}

function tieWords(t: TieBlock, g: TargetGap, o: GapReportOptions): string {
  const names = t.units.map(o.unitName).join(o.lang === 'zh' ? '、' : ', ');
  const k = 'rank' in g.target ? g.target.rank : 0;
  return o.lang === 'zh'
    ? `第 ${k} 位处于并列之中：${names} 以 ${score(t.score)} 分并列第 ${t.ranks[0]} 位，须与之持平才能进入前 ${k} 位`
    : `rank ${k} lies inside a tie: ${names} share rank ${t.ranks[0]} at ${score(t.score)}, so reaching rank ${k} means equalling them`;
}

/** Why an indicator alone cannot take the unit to the target, in words. */
export function whyNot(x: IndicatorGap, g: TargetGap, o: GapReportOptions): string {
  const zh = o.lang === 'zh';
  if (x.status === 'missing') return zh ? `${g.dataYear} 年无该单位此指标的数据（插补后仍缺失），无法单独提高` : `the unit has no value for it in ${g.dataYear} (missing after imputation)`;
  const standing = (s: { score: number; rank: number } | undefined): string => (s ? (zh ? `${score(s.score)} 分、第 ${s.rank} 位` : `${score(s.score)} (rank ${s.rank})`) : '—');
  const up = x.direction === 1;
  const already = x.best !== undefined && x.best === x.current;
  const atLimit = x.limit === undefined; // the maximum is reached only at the end of the search
  const where = x.bestIsBound
    ? zh
      ? `，即各年全部单位的${up ? '最高' : '最低'}值`
      : `, the ${up ? 'highest' : 'lowest'} value of any unit and year`
    : atLimit && x.limitIsDomain
      ? zh
        ? `，即其可取的${up ? '最大' : '最小'}值`
        : `, the ${up ? 'largest' : 'smallest'} value it can take`
      : atLimit
        ? zh
          ? `，搜索至观测范围的 ${showNumber(g.reach)} 倍`
          : `, searched up to ${showNumber(g.reach)} times the observed range`
        : '';
  let text = already
    ? zh
      ? `已是各年全部单位的${up ? '最高' : '最低'}值（标准化最高分），得分 ${standing(x.outcome)}`
      : `it is already the ${up ? 'highest' : 'lowest'} value of any unit and year (its normalised maximum): ${standing(x.outcome)}`
    : zh
      ? `取到标准化最高分（值 ${showNumber(x.best ?? NaN)}${where}）也只能达到 ${standing(x.outcome)}`
      : `at its normalised maximum (value ${showNumber(x.best ?? NaN)}${where}) the unit reaches only ${standing(x.outcome)}`;
  if ('rank' in g.target && x.limit !== undefined && x.limitOutcome) {
    const end = x.limitIsDomain ? (zh ? `其可取的${up ? '最大' : '最小'}值` : `the ${up ? 'largest' : 'smallest'} value it can take`) : zh ? `观测范围的 ${showNumber(g.reach)} 倍` : `${showNumber(g.reach)} times the observed range`;
    text += zh
      ? `；继续${up ? '提高' : '降低'}会移动上下限、压低其他单位的得分，但直到 ${showNumber(x.limit)}（${end}）也只到 ${standing(x.limitOutcome)}`
      : `; going further moves the bounds and lowers the others' scores, but even ${showNumber(x.limit)} (${end}) gives only ${standing(x.limitOutcome)}`;
  }
  if (x.status === 'tie' && x.tie) text = `${tieWords(x.tie, g, o)}${zh ? '；' : '; '}${text}`;
  return text;
}

function changeText(x: { change: number; current: number; required: number; changePct: number | null; unit?: string; normalisedChange: number; follows?: Follower[] }, o: GapReportOptions): string {
  const zh = o.lang === 'zh';
  const ch = describeChange(x.change, { lang: o.lang, ...(x.unit ? { unit: x.unit } : {}) });
  // a count is shown whole: the value reached is the current one plus the whole change shown
  const to = isCountMeasure(x.unit) ? x.current + roundAway(x.change, true) : x.required;
  const with_ = x.follows?.length ? (zh ? `，连同 ${x.follows.map((f) => `${f.code} ${signed(f.normalisedChange)}`).join('、')}` : `, with ${x.follows.map((f) => `${f.code} ${signed(f.normalisedChange)}`).join(', ')}`) : '';
  return zh
    ? `${ch}（${pct(x.changePct)}，由 ${showNumber(x.current)} 到 ${showNumber(to)}；标准化得分 ${signed(x.normalisedChange)}${with_}）`
    : `${ch} (${pct(x.changePct)}, from ${showNumber(x.current)} to ${showNumber(to)}; normalised score ${signed(x.normalisedChange)}${with_})`;
}

function singleLine(x: IndicatorGap, g: TargetGap, o: GapReportOptions): string {
  const zh = o.lang === 'zh';
  const head = `${x.code} ${nm(x.name, o.lang)}`;
  const body = changeText({ change: x.change!, current: x.current!, required: x.required!, changePct: x.changePct ?? null, ...(x.unit ? { unit: x.unit } : {}), normalisedChange: x.normalisedChange!, ...(x.follows ? { follows: x.follows } : {}) }, o);
  const reach = x.outcome ? (zh ? `，可达 ${score(x.outcome.score)} 分、第 ${x.outcome.rank} 位` : `; reaches ${score(x.outcome.score)} (rank ${x.outcome.rank})`) : '';
  const extra: string[] = [];
  if (x.bounds) {
    const [b0, b1] = [x.bounds.before, x.bounds.after];
    const side = b1[1] !== b0[1] ? 1 : 0;
    extra.push(
      zh
        ? `新值越过各年全部单位的${side ? '最高值' : '最低值'} ${showNumber(b0[side]!)}，标准化上下限随之移动，其他单位得分随之变化`
        : `the new value passes the ${side ? 'highest' : 'lowest'} value of every unit and year (${showNumber(b0[side]!)}): the bounds move, and every unit's score with them`,
    );
  }
  if (x.numerator) {
    const n = x.numerator;
    const name = n.name ? nm(n.name, o.lang) : n.code;
    const ch = describeChange(n.change, { lang: o.lang, ...(n.unit ? { unit: n.unit } : {}) });
    extra.push(
      zh
        ? `相当于${name}（${n.code}）${ch}、其余不变${n.isIndicator ? `；但 ${n.code} 本身也是指标，改它还会提高其自身得分，见其单独一行` : ''}`
        : `the same as ${name} (${n.code}): ${ch}, the rest unchanged${n.isIndicator ? `; ${n.code} is an indicator too, so changing it also raises its own score (see its own line)` : ''}`,
    );
  }
  if (x.follows?.length) extra.push(zh ? `读取它的派生指标随之变化：${x.follows.map((f) => f.code).join('、')}` : `derived indicators that read it move too: ${x.follows.map((f) => f.code).join(', ')}`);
  if (x.flag) extra.push(zh ? `当前值标记：${x.flag}` : `current value flagged ${x.flag}`);
  return `  ${head}${zh ? '：' : ': '}${body}${reach}${extra.length ? (zh ? `；${extra.join('；')}` : `; ${extra.join('; ')}`) : ''}`;
}

function planLines(p: GapPlan, g: TargetGap, o: GapReportOptions): string[] {
  const zh = o.lang === 'zh';
  const measure = p.cost === 'normalised' ? (zh ? '标准化得分提升之和' : 'the sum of the normalised score improvements') : zh ? '各指标相对变化（%）之和' : 'the sum of the relative changes (%)';
  const lines = [
    zh
      ? `多指标最省方案（最小化${measure}，各指标不超过其标准化最高分）：`
      : `Cheapest plan over several indicators (minimising ${measure}, each indicator at most its normalised maximum):`,
  ];
  if (p.status === 'met') return [...lines, zh ? '  已达到目标，无需改动。' : '  The target is met already; nothing to change.'];
  const step = (s: PlanStep): string =>
    `  ${s.order}. ${s.code} ${nm(g.indicators.find((x) => x.code === s.code)?.name ?? { zh: s.code }, o.lang)}${zh ? '：' : ': '}${changeText(s, o)}${s.atCap ? (zh ? '，达到最高分' : ', at its maximum') : ''}`;
  if (!p.feasible) {
    const why = p.tie ? tieWords(p.tie, g, o) : zh ? `所有可改指标都取到最高分也只能达到 ${score(p.outcome.score)} 分、第 ${p.outcome.rank} 位` : `with every indicator at its maximum the unit reaches only ${score(p.outcome.score)} (rank ${p.outcome.rank})`;
    return [...lines, zh ? `  不可行：${why}。` : `  Infeasible: ${why}.`];
  }
  if (p.from === 'single') lines.push(zh ? '  （单改一个指标比按线性估计的贪心方案更省，故取之）' : '  (one indicator alone costs less than the greedy linear plan, so the plan is that)');
  lines.push(...p.steps.map(step));
  const total = p.cost === 'normalised' ? (zh ? `标准化提升合计 ${p.totalNormalised.toFixed(2)}` : `normalised improvement in all ${p.totalNormalised.toFixed(2)}`) : zh ? `相对变化合计 ${p.totalRelative.toFixed(1)}%` : `relative change in all ${p.totalRelative.toFixed(1)}%`;
  lines.push(
    zh
      ? `  → 共 ${p.steps.length} 个指标，${total}；重新计算后得分 ${score(p.outcome.score)}、第 ${p.outcome.rank} 位，达到目标。`
      : `  → ${p.steps.length} indicator${p.steps.length === 1 ? '' : 's'}, ${total}; re-evaluated: ${score(p.outcome.score)}, rank ${p.outcome.rank} — the target is reached.`,
  );
  if (p.follows.length) lines.push(zh ? `  随之变化的派生指标：${p.follows.map((f) => f.code).join('、')}` : `  Derived indicators that move with it: ${p.follows.map((f) => f.code).join(', ')}`);
  return lines;
}

/** The printed lines of a target gap (Chinese or English). */
export function gapLines(g: TargetGap, o: GapReportOptions): string[] {
  const zh = o.lang === 'zh';
  const unit = o.unitName(g.unit);
  const node = `${nm(g.nodeName, o.lang)}（${g.node}）`;
  const needs =
    'rank' in g.target
      ? g.neededBy
        ? zh
          ? `（需达到 ${score(g.needed)} 分，即目前第 ${g.target.rank} 位 ${o.unitName(g.neededBy)} 的得分；上下限移动时随之变化）`
          : ` (a score of ${score(g.needed)} now, that of ${o.unitName(g.neededBy)} at rank ${g.target.rank}; it moves when the bounds do)`
        : ''
      : '';
  const lines = [
    zh
      ? `${g.edition}年版（${g.dataYear}年数据）${unit} · ${node}：得分 ${score(g.current.score)}，第 ${g.current.rank} 位。目标：${targetWords(g, 'zh')}${needs}。`
      : `${g.edition} edition (${g.dataYear} data), ${unit} · ${nm(g.nodeName, 'en')} (${g.node}): score ${score(g.current.score)}, rank ${g.current.rank}. Target: ${targetWords(g, 'en')}${needs}.`,
  ];
  if (g.met) {
    lines.push(zh ? '已达到目标，无需改动。' : 'The target is met already; nothing to change.');
    return lines;
  }
  // the cheapest first, by the plan's cost measure
  const relative = g.plan?.cost === 'relative';
  const rel = (x: IndicatorGap): number => (x.changePct === null || x.changePct === undefined ? Infinity : Math.abs(x.changePct));
  const feasible = g.indicators.filter((x) => x.feasible).sort((a, b) => (relative ? rel(a) - rel(b) : 0) || a.totalNormalisedChange! - b.totalNormalisedChange! || rel(a) - rel(b));
  // the nearest misses first: the best rank (rank targets) or score reachable
  const best = (x: IndicatorGap): number => (x.limitOutcome ?? x.outcome)?.score ?? -Infinity;
  const infeasible = g.indicators.filter((x) => !x.feasible).sort((a, b) => best(b) - best(a));
  const top = o.top ?? 10;
  lines.push(
    zh
      ? `只改一个指标（其余不变）：${g.indicators.length} 个指标中 ${feasible.length} 个可单独达到目标${feasible.length ? (relative ? '，按所需相对变化从小到大' : '，按所需标准化提升（连同随之变化的派生指标）从小到大') : ''}：`
      : `One indicator alone (the rest unchanged): ${feasible.length} of ${g.indicators.length} indicators can reach the target alone${feasible.length ? (relative ? ', smallest relative change first' : ', smallest normalised improvement (with the derived indicators that follow) first') : ''}:`,
  );
  lines.push(...feasible.slice(0, top).map((x) => singleLine(x, g, o)));
  if (feasible.length > top) lines.push(zh ? `  ……其余 ${feasible.length - top} 个见 gap.csv` : `  … ${feasible.length - top} more in gap.csv`);
  if (infeasible.length) {
    const shown = infeasible.slice(0, Math.max(0, top - Math.min(top, feasible.length)) || 3);
    lines.push(zh ? `  ${infeasible.length} 个指标单独无法达到目标，例如：` : `  ${infeasible.length} indicator${infeasible.length === 1 ? '' : 's'} cannot reach it alone, e.g.:`);
    lines.push(...shown.map((x) => `    ${x.code} ${nm(x.name, o.lang)}${zh ? '：' : ': '}${whyNot(x, g, o)}`));
    if (infeasible.length > shown.length) lines.push(zh ? `    ……其余见 gap.csv` : `    … the rest in gap.csv`);
  }
  if (g.plan) lines.push(...planLines(g.plan, g, o));
  for (const n of g.notes) lines.push(zh ? `注：${n.zh}` : `Note: ${n.en}`);
  return lines;
}

/** Header of gap.csv. */
export const GAP_COLUMNS = ['edition', 'unit', 'node', 'target', 'indicator', 'name', 'current_value', 'required_value', 'change', 'unit_of_measure', 'change_pct', 'normalised_change', 'feasible', 'reason', 'explanation'] as const;

/** Header of gap-plan.csv. */
export const GAP_PLAN_COLUMNS = ['edition', 'unit', 'node', 'target', 'cost', 'order', 'indicator', 'name', 'current_value', 'required_value', 'change', 'unit_of_measure', 'change_pct', 'normalised_change', 'effective_weight', 'at_cap', 'feasible', 'reason'] as const;

const blank = (x: number | null | undefined): number | string => (x === null || x === undefined || !Number.isFinite(x) ? '' : x);

/** gap.csv: one row per indicator (full precision; `reason` is the status when not simply reached). */
export function gapTable(g: TargetGap, o: GapReportOptions): unknown[][] {
  const en = o.lang === 'en';
  const header: string[] = [...GAP_COLUMNS, ...(en ? ['name_en', 'unit_of_measure_en'] : [])];
  return [
    header,
    ...g.indicators.map((x) => [
      g.edition,
      g.unit,
      g.node,
      g.targetLabel,
      x.code,
      x.name.zh,
      blank(x.current),
      blank(x.required),
      blank(x.change),
      x.unit ?? '',
      blank(x.changePct),
      blank(x.normalisedChange),
      x.feasible,
      x.status === 'reached' ? '' : x.status,
      x.feasible ? '' : whyNot(x, g, o),
      ...(en ? [x.name.en ?? x.name.zh, measureEn(x.unit)] : []),
    ]),
  ];
}

/** gap-plan.csv: the plan's indicator changes in greedy order (one row saying why when it is infeasible). */
export function gapPlanTable(g: TargetGap, o: GapReportOptions): unknown[][] {
  const p = g.plan;
  const en = o.lang === 'en';
  const header: string[] = [...GAP_PLAN_COLUMNS, ...(en ? ['name_en', 'unit_of_measure_en'] : [])];
  if (!p) return [header];
  const reason = p.status === 'reached' ? '' : p.status;
  const rows = p.steps.map((s) => {
    const x = g.indicators.find((i) => i.code === s.code);
    return [g.edition, g.unit, g.node, g.targetLabel, p.cost, s.order, s.code, x?.name.zh ?? s.code, s.current, blank(s.required), blank(s.change), s.unit ?? '', blank(s.changePct), blank(s.normalisedChange), s.effectiveWeight, s.atCap, p.feasible, reason, ...(en ? [x?.name.en ?? x?.name.zh ?? s.code, measureEn(s.unit)] : [])];
  });
  if (!rows.length) rows.push([g.edition, g.unit, g.node, g.targetLabel, p.cost, '', '', '', '', '', '', '', '', '', '', '', p.feasible, reason || 'met', ...(en ? ['', ''] : [])]);
  return [header, ...rows];
}

/** gap.json: the whole answer (full precision; NaN written null), with the lines' wording of each infeasible answer. */
export function gapJson(g: TargetGap, o: GapReportOptions): unknown {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
    return v;
  };
  return clean({
    ...g,
    unitName: o.unitName(g.unit),
    targetWords: targetWords(g, o.lang),
    method: {
      search: 'each answer: probed at the best value, then from the linear estimate (effective weight × normaliser slope) doubling outwards to a bracket, then Illinois regula falsi with bisection on the re-evaluated plan',
      tolerance: `raw value to ${g.tolerance} × max(|current|, the indicator's range over the run); the answer reaches the target, "below" (within the tolerance) does not`,
      reach: `values searched up to ${g.reach} × the indicator's range beyond the observed extreme (not below 0 for an indicator whose values are all ≥ 0)`,
      plan: g.plan ? (g.plan.cost === 'normalised' ? 'minimises the sum of normalised score improvements; greedy by effective weight, each indicator capped at its normalised maximum, gain corrected by re-evaluation' : 'minimises the sum of relative raw changes (% of current); greedy by effective weight × slope × |current|, capped, gain corrected by re-evaluation') : undefined,
    },
    indicators: g.indicators.map((x) => ({ ...x, ...(x.feasible ? {} : { explanation: whyNot(x, g, o) }) })),
  });
}
