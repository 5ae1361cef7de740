/**
 * A province's profile as a radar over the pillars and groups of a framework (or any nodes),
 * drawn against a comparison such as the mean of all provinces.
 */
import { IpIndexError } from '../errors.ts';
import type { EvaluationResult } from '../plan/result.ts';
import { CHART_FONT, baseOption, labelText, sampleMark, roundData, topSpace, type ChartOptions, type ChartSpec } from './common.ts';

/** Input of {@link radarChart}: axes (nodes) and one polygon per series. */
export interface RadarInput {
  axes: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Options of {@link radarChart}. */
export interface RadarOptions extends ChartOptions {
  /** Axis range (default: 100 and a floor 10 below the lowest value, rounded down to 10). */
  min?: number;
  max?: number;
  /** Value labels on the first series' points (default true). */
  labels?: boolean;
}

/**
 * The ECharts model of a radar chart. A missing value is drawn at the axis minimum and labelled —.
 * @throws IpIndexError when a series' length differs from the number of axes
 */
export function radarChart(input: RadarInput, options: RadarOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const decimals = options.decimals ?? 2;
  for (const s of input.series) {
    if (s.values.length !== input.axes.length) throw new IpIndexError(`图表：雷达图系列 ${s.name} 有 ${s.values.length} 个值，应为 ${input.axes.length} 个 / chart: radar series ${s.name} has ${s.values.length} values, expected ${input.axes.length} (one per axis)`);
  }
  const all = input.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = options.max ?? Math.max(100, ...all.map((v) => Math.ceil(v / 10) * 10));
  const min = options.min ?? (all.length ? Math.max(0, Math.floor((Math.min(...all) - 10) / 10) * 10) : 0);
  const width = options.width ?? 760;
  const height = options.height ?? 640;
  const top = topSpace(options, 10);
  const labels = options.labels ?? true;
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'item' },
    legend: { bottom: 8, data: input.series.map((s) => labelText(s.name)) },
    // the scale, stated once (the axes carry no tick labels)
    graphic: [...(options.sample ? [sampleMark(lang)] : []), { type: 'text', left: 14, bottom: 12, style: { text: `${lang === 'zh' ? '坐标范围' : 'axis range'} ${min}–${max}`, fontSize: 11, fill: '#777', fontFamily: CHART_FONT } }],
    radar: {
      // centred between the title and the legend; the radius leaves room for the axis names
      center: ['50%', Math.round((top + height - 44) / 2)],
      radius: Math.round(Math.min(width * 0.62, height - top - 44) / 2 - 56),
      startAngle: 90,
      splitNumber: 4,
      indicator: input.axes.map((a) => ({ name: labelText(a), min, max })),
      axisName: { color: '#222', fontSize: 12 },
      // the scale is the same on every axis: no tick labels (they would repeat on each), the points are labelled
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: '#d9d9d9' } },
      splitArea: { areaStyle: { color: ['#ffffff', '#f6f8fb'] } },
    },
    series: [
      {
        type: 'radar',
        data: input.series.map((s, k) => ({
          name: labelText(s.name),
          // the labelled series is rounded to the label's decimals: ECharts prints the value as it is
          value: s.values.map((v) => (k === 0 && labels ? roundData(v, decimals) : roundData(v)) ?? min),
          symbol: 'circle',
          symbolSize: 5,
          lineStyle: { width: k === 0 ? 2.5 : 1.5, ...(k === 0 ? {} : { type: 'dashed' }) },
          areaStyle: { opacity: k === 0 ? 0.18 : 0.05 },
          ...(k === 0 && labels
            ? { label: { show: true, fontSize: 10, color: '#1f4e8c', formatter: '{c}' } }
            : {}),
        })),
      },
    ],
  };
  return { option, width, height };
}

/** Options of {@link radarFromResult}. */
export interface RadarFromResultOptions {
  unit: string;
  edition: number;
  /** Axes: node codes (e.g. the pillars and groups). */
  nodes: string[];
  /** Compare with the mean over all units (default true). */
  compareMean?: boolean;
  unitName?: (code: string) => string;
  nodeName?: (code: string) => string;
  /** Name of the mean series (default 全国平均 / Mean of all units, by `lang`). */
  meanName?: string;
  lang?: 'zh' | 'en';
}

/**
 * The input of {@link radarChart} for one unit of a run: its scores on the nodes, and the mean
 * of all units with a score.
 * @throws IpIndexError naming the unit, node or edition that is not in the run
 */
export function radarFromResult(res: EvaluationResult, o: RadarFromResultOptions): RadarInput {
  const e = res.editions.indexOf(o.edition);
  const u = res.units.indexOf(o.unit);
  if (e < 0) throw new IpIndexError(`图表：结果中没有 ${o.edition} 年版 / chart: edition ${o.edition} is not in the results (editions ${res.editions.join(', ')})`);
  if (u < 0) throw new IpIndexError(`图表：结果中没有单位 ${o.unit} / chart: unit ${o.unit} is not in the results`);
  const U = res.units.length;
  const missing = o.nodes.filter((n) => !res.scores[n]);
  if (missing.length) throw new IpIndexError(`图表：结果中没有节点 ${missing.join('、')} / chart: node(s) ${missing.join(', ')} not in the results`);
  const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const own = o.nodes.map((n) => num(res.scores[n]![e * U + u]!));
  const series = [{ name: o.unitName?.(o.unit) ?? o.unit, values: own }];
  if (o.compareMean ?? true) {
    const means = o.nodes.map((n) => {
      const xs = Array.from(res.scores[n]!.subarray(e * U, (e + 1) * U)).filter(Number.isFinite);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    });
    series.push({ name: o.meanName ?? ((o.lang ?? 'zh') === 'zh' ? '全国平均' : 'Mean of all units'), values: means });
  }
  return { axes: o.nodes.map((n) => o.nodeName?.(n) ?? n), series };
}
