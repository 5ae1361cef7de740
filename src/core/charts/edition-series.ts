/**
 * The national index and its sub-indices over the editions of a run (the report's figures 19–25,
 * 图 19 2021—2025年知识产权强国建设指数（分）): one bar (or line point) per edition with its
 * value as a label, and an optional base line (2021 = 100).
 */
import { IpIndexError } from '../errors.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { baseOption, formatValue, roundData, topSpace, WORDS, type ChartLang, type ChartOptions, type ChartSpec } from './common.ts';

/** One edition's value. */
export interface EditionPoint {
  edition: number;
  value: number | null;
}

/** Options of {@link editionSeriesChart}. */
export interface EditionSeriesOptions extends ChartOptions {
  /** Series name (legend, tooltip); default none. */
  name?: string;
  /** Unit of the values, written as the axis name (default 分 / points). */
  unit?: string;
  /** `bar` (default, as the report) or `line`. */
  type?: 'bar' | 'line';
  /** A horizontal reference line, e.g. 100 for the base edition of a base-year index. */
  baseLine?: number;
}

/**
 * The ECharts model of one index over editions: categories 2021年 … 2025年 (2021 … 2025 in
 * English), one bar per edition labelled with its value (1 decimal by default, as printed).
 * Editions are sorted; a missing value is a gap labelled —.
 * @example editionSeriesChart([{ edition: 2021, value: 100 }, { edition: 2022, value: 116.253 }], { lang: 'zh' }).option.xAxis.data // => ['2021年', '2022年']
 */
export function editionSeriesChart(points: EditionPoint[], options: EditionSeriesOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const decimals = options.decimals ?? 1;
  const sorted = [...points].sort((a, b) => a.edition - b.edition);
  const type = options.type ?? 'bar';
  const width = options.width ?? 760;
  const height = options.height ?? 440;
  const unit = options.unit ?? WORDS[lang].points;
  const data = sorted.map((p) => ({ value: roundData(p.value), label: { formatter: formatValue(p.value, decimals) } }));
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 32, top: topSpace(options, 28), bottom: 44 },
    xAxis: { type: 'category', data: sorted.map((p) => editionLabel(p.edition, lang)), axisTick: { alignWithLabel: true }, axisLabel: { fontSize: 13 } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: 12 }, splitLine: { lineStyle: { color: '#e5e5e5' } }, ...(type === 'line' ? { scale: true } : {}) },
    series: [
      {
        type,
        ...(options.name ? { name: options.name } : {}),
        data,
        barMaxWidth: 56,
        itemStyle: { color: '#2f6db5' },
        label: { show: true, position: 'top', fontSize: 13, color: '#222' },
        ...(type === 'line' ? { symbol: 'circle', symbolSize: 8, lineStyle: { width: 2.5 } } : {}),
        ...(options.baseLine !== undefined ? { markLine: { silent: true, symbol: 'none', label: { show: true, position: 'end', formatter: String(options.baseLine) }, lineStyle: { type: 'dashed', color: '#888' }, data: [{ yAxis: options.baseLine }] } } : {}),
      },
    ],
  };
  return { option, width, height };
}

/** An edition as a category label: `2025年` in Chinese, `2025` in English. */
export function editionLabel(edition: number, lang: ChartLang): string {
  return lang === 'zh' ? `${edition}年` : String(edition);
}

/**
 * The title (or caption) of an edition-series figure as the report prints it.
 * @example editionSeriesTitle({ figure: 19, name: '知识产权强国建设指数', first: 2021, last: 2025 }) // => '图 19 2021—2025年知识产权强国建设指数（分）'
 * @example editionSeriesTitle({ figure: 19, name: 'IP Power Construction Index', first: 2021, last: 2025, lang: 'en' }) // => 'Figure 19 IP Power Construction Index, 2021–2025 (points)'
 */
export function editionSeriesTitle(o: { figure?: number | string; name: string; first: number; last: number; unit?: string; lang?: ChartLang }): string {
  const lang = o.lang ?? 'zh';
  const unit = o.unit ?? WORDS[lang].points;
  if (lang === 'zh') return `${o.figure !== undefined ? `图 ${o.figure} ` : ''}${o.first}—${o.last}年${o.name}（${unit}）`;
  return `${o.figure !== undefined ? `Figure ${o.figure} ` : ''}${o.name}, ${o.first}–${o.last} (${unit})`;
}

/**
 * One node's score over the editions of a run, for one unit (default: the run's only unit, or
 * `CN` when there are several): the input of {@link editionSeriesChart}.
 * @throws IpIndexError when the node or the unit is not in the run
 */
export function editionSeriesFromResult(res: EvaluationResult, o: { node?: string; unit?: string } = {}): EditionPoint[] {
  const node = o.node ?? res.nodes[0]!;
  const unit = o.unit ?? (res.units.length === 1 ? res.units[0]! : 'CN');
  const u = res.units.indexOf(unit);
  const s = res.scores[node];
  if (!s) throw new IpIndexError(`图表：结果中没有节点 ${node} / chart: node ${node} is not in the results (nodes: ${res.nodes.slice(0, 12).join(', ')}${res.nodes.length > 12 ? ', …' : ''})`);
  if (u < 0) throw new IpIndexError(`图表：结果中没有单位 ${unit} / chart: unit ${unit} is not in the results; give one of ${res.units.slice(0, 8).join(', ')}${res.units.length > 8 ? ', …' : ''}`);
  return res.editions.map((edition, e) => {
    const v = s[e * res.units.length + u]!;
    return { edition, value: Number.isFinite(v) ? v : null };
  });
}
