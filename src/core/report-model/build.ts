/**
 * Assembling the report document: the evaluation part of the annual report (chapter 1's plan
 * targets, chapter 3's results, the tables) from one or two runs, as a {@link ReportDocument}
 * every renderer reads.
 */
import { SAMPLE_LABEL } from '../analysis/sample-label.ts';
import { groupStats, type GroupStat } from '../analysis/group-stats.ts';
import { nodeName } from '../framework/tree.ts';
import type { Framework } from '../framework/types.ts';
import type { Grouping } from '../panel/groupings.ts';
import type { Panel } from '../panel/panel.ts';
import type { EvaluationResult } from '../plan/result.ts';
import type { FigureBlock, ReportBlock, ReportDocument, ReportMeta } from './document.ts';
import { defaultFigures, figureCaption, type FigureKind, type FigureMaker } from './figures.ts';
import { indexStem, narrativeContext, type NarrativeContext } from './narrative-common.ts';
import { nationalNarrative } from './narrative-national.ts';
import { regionalNarrative } from './narrative-regional.ts';
import { targetsNarrative, valueDecimals } from './narrative-targets.ts';
import { groupTable, levelTable, nationalTable, targetsTable, targetYearsTable, type TableContext } from './tables.ts';
import { checkTargets, type TargetCheck } from './targets.ts';
import { chineseNumber, type Lang } from './text.ts';

/** One evaluated run the report describes. */
export interface ReportRun {
  framework: Framework;
  result: EvaluationResult;
  /** The observations (for targets on variables and observed values of raw indicators). */
  panel?: Panel;
  /** Unit groupings (四大区域, 五大区域重大战略); only groups with members in the run are described. */
  groupings?: Grouping[];
  /** Group statistics (computed when absent). */
  stats?: GroupStat[];
  /** The run manifest (written as a sheet / appendix). */
  manifest?: Record<string, unknown>;
  /** Whether the inputs are the bundled sample data. */
  sampleData?: boolean;
  /** Input files with their SHA-256, or a data vintage, for the cover. */
  inputs?: ReportMeta['inputs'];
}

/** Options of {@link buildReport}. */
export interface ReportOptions {
  /** Language (default zh). */
  lang?: Lang;
  /** The edition described (default: the last edition of the runs). */
  edition?: number;
  /** Display name of a unit code (default: the code). */
  unitName?: (code: string, lang: Lang) => string;
  /** ISO date the report is generated (default: the first manifest's createdAt, else empty). */
  generated?: string;
  /** Software name and version for the cover (default `ipindex`). */
  software?: string;
  /** Report title (default: 知识产权发展状况评价报告 with the edition). */
  title?: string;
  /** Number of the first figure of chapter 3 (default 19, as the report numbers the national index's figure). */
  firstFigure?: number;
  /** Number of the first figure of chapter 1, the plan targets (default 1, as the report). */
  firstTargetFigure?: number;
  /** Number of the first table (default 1). */
  firstTable?: number;
  /**
   * Makes the chart of each figure (see {@link FigureMaker}); default {@link defaultFigures}()
   * (every chart but the map, which needs the base map's regions: pass
   * `defaultFigures({ regions })` or `{ tileGrid }`); `false` for no figures.
   */
  figures?: FigureMaker | false;
  /** The unit whose values are checked against plan targets (default: a one-unit run's unit). */
  targetUnit?: string;
}

/** Section heading numbers: 第一章 / 一、 / （一） and Chapter 1 / 1. / (1). */
const num = {
  chapter: (n: number, lang: Lang): string => (lang === 'zh' ? `第${chineseNumber(n)}章` : `Chapter ${n}`),
  section: (n: number, lang: Lang): string => (lang === 'zh' ? `${chineseNumber(n)}、` : `${n}.`),
  sub: (n: number, lang: Lang): string => (lang === 'zh' ? `（${chineseNumber(n)}）` : `(${n})`),
};

/**
 * The report document of one or two runs (a one-unit national run and a cross-section of
 * provinces, in either order): cover meta; a summary; chapter 1, the plan targets of the
 * frameworks with how far they are met; chapter 3, the results — the national index and its
 * sub-indices, the regional index's mean and median, leaders, counts, largest increases, pillars,
 * the four regions and the five strategic regions — with figures where a figure maker is given;
 * and appendix tables (national sub-indices by edition, scores and ranks at every level, group
 * statistics, plan targets). Every number in the narrative is a fact of its paragraph.
 * @throws Error when no run is given or the edition is in none of them
 */
export function buildReport(runs: ReportRun[], options: ReportOptions = {}): ReportDocument {
  if (!runs.length) throw new Error('buildReport: no run given');
  const lang = options.lang ?? 'zh';
  const zh = lang === 'zh';
  const unitName = options.unitName ?? ((c: string) => c);
  const edition = options.edition ?? Math.max(...runs.map((r) => r.result.editions[r.result.editions.length - 1]!));
  const live = runs.filter((r) => r.result.editions.includes(edition));
  if (!live.length) throw new Error(`buildReport: edition ${edition} is in none of the runs`);
  // national (one unit) first, as the report orders them
  const ordered = [...live].sort((a, b) => Number(a.result.units.length > 1) - Number(b.result.units.length > 1));
  const national = ordered.filter((r) => r.result.units.length === 1);
  const regional = ordered.filter((r) => r.result.units.length > 1);
  const blocks: ReportBlock[] = [];
  // chapter 1 numbers its figures from 1, chapter 3 from 19 (as the report)
  const counters = { targets: options.firstTargetFigure ?? 1, main: options.firstFigure ?? 19 };
  let tableNo = options.firstTable ?? 1;
  const makeFigure = options.figures === false ? undefined : (options.figures ?? defaultFigures());
  const figure = (kind: FigureKind, run: ReportRun, node: string, ctx: NarrativeContext, stats: GroupStat[], extra: { grouping?: Grouping; checks?: TargetCheck[]; id?: string } = {}): void => {
    if (!makeFigure) return;
    const counter = kind === 'target-series' || kind === 'targets' ? 'targets' : 'main';
    const number = counters[counter];
    const spec = makeFigure(kind, { run, node, ctx, stats, number, ...(extra.grouping ? { grouping: extra.grouping } : {}), ...(extra.checks ? { checks: extra.checks } : {}) });
    if (!spec) return;
    const fig: FigureBlock = { kind: 'figure', id: `${run.framework.id}-${kind}-${extra.id ?? node}${extra.grouping ? `-${extra.grouping.id}` : ''}`, caption: spec.caption ?? figureCaption(number, spec.title, lang), option: spec.option, width: spec.width, height: spec.height, ...(spec.map ? { map: spec.map } : {}) };
    blocks.push(fig);
    counters[counter]++;
  };
  const statsOf = (r: ReportRun): GroupStat[] => r.stats ?? (r.result.units.length > 1 ? groupStats(r.result, r.groupings ?? []) : []);
  const groupingsOf = (r: ReportRun): Grouping[] => (r.groupings ?? []).filter((g) => g.groups.some((gr) => gr.members.some((m) => r.result.units.includes(m))));

  // ---- summary (摘要) -----------------------------------------------------------------------
  const ctxs = ordered.map((r) => narrativeContext(r.framework, r.result, lang, edition, unitName));
  const ctxOf = (r: ReportRun): NarrativeContext => ctxs[ordered.indexOf(r)]!;
  const nat = national.map((r) => nationalNarrative(ctxs[ordered.indexOf(r)]!));
  const reg = regional.map((r) => regionalNarrative(ctxs[ordered.indexOf(r)]!, statsOf(r), groupingsOf(r)));
  blocks.push({ kind: 'heading', level: 1, number: '', text: zh ? '摘要' : 'Summary' });
  for (const n of nat) blocks.push(n.summary);
  for (const r of reg) blocks.push(r.summary);

  // ---- chapter 1: plan targets ------------------------------------------------------------
  const checks: { run: ReportRun; check: TargetCheck }[] = [];
  for (const r of ordered) {
    const unit = options.targetUnit ?? (r.result.units.length === 1 ? r.result.units[0] : undefined);
    if (unit === undefined || !r.result.units.includes(unit)) continue;
    const e = r.result.editions.indexOf(edition);
    for (const check of checkTargets(r.framework, r.result, { unit, upTo: r.result.dataYears[e]!, ...(r.panel ? { panel: r.panel } : {}) })) checks.push({ run: r, check });
  }
  if (checks.length) {
    const stem = indexStem(ordered[0]!.framework, lang);
    blocks.push({ kind: 'heading', level: 1, number: num.chapter(1, lang), text: zh ? `${stem.replace(/发展$/, '')}发展目标总体进展` : 'Progress towards the plan targets' });
    const describedYear = Math.max(...checks.map((c) => c.run.result.dataYears[c.run.result.editions.indexOf(edition)]!));
    const parts = targetsNarrative(checks.map((c) => c.check), lang, { describedYear });
    blocks.push(parts.lead);
    figure('targets', checks[0]!.run, checks[0]!.run.framework.root, ctxOf(checks[0]!.run), [], { checks: checks.map((c) => c.check) });
    parts.sections.forEach((s, i) => {
      const { run, check } = checks[i]!;
      blocks.push({ kind: 'heading', level: 2, number: num.section(i + 1, lang), text: s.heading });
      blocks.push(s.paragraph);
      figure('target-series', run, check.code, ctxOf(run), [], { checks: [check], id: `${check.code}-${check.target.year}` });
    });
  }

  // ---- chapter 3: results -----------------------------------------------------------------
  const stem = indexStem(ordered[0]!.framework, lang);
  blocks.push({ kind: 'heading', level: 1, number: num.chapter(3, lang), text: zh ? `${stem.replace(/发展$/, '')}发展状况评价` : 'Evaluation results' });
  let section = 1;
  national.forEach((r, i) => {
    const n = nat[i]!;
    const ctx = ctxs[ordered.indexOf(r)]!;
    blocks.push({ kind: 'heading', level: 2, number: num.section(section++, lang), text: n.heading });
    blocks.push(n.lead);
    figure('edition-series', r, r.framework.root, ctx, []);
    n.sections.forEach((s, k) => {
      blocks.push({ kind: 'heading', level: 3, number: num.sub(k + 1, lang), text: s.heading });
      blocks.push(s.paragraph);
      figure('edition-series', r, s.node, ctx, []);
    });
  });
  regional.forEach((r, i) => {
    const n = reg[i]!;
    const ctx = ctxs[ordered.indexOf(r)]!;
    const stats = statsOf(r);
    blocks.push({ kind: 'heading', level: 2, number: num.section(section++, lang), text: n.heading });
    blocks.push(n.lead);
    let sub = 1;
    blocks.push({ kind: 'heading', level: 3, number: num.sub(sub++, lang), text: n.overall.heading });
    for (const p of n.overall.paragraphs) blocks.push(p);
    for (const g of n.groups) {
      blocks.push({ kind: 'heading', level: 3, number: num.sub(sub++, lang), text: g.heading });
      for (const p of g.paragraphs) blocks.push(p);
      figure('group-means', r, r.framework.root, ctx, stats, { grouping: g.grouping });
    }
  });

  // ---- appendix figures: every unit's score of the index (ranking, map) and each pillar (map) --
  if (makeFigure && regional.length) {
    const at = blocks.length;
    blocks.push({ kind: 'heading', level: 1, number: '', text: zh ? '附图' : 'Appendix figures' });
    for (const r of regional) {
      const ctx = ctxOf(r);
      const stats = statsOf(r);
      figure('ranking', r, r.framework.root, ctx, stats);
      figure('map', r, r.framework.root, ctx, stats);
      for (const p of r.framework.nodes.find((n) => n.code === r.framework.root)!.children) figure('map', r, p, ctx, stats);
    }
    if (blocks.length === at + 1) blocks.pop();
  }

  // ---- appendix tables ----------------------------------------------------------------------
  blocks.push({ kind: 'heading', level: 1, number: '', text: zh ? '附表' : 'Appendix tables' });
  const tctx = (): TableContext => ({ lang, edition, unitName, number: tableNo++ });
  for (const r of national) blocks.push(nationalTable(r.result, r.framework, tctx()));
  for (const r of regional) {
    const levels = [...new Set(r.framework.nodes.filter((n) => n.kind === 'aggregate').map((n) => n.level))].sort((a, b) => a - b);
    for (const lv of levels) blocks.push(levelTable(r.result, r.framework, lv, tctx()));
    blocks.push(groupTable(r.result, r.framework, statsOf(r), groupingsOf(r), tctx()));
  }
  if (checks.length) {
    blocks.push(targetsTable(checks.map((c) => c.check), tctx(), (c) => valueDecimals(c)));
    if (checks.some((c) => c.check.series.length)) blocks.push(targetYearsTable(checks.map((c) => c.check), tctx(), (c) => valueDecimals(c)));
  }

  // ---- cover ----------------------------------------------------------------------------------
  const sample = runs.some((r) => r.sampleData);
  const manifests = runs.map((r) => r.manifest).filter((m): m is Record<string, unknown> => m !== undefined);
  const created = manifests.map((m) => m.createdAt).find((x): x is string => typeof x === 'string');
  const meta: ReportMeta = {
    lang,
    title: options.title ?? (zh ? `${stem.replace(/发展$/, '')}发展状况评价报告（${edition}年）` : `${stem}: evaluation report, ${edition}`),
    subtitle: ordered.map((r) => nodeName(r.framework, lang)).join(zh ? '、' : ', '),
    edition,
    indices: ordered.map((r) => ({ id: r.framework.id, name: nodeName(r.framework, lang) })),
    inputs: runs.flatMap((r) => r.inputs ?? []),
    ...(sample ? { sampleNotice: SAMPLE_LABEL[lang] } : {}),
    software: options.software ?? 'ipindex',
    generated: options.generated ?? (created ? created.slice(0, 10) : ''),
  };
  if (sample) blocks.unshift({ kind: 'paragraph', text: SAMPLE_LABEL[lang], style: 'note', facts: [] });
  return { meta, blocks, manifests };
}
