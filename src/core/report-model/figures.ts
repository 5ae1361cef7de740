/**
 * Figures of the report: where {@link buildReport} asks for one, a {@link FigureMaker} returns the
 * chart model (an ECharts option from src/core/charts) and its title; the caption is numbered as
 * the report numbers it (图 19 2021—2025年知识产权强国建设指数（分）). {@link defaultFigures} makes
 * every figure from the chart models of src/core/charts.
 */
import type { GroupStat } from '../analysis/group-stats.ts';
import { editionSeriesChart, editionSeriesFromResult } from '../charts/edition-series.ts';
import { groupMeansChart, groupMeansFromStats } from '../charts/group-means.ts';
import { choroplethChart } from '../charts/china-map.ts';
import { tileGridChart, type TileGridLayout } from '../charts/tile-grid.ts';
import { rankingChart } from '../charts/ranking.ts';
import { targetsChart } from '../charts/targets.ts';
import { unitValuesFromResult } from '../charts/unit-values.ts';
import type { Grouping } from '../panel/groupings.ts';
import type { ReportRun } from './build.ts';
import { nodeLabel, type NarrativeContext } from './narrative-common.ts';
import type { TargetCheck } from './targets.ts';
import type { Lang } from './text.ts';

/**
 * The figures the report asks for, by place: `edition-series` (the national index and each
 * sub-index over editions, figures 19–25), `group-means` (a grouping's means and increments,
 * figures 26–27), `ranking` and `map` (every unit's score), `target-series` (a target's quantity
 * over the years with the target as a line) and `targets` (every target's attainment).
 */
export type FigureKind = 'edition-series' | 'ranking' | 'map' | 'group-means' | 'target-series' | 'targets';

/** What a figure is of. */
export interface FigureRequest {
  run: ReportRun;
  /** The node the figure shows (the root for targets). */
  node: string;
  ctx: NarrativeContext;
  stats: GroupStat[];
  /** The figure's number (图 N). */
  number: number;
  /** For `group-means`: the grouping. */
  grouping?: Grouping;
  /** For `target-series`: the target; for `targets`: every target. */
  checks?: TargetCheck[];
}

/** A chart for a figure: its model, and the title (without number) or the whole caption. */
export interface FigureSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
  map?: string;
  /** Title without the figure number (`2021—2025年知识产权强国建设指数（分）`). */
  title: string;
  /** The whole caption, when the maker numbers it itself. */
  caption?: string;
}

/** Makes the chart of a figure, or undefined to leave the figure out. */
export type FigureMaker = (kind: FigureKind, request: FigureRequest) => FigureSpec | undefined;

/** Chinese units of measure as an English caption names them; any other unit as written. */
const UNITS_EN: Record<string, string> = { 分: 'points', 件: 'items', 项: 'items', 个: 'items', 人: 'persons', 元: 'CNY', 万元: 'CNY 10,000', 亿元: 'CNY 100 million', 万件: '10,000 items', 万人: '10,000 persons', 年: 'years' };

/**
 * A unit of measure for an English caption: 分 → points, 亿元 → CNY 100 million; others as written.
 * @example unitInEnglish('亿元') // => 'CNY 100 million'
 * @example unitInEnglish('%') // => '%'
 */
export function unitInEnglish(unit: string): string {
  return UNITS_EN[unit.trim()] ?? unit;
}

/**
 * A numbered caption.
 * @example figureCaption(19, '2021—2025年知识产权强国建设指数（分）', 'zh') // => '图 19 2021—2025年知识产权强国建设指数（分）'
 * @example figureCaption(26, 'Four regions: mean scores and changes (points)', 'en') // => 'Figure 26 Four regions: mean scores and changes (points)'
 */
export function figureCaption(number: number, title: string, lang: Lang): string {
  return lang === 'zh' ? `图 ${number} ${title}` : `Figure ${number} ${title}`;
}

/** Options of {@link defaultFigures}. */
export interface DefaultFiguresOptions {
  /** Mark every chart as computed from sample data (default: when the run's inputs are sample data). */
  sample?: boolean;
  /**
   * Unit code → region name of the base map (from matchMapRegions over the map file the adapter
   * read): the `map` figure is a choropleth on it. Without it, a tile grid when `tileGrid` is
   * given, else no map.
   */
  regions?: Record<string, string>;
  /** Registered name of the base map (default `china`). */
  map?: string;
  /** The tile-grid layout, for a map without boundary data. */
  tileGrid?: TileGridLayout;
  /** Prefer the tile grid even when a base map is given. */
  preferTiles?: boolean;
}

const span = (a: number, b: number, lang: Lang): string => (lang === 'zh' ? `${a}—${b}` : `${a}–${b}`);

/**
 * The figures of the report from the chart models of src/core/charts: figure titles as the
 * report prints them (2021—2025年知识产权强国建设指数（分）; 四大区域…平均得分及增幅（分）).
 */
export function defaultFigures(options: DefaultFiguresOptions = {}): FigureMaker {
  return (kind, req) => {
    const { ctx, run } = req;
    const { lang, res, edition, d } = ctx;
    const zh = lang === 'zh';
    const sample = options.sample ?? run.sampleData ?? false;
    const base = { lang, sample } as const;
    const e = res.editions.indexOf(edition);
    const first = res.editions[0]!;
    // a target's figure may be of a variable, which is no node
    const label = req.node === ctx.fw.root || ctx.fw.nodes.some((n) => n.code === req.node) ? nodeLabel(ctx, req.node) : req.node;
    const pts = zh ? '分' : 'points';
    switch (kind) {
      case 'edition-series': {
        const points = editionSeriesFromResult(res, { node: req.node }).filter((p) => p.edition <= edition);
        const baseLine = res.recipe.normalisation.method === 'base-ratio' ? 100 : undefined;
        const spec = editionSeriesChart(points, { ...base, decimals: d, ...(baseLine !== undefined ? { baseLine } : {}) });
        return { ...spec, title: zh ? `${span(first, edition, lang)}年${label}（${pts}）` : `${label}, ${span(first, edition, lang)} (${pts})` };
      }
      case 'group-means': {
        const g = req.grouping;
        if (!g) return undefined;
        const present = g.groups.filter((gr) => req.stats.some((s) => s.grouping === g.id && s.group === gr.code && s.edition === edition && s.members > 0));
        if (!present.length) return undefined;
        const input = groupMeansFromStats(req.stats, { grouping: g.id, edition, nodes: [req.node], groups: present.map((gr) => gr.code), groupName: (c) => { const gr = g.groups.find((x) => x.code === c)!; return zh ? gr.name.zh : (gr.name.en ?? gr.name.zh); }, nodeName: () => label });
        const spec = groupMeansChart(input, { ...base, decimals: d });
        const gname = zh ? g.name.zh : (g.name.en ?? g.name.zh);
        return { ...spec, title: zh ? `${gname}${label}平均得分及增幅（${pts}）` : `${gname}: mean ${label} and change (${pts})` };
      }
      case 'ranking': {
        const items = unitValuesFromResult(res, { node: req.node, edition, unitName: ctx.unitName }).map((u) => ({ name: u.name, value: u.value, change: e > 0 ? u.change : null, rank: u.rank, rankChange: e > 0 ? u.rankChange : null }));
        const spec = rankingChart(items, { ...base, decimals: d });
        return { ...spec, title: zh ? `${edition}年${label}各地区得分及较上年变化（${pts}）` : `${label} ${edition}: scores and changes by region (${pts})` };
      }
      case 'map': {
        const data = unitValuesFromResult(res, { node: req.node, edition, unitName: ctx.unitName }).map((u) => ({ code: u.code, name: u.name, value: u.value }));
        const title = zh ? `${edition}年${label}分布` : `${label} ${edition} by region`;
        if (options.regions && !options.preferTiles) {
          const spec = choroplethChart(data, { ...base, decimals: d, regions: options.regions, ...(options.map ? { map: options.map } : {}) });
          return { option: spec.option, width: spec.width, height: spec.height, map: spec.map, title };
        }
        if (options.tileGrid) {
          const spec = tileGridChart(data, { ...base, decimals: d, layout: options.tileGrid });
          return { option: spec.option, width: spec.width, height: spec.height, title };
        }
        return undefined;
      }
      case 'target-series': {
        const c = req.checks?.[0];
        if (!c || c.series.length < 2) return undefined;
        const name = zh ? c.name.zh : (c.name.en ?? c.name.zh);
        const decimals = Math.max(0, ...c.series.map((s) => (String(s.value).split('.')[1] ?? '').length)) > 1 ? 2 : 1;
        const spec = editionSeriesChart(c.series.map((s) => ({ edition: s.year, value: s.value })), { ...base, decimals, unit: c.unit, baseLine: c.target.value });
        const a = c.series[0]!.year;
        const b = c.series[c.series.length - 1]!.year;
        return { ...spec, title: zh ? `${span(a, b, lang)}年${name}（${c.unit}）` : `${name}, ${span(a, b, lang)} (${unitInEnglish(c.unit)})` };
      }
      case 'targets': {
        const cs = (req.checks ?? []).filter((c) => c.latest);
        if (!cs.length) return undefined;
        const items = cs.map((c) => ({ label: zh ? c.name.zh : (c.name.en ?? c.name.zh), value: c.latest!.value, target: c.target.value, met: c.latest!.status !== 'not-met', unit: c.unit, atMost: c.target.kind === 'at-most' }));
        const spec = targetsChart(items, base);
        return { ...spec, title: zh ? '预期目标完成情况' : 'Plan targets: attainment' };
      }
    }
    return undefined;
  };
}
