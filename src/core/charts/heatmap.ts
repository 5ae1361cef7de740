/**
 * A heat map of units × indicators: each cell the unit's normalised score on the indicator (0–100
 * on the CNIPA recipes), on one colour scale with a legend; rows in the order given (e.g. by
 * index rank), columns in framework order, labelled by indicator code (names in the tooltip).
 */
import { IpIndexError } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { leavesUnder } from '../framework/tree.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { baseOption, formatValue, labelText, niceRange, roundData, textWidth, topSpace, WORDS, type ChartOptions, type ChartSpec } from './common.ts';

/** Input of {@link heatmapChart}: row and column labels and a rows × columns table of values. */
export interface HeatmapInput {
  rows: string[];
  columns: string[];
  /** `values[r][c]`; null or NaN = missing (grey). */
  values: (number | null)[][];
  /** Column names for the tooltip (e.g. indicator names), aligned with `columns`. */
  columnNames?: string[];
}

/** Options of {@link heatmapChart}. */
export interface HeatmapOptions extends ChartOptions {
  /** Colour scale ends (default: the data's range widened to a round step, see niceRange). */
  min?: number;
  max?: number;
  /** Print each cell's value (default: when the cells are at least 26 px wide). */
  cellLabels?: boolean;
}

/**
 * The ECharts model of a units × indicators heat map. The size grows with the table (about 16 px
 * a column, 20 px a row) unless given.
 * @throws IpIndexError when a row of values has the wrong length
 */
export function heatmapChart(input: HeatmapInput, options: HeatmapOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const R = input.rows.length;
  const C = input.columns.length;
  input.values.forEach((row, r) => {
    if (row.length !== C) throw new IpIndexError(`图表：热力图第 ${r + 1} 行（${input.rows[r]}）有 ${row.length} 个值，应为 ${C} 个 / chart: heat map row ${r + 1} (${input.rows[r]}) has ${row.length} values, expected ${C}`);
  });
  if (input.values.length !== R) throw new IpIndexError(`图表：热力图有 ${input.values.length} 行值，应为 ${R} 行 / chart: heat map has ${input.values.length} rows of values, expected ${R}`);
  const top = topSpace(options, 12);
  const left = Math.max(60, Math.ceil(Math.max(0, ...input.rows.map((r) => textWidth(r, 12))) + 16));
  const right = 90;
  const bottom = 64;
  const cw = options.width ? (options.width - left - right) / C : Math.max(14, Math.min(40, 1100 / C));
  const ch = options.height ? (options.height - top - bottom) / R : Math.max(16, Math.min(30, 640 / R));
  const width = options.width ?? Math.round(left + right + cw * C);
  const height = options.height ?? Math.round(top + bottom + ch * R);
  const cellLabels = options.cellLabels ?? cw >= 26;
  const all = input.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, hi] = niceRange(all, { ...(options.min !== undefined ? { min: options.min } : {}), ...(options.max !== undefined ? { max: options.max } : {}) });
  const data: unknown[] = [];
  const missing: unknown[] = [];
  input.values.forEach((row, r) => row.forEach((v, c) => {
    if (v === null || !Number.isFinite(v)) missing.push({ value: [c, r, 0], name: input.columnNames?.[c] ?? input.columns[c] });
    else data.push({ value: [c, r, roundData(v, 2)], name: labelText(input.columnNames?.[c] ?? input.columns[c]!), ...(cellLabels ? { label: { formatter: formatValue(v, 0) } } : {}) });
  }));
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'item' },
    grid: { left, right, top, bottom },
    xAxis: { type: 'category', data: input.columns.map(labelText), position: 'bottom', splitArea: { show: false }, axisTick: { show: false }, axisLabel: { interval: 0, rotate: C > 12 ? 90 : 0, fontSize: cw < 16 ? 8 : 10 } },
    yAxis: { type: 'category', data: input.rows.map(labelText), inverse: true, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: ch < 18 ? 10 : 12 } },
    visualMap: [
      {
        type: 'continuous', seriesIndex: 0, min: lo, max: hi, right: 12, top: 'middle', itemWidth: 12, itemHeight: Math.min(200, Math.max(80, height - top - bottom - 60)), precision: 0, textGap: 6,
        text: [String(hi), String(lo)], textStyle: { fontSize: 11 },
        inRange: { color: ['#ffffd9', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'] },
      },
      { type: 'continuous', seriesIndex: 1, show: false, min: 0, max: 1, inRange: { color: ['#d9d9d9', '#d9d9d9'] } },
    ],
    series: [
      { type: 'heatmap', data, itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 }, emphasis: { disabled: true }, label: { show: cellLabels, fontSize: 9, color: '#111', textBorderColor: '#ffffff', textBorderWidth: 1.5 } },
      { type: 'heatmap', name: WORDS[lang].noData, data: missing, itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 }, emphasis: { disabled: true } },
    ],
  };
  return { option, width, height };
}

/** Options of {@link heatmapFromResult}. */
export interface HeatmapFromResultOptions {
  edition: number;
  /** The subtree whose indicators are the columns (default the root: all indicators). */
  node?: string;
  /** Row order: `rank` of the root (default) or `run` (the run's unit order). */
  order?: 'rank' | 'run';
  unitName?: (code: string) => string;
  /** Column names in the tooltip (default the indicator's Chinese name). */
  nodeName?: (code: string) => string;
}

/**
 * The input of {@link heatmapChart} from a run: every unit × every indicator under `node`, the
 * indicators' normalised scores in one edition.
 * @throws IpIndexError naming the node or edition that is not in the run or framework
 */
export function heatmapFromResult(res: EvaluationResult, fw: Framework, o: HeatmapFromResultOptions): HeatmapInput {
  const e = res.editions.indexOf(o.edition);
  if (e < 0) throw new IpIndexError(`图表：结果中没有 ${o.edition} 年版 / chart: edition ${o.edition} is not in the results (editions ${res.editions.join(', ')})`);
  const node = o.node ?? fw.root;
  if (!fw.nodes.some((n) => n.code === node)) throw new IpIndexError(`图表：框架中没有节点 ${node} / chart: node ${node} is not in framework ${fw.id}`);
  const leaves = leavesUnder(fw, node).filter((c) => res.scores[c]);
  const U = res.units.length;
  const rootRank = res.ranks[fw.root];
  const units = res.units.map((code, u) => ({ code, u, rank: rootRank ? rootRank[e * U + u]! : NaN }));
  if ((o.order ?? 'rank') === 'rank') units.sort((a, b) => (Number.isFinite(a.rank) ? a.rank : Infinity) - (Number.isFinite(b.rank) ? b.rank : Infinity) || a.u - b.u);
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  return {
    rows: units.map((x) => o.unitName?.(x.code) ?? x.code),
    columns: leaves,
    columnNames: leaves.map((c) => o.nodeName?.(c) ?? byCode.get(c)?.name.zh ?? c),
    values: units.map((x) => leaves.map((c) => { const v = res.scores[c]![e * U + x.u]!; return Number.isFinite(v) ? v : null; })),
  };
}
