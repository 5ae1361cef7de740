/**
 * The report's tables as {@link TableBlock}s: national sub-indices by edition, provincial scores
 * and ranks at every level, group statistics, plan targets. Numbers keep full precision; each
 * cell states the decimals to display.
 */
import type { GroupStat } from '../analysis/group-stats.ts';
import { nodeName } from '../framework/tree.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import type { Grouping } from '../panel/groupings.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { TableBlock, TableCell } from './document.ts';
import type { TargetCheck, TargetStatus } from './targets.ts';
import type { Lang } from './text.ts';

/** What every table builder needs besides its data. */
export interface TableContext {
  lang: Lang;
  /** The edition described (changes are on the edition before it). */
  edition: number;
  /** Display name of a unit code. */
  unitName: (code: string, lang: Lang) => string;
  /** The caption number (表 N). */
  number: number;
}

const num = (value: number | null | undefined, decimals: number, format: 'plain' | 'signed' | 'integer' = 'plain'): TableCell => ({
  value: value === null || value === undefined || !Number.isFinite(value) ? null : value,
  decimals: format === 'integer' ? 0 : decimals,
  format,
});
const txt = (text: string): TableCell => ({ text });
const caption = (ctx: TableContext, zh: string, en: string): string => (ctx.lang === 'zh' ? `表 ${ctx.number} ${zh}` : `Table ${ctx.number} ${en}`);
const nameOf = (fw: Framework, n: FrameworkNode, lang: Lang): string => (n.code === fw.root ? nodeName(fw, lang) : nodeName(n, lang));
/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
const sheet = (s: string): string => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** A series' value in an edition, NaN when absent. */
function at(res: EvaluationResult, series: Record<string, Float64Array>, node: string, e: number, u: number): number {
  if (e < 0) return NaN;
  return series[node]?.[e * res.units.length + u] ?? NaN;
}

/**
 * The national index and its sub-indices (the root's children) by edition, with the change of the
 * described edition on the one before: 表 N 2021—2025年知识产权强国建设指数及分指数（分）.
 */
export function nationalTable(res: EvaluationResult, fw: Framework, ctx: TableContext): TableBlock {
  const d = res.recipe.reporting.decimals;
  const e = res.editions.indexOf(ctx.edition);
  const eds = res.editions.slice(0, e + 1);
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  const rows = [root, ...root.children.map((c) => fw.nodes.find((n) => n.code === c)!)];
  const zh = ctx.lang === 'zh';
  const span = `${eds[0]}${zh ? '—' : '–'}${eds[eds.length - 1]}`;
  return {
    kind: 'table',
    id: `${fw.id}-by-edition`,
    caption: caption(ctx, `${span}年${nodeName(fw, 'zh')}及分指数（分）`, `${nodeName(fw, 'en')} and its sub-indices, ${span} (points)`),
    sheetName: sheet(zh ? '指数及分指数' : 'Index by edition'),
    columns: [{ header: zh ? '指数' : 'Index', align: 'left' }, ...eds.map((ed) => ({ header: zh ? `${ed}年` : String(ed), align: 'right' as const })), { header: zh ? '较上年' : 'Change', align: 'right' }],
    rows: rows.map((n) => [txt(nameOf(fw, n, ctx.lang)), ...eds.map((_, k) => num(at(res, res.scores, n.code, k, 0), d)), num(at(res, res.scores, n.code, e, 0) - at(res, res.scores, n.code, e - 1, 0), d, 'signed')]),
  };
}

/**
 * Scores, ranks and changes of every unit at one level of the tree (0 = the index, 1 = pillars,
 * 2 = groups …): per node three columns (score, change on the previous edition, rank), units
 * ordered by the rank of the level's first node.
 */
export function levelTable(res: EvaluationResult, fw: Framework, level: number, ctx: TableContext): TableBlock {
  const d = res.recipe.reporting.decimals;
  const e = res.editions.indexOf(ctx.edition);
  const zh = ctx.lang === 'zh';
  const nodes = fw.nodes.filter((n) => n.level === level && n.kind === 'aggregate');
  const order = res.units.map((_, u) => u).sort((a, b) => {
    const ra = at(res, res.ranks, nodes[0]!.code, e, a);
    const rb = at(res, res.ranks, nodes[0]!.code, e, b);
    return (Number.isFinite(ra) ? ra : Infinity) - (Number.isFinite(rb) ? rb : Infinity) || a - b;
  });
  const levelName = fw.levelNames?.[ctx.lang]?.[level] ?? fw.levelNames?.zh[level] ?? (zh ? `第${level}层` : `Level ${level}`);
  const cols: TableBlock['columns'] = [{ header: zh ? '地区' : 'Region', align: 'left' }];
  for (const n of nodes) {
    const nm = nameOf(fw, n, ctx.lang);
    cols.push({ header: zh ? `${nm} 得分` : `${nm} score`, align: 'right' }, { header: zh ? `${nm} 较上年` : `${nm} change`, align: 'right' }, { header: zh ? `${nm} 排名` : `${nm} rank`, align: 'right' });
  }
  return {
    kind: 'table',
    id: `${fw.id}-level-${level}`,
    caption: caption(ctx, `${ctx.edition}年${nodeName(fw, 'zh')}：各地区${levelName}得分、较上年变化及排名`, `${nodeName(fw, 'en')} ${ctx.edition}: scores, changes and ranks by region (${levelName})`),
    sheetName: sheet(zh ? `${levelName}得分排名` : `${levelName} scores`),
    columns: cols,
    rows: order.map((u) => [
      txt(ctx.unitName(res.units[u]!, ctx.lang)),
      ...nodes.flatMap((n) => [num(at(res, res.scores, n.code, e, u), d), num(at(res, res.scores, n.code, e, u) - at(res, res.scores, n.code, e - 1, u), d, 'signed'), num(at(res, res.ranks, n.code, e, u), 0, 'integer')]),
    ]),
  };
}

/**
 * Group statistics of the index and its first-level nodes for the described edition: per grouping
 * and group, members, mean and median with their changes, counts above the mean and at or above
 * the threshold.
 */
export function groupTable(res: EvaluationResult, fw: Framework, stats: GroupStat[], groupings: Grouping[], ctx: TableContext): TableBlock {
  const d = res.recipe.reporting.decimals;
  const zh = ctx.lang === 'zh';
  const threshold = res.recipe.reporting.threshold;
  const root = fw.nodes.find((n) => n.code === fw.root)!;
  const nodes = [root, ...root.children.map((c) => fw.nodes.find((n) => n.code === c)!)];
  const all = { id: 'all', name: { zh: '全国', en: 'All' }, groups: [{ code: 'ALL', name: { zh: '全国', en: 'All regions' }, members: res.units }] };
  const rows: TableCell[][] = [];
  for (const g of [all, ...groupings]) {
    for (const gr of g.groups) {
      for (const n of nodes) {
        const s = stats.find((x) => x.edition === ctx.edition && x.grouping === g.id && x.group === gr.code && x.node === n.code);
        if (!s || s.members === 0) continue;
        rows.push([
          txt(zh ? g.name.zh : (g.name.en ?? g.name.zh)),
          txt(zh ? gr.name.zh : (gr.name.en ?? gr.name.zh)),
          txt(nameOf(fw, n, ctx.lang)),
          num(s.members, 0, 'integer'),
          num(s.mean, d),
          num(s.meanChange, d, 'signed'),
          num(s.median, d),
          num(s.medianChange, d, 'signed'),
          num(s.aboveMean, 0, 'integer'),
          num(s.atLeastThreshold, 0, 'integer'),
        ]);
      }
    }
  }
  return {
    kind: 'table',
    id: `${fw.id}-groups`,
    caption: caption(ctx, `${ctx.edition}年${nodeName(fw, 'zh')}分区域统计（分）`, `${nodeName(fw, 'en')} ${ctx.edition}: statistics by region group (points)`),
    sheetName: sheet(zh ? '区域统计' : 'Group statistics'),
    columns: [
      { header: zh ? '区域划分' : 'Grouping', align: 'left' },
      { header: zh ? '区域' : 'Group', align: 'left' },
      { header: zh ? '指数' : 'Index', align: 'left' },
      { header: zh ? '地区数' : 'Members', align: 'right' },
      { header: zh ? '平均得分' : 'Mean', align: 'right' },
      { header: zh ? '较上年' : 'Change', align: 'right' },
      { header: zh ? '中位数' : 'Median', align: 'right' },
      { header: zh ? '较上年' : 'Change', align: 'right' },
      { header: zh ? '高于平均' : 'Above mean', align: 'right' },
      { header: zh ? `${threshold}分以上` : `${threshold} or more`, align: 'right' },
    ],
    rows,
  };
}

/** The status of a target in words (达到 / 提前达到 / 未达到, with the years running). */
export function statusText(status: TargetStatus | undefined, running: number, lang: Lang): string {
  if (status === undefined) return lang === 'zh' ? '暂无数据' : 'no data';
  if (status === 'not-met') return lang === 'zh' ? '未达到' : 'not met';
  const base = status === 'met-early' ? (lang === 'zh' ? '提前达到' : 'met early') : lang === 'zh' ? '达到' : 'met';
  if (running < 2) return base;
  return lang === 'zh' ? `${base}（连续${running}年）` : `${base} (${running} years running)`;
}

/**
 * The plan targets: indicator, unit, latest value and its year, target, target year, status
 * (met / met early / not met, years running) and the year first met.
 */
export function targetsTable(checks: TargetCheck[], ctx: TableContext, decimalsOf: (c: TargetCheck) => number): TableBlock {
  const zh = ctx.lang === 'zh';
  return {
    kind: 'table',
    id: 'plan-targets',
    caption: caption(ctx, '“十四五”规划预期目标完成情况', 'Plan targets and their attainment'),
    sheetName: sheet(zh ? '预期目标' : 'Plan targets'),
    columns: [
      { header: zh ? '指标' : 'Indicator', align: 'left' },
      { header: zh ? '单位' : 'Unit', align: 'left' },
      { header: zh ? '最新值' : 'Latest value', align: 'right' },
      { header: zh ? '数据年份' : 'Data year', align: 'right' },
      { header: zh ? '预期目标' : 'Target', align: 'right' },
      { header: zh ? '目标年份' : 'Target year', align: 'right' },
      { header: zh ? '完成情况' : 'Status', align: 'left' },
      { header: zh ? '首次达到年份' : 'First met', align: 'right' },
    ],
    rows: checks.map((c) => [
      txt(zh ? c.name.zh : (c.name.en ?? c.name.zh)),
      txt(c.unit),
      num(c.latest?.value, decimalsOf(c)),
      c.latest ? num(c.latest.year, 0, 'integer') : txt('—'),
      num(c.target.value, decimalsOf(c)),
      num(c.target.year, 0, 'integer'),
      txt(`${c.target.kind === 'at-most' ? (zh ? '不高于 · ' : 'at most · ') : ''}${statusText(c.latest?.status, c.latest?.running ?? 0, ctx.lang)}`),
      c.firstMet === null ? txt('—') : num(c.firstMet, 0, 'integer'),
    ]),
    note: zh ? '数据年份为数值所属年份；“提前达到”指在目标年份之前达到。' : 'Data year: the year the value describes; “met early”: met before the target year.',
  };
}

/**
 * The plan targets year by year: one row per target and data year of its series (indicator, year,
 * the run's edition of that year, value, target, status, years running), as {@link checkTargets}
 * judges each year.
 */
export function targetYearsTable(checks: TargetCheck[], ctx: TableContext, decimalsOf: (c: TargetCheck) => number): TableBlock {
  const zh = ctx.lang === 'zh';
  const STATUS = { met: zh ? '达到' : 'met', 'met-early': zh ? '提前达到' : 'met early', 'not-met': zh ? '未达到' : 'not met' } as const;
  return {
    kind: 'table',
    id: 'plan-targets-by-year',
    caption: caption(ctx, '预期目标逐年完成情况', 'Plan targets year by year'),
    sheetName: sheet(zh ? '预期目标逐年' : 'Targets by year'),
    columns: [
      { header: zh ? '指标' : 'Indicator', align: 'left' },
      { header: zh ? '数据年份' : 'Data year', align: 'right' },
      { header: zh ? '版次' : 'Edition', align: 'right' },
      { header: zh ? '数值' : 'Value', align: 'right' },
      { header: zh ? '预期目标' : 'Target', align: 'right' },
      { header: zh ? '完成情况' : 'Status', align: 'left' },
      { header: zh ? '连续达到年数' : 'Years running', align: 'right' },
    ],
    rows: checks.flatMap((c) =>
      c.series.map((y) => [
        txt(zh ? c.name.zh : (c.name.en ?? c.name.zh)),
        num(y.year, 0, 'integer'),
        y.edition === undefined ? txt('—') : num(y.edition, 0, 'integer'),
        num(y.value, decimalsOf(c)),
        num(c.target.value, decimalsOf(c)),
        txt(STATUS[y.status]),
        num(y.running, 0, 'integer'),
      ]),
    ),
  };
}
