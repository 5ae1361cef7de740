/**
 * Group averages with their increments (the report's figures 26–27: 四大区域 and 五大区域重大战略):
 * grouped bars of the mean score of each group, one bar series per node (the index, or the index
 * and its pillars), each bar labelled with the mean and, below it, the increment on last year;
 * optionally the increments also as a line on a right-hand axis.
 */
import { IpIndexError } from '../errors.ts';
import type { GroupStat } from '../analysis/group-stats.ts';
import { CHART_FONT, baseOption, formatValue, labelText, roundData, textWidth, topSpace, WORDS, type ChartOptions, type ChartSpec } from './common.ts';

/** One node's means and increments, aligned with {@link GroupMeansInput.groups}. */
export interface GroupMeansSeries {
  name: string;
  means: (number | null)[];
  /** Change of the mean on the previous edition (null: none, e.g. the first edition). */
  changes: (number | null)[];
}

/** Input of {@link groupMeansChart}: group names (categories) and one series per node. */
export interface GroupMeansInput {
  groups: string[];
  series: GroupMeansSeries[];
}

/** Options of {@link groupMeansChart}. */
export interface GroupMeansOptions extends ChartOptions {
  /** Also draw the increments as a line on a right axis (default false: they are labels under the means). */
  changeLine?: boolean;
  /** Unit of the means (axis name; default 分 / points). */
  unit?: string;
}

/**
 * The ECharts model of group means with increments (see the module comment). Labels read
 * `87.30` over `+0.75` (2 decimals by default, as the report prints regional scores).
 * @throws IpIndexError when a series' length differs from the number of groups
 */
export function groupMeansChart(input: GroupMeansInput, options: GroupMeansOptions = {}): ChartSpec {
  const lang = options.lang ?? 'zh';
  const t = WORDS[lang];
  const decimals = options.decimals ?? 2;
  for (const s of input.series) {
    if (s.means.length !== input.groups.length || s.changes.length !== input.groups.length) {
      throw new IpIndexError(`图表：系列 ${s.name} 有 ${s.means.length} 个均值、${s.changes.length} 个增量，应为 ${input.groups.length} 个 / chart: series ${s.name} has ${s.means.length} means and ${s.changes.length} changes, expected ${input.groups.length} (one per group)`);
    }
  }
  const line = options.changeLine ?? false;
  const many = input.series.length * input.groups.length > 16;
  const width = options.width ?? Math.max(760, 120 + input.groups.length * Math.max(110, 60 * input.series.length));
  const height = options.height ?? 460;
  const legend = input.series.length > 1 || line;
  const means = input.series.flatMap((s) => s.means).filter((v): v is number => v !== null && Number.isFinite(v));
  const low = means.length ? Math.max(0, Math.floor((Math.min(...means) - 15) / 10) * 10) : 0;
  const bars = input.series.map((s) => ({
    type: 'bar',
    name: s.name,
    barMaxWidth: 44,
    barGap: '12%',
    data: s.means.map((m, g) => ({
      value: roundData(m),
      label: { formatter: `{m|${formatValue(m, decimals)}}${s.changes[g] === null || line ? '' : `\n{c|${formatValue(s.changes[g], decimals, true)}}`}` },
    })),
    label: {
      show: true,
      position: 'top',
      rotate: 0,
      lineHeight: 15,
      rich: { m: { fontSize: many ? 10 : 12, color: '#222' }, c: { fontSize: many ? 9 : 11, color: '#c0504d' } },
    },
  }));
  const changeSeries = line
    ? input.series.map((s) => ({
        type: 'line',
        name: `${s.name}${lang === 'zh' ? '：' : ': '}${t.change}`,
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 2 },
        itemStyle: { color: '#c0504d' },
        data: s.changes.map((c) => ({ value: roundData(c), label: { formatter: formatValue(c, decimals, true) } })),
        label: { show: true, position: 'top', fontSize: 11, color: '#c0504d', backgroundColor: '#ffffff', borderColor: '#c0504d', borderWidth: 0.5, padding: [1, 3] },
      }))
    : [];
  // category labels wrap within their slot; the margin below grows with the lines they take
  const slot = Math.floor((width - 60 - (line ? 64 : 28)) / Math.max(1, input.groups.length)) - 12;
  const labelLines = Math.max(1, ...input.groups.map((g) => Math.ceil(textWidth(g, 12) / slot)));
  const anyChange = !line && input.series.some((s) => s.changes.some((c) => c !== null && Number.isFinite(c)));
  // what the red numbers under the means are
  const key = anyChange ? [{ type: 'text', right: 28, top: topSpace(options, 8), style: { text: `+0.00 ${t.change}`, fill: '#c0504d', fontSize: 11, fontFamily: CHART_FONT } }] : [];
  const graphic = [...((baseOption(options).graphic as unknown[] | undefined) ?? []), ...key];
  const option = {
    ...baseOption(options),
    ...(graphic.length ? { graphic } : {}),
    tooltip: { trigger: 'axis' },
    ...(legend ? { legend: { bottom: 6, data: [...bars, ...changeSeries].map((s) => s.name) } } : {}),
    grid: { left: 60, right: line ? 64 : 28, top: topSpace(options, 40), bottom: (legend ? 36 : 8) + 16 * labelLines + 12 },
    xAxis: { type: 'category', data: input.groups.map(labelText), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, fontSize: 12, lineHeight: 16, width: slot, overflow: 'break' } },
    yAxis: [
      { type: 'value', name: options.unit ?? t.points, min: low, splitLine: { lineStyle: { color: '#e5e5e5' } } },
      ...(line ? [{ type: 'value', name: t.change, position: 'right', splitLine: { show: false }, axisLabel: { color: '#c0504d' }, nameTextStyle: { color: '#c0504d' } }] : []),
    ],
    series: [...bars, ...changeSeries],
  };
  return { option, width, height };
}

/** Options of {@link groupMeansFromStats}. */
export interface GroupMeansFromStatsOptions {
  /** Grouping id (e.g. `region4`, `strategic5`). */
  grouping: string;
  edition: number;
  /** Nodes, one series each (e.g. the index, or the index and its pillars). */
  nodes: string[];
  /** Group codes in display order (default: as the stats list them). */
  groups?: string[];
  /** Display name of a group code (default the code). */
  groupName?: (code: string) => string;
  /** Display name of a node code (default the code). */
  nodeName?: (code: string) => string;
}

/**
 * The input of {@link groupMeansChart} from group statistics ({@link groupStats}): each group's
 * mean and mean change of each node in one edition.
 * @throws IpIndexError when the grouping has no statistics for the edition
 */
export function groupMeansFromStats(stats: GroupStat[], o: GroupMeansFromStatsOptions): GroupMeansInput {
  const rows = stats.filter((s) => s.grouping === o.grouping && s.edition === o.edition);
  if (!rows.length) throw new IpIndexError(`图表：分组 ${o.grouping} 在 ${o.edition} 年版没有统计 / chart: grouping ${o.grouping} has no statistics for edition ${o.edition}`);
  const groups = o.groups ?? [...new Set(rows.map((r) => r.group))];
  const at = new Map(rows.map((r) => [`${r.group}\u0000${r.node}`, r]));
  const num = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
  return {
    groups: groups.map((g) => o.groupName?.(g) ?? g),
    series: o.nodes.map((node) => ({
      name: o.nodeName?.(node) ?? node,
      means: groups.map((g) => num(at.get(`${g}\u0000${node}`)?.mean)),
      changes: groups.map((g) => num(at.get(`${g}\u0000${node}`)?.meanChange)),
    })),
  };
}
