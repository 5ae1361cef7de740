/**
 * The rank-interval chart of an uncertainty analysis, as the JRC audits of the Global Innovation
 * Index draw it: units along the axis in the order of their nominal rank; for each, the 5 %–95 %
 * interval of its rank over the replications as a bar, the median rank as a dot and the nominal
 * rank as a mark; rank 1 at the top. A pure chart model: an ECharts option object (data, not a
 * picture), shared by the server-side renderer and the browser.
 */

/** One unit of the chart. */
export interface RankIntervalPoint {
  /** Display name. */
  name: string;
  nominal: number;
  median: number;
  q05: number;
  q95: number;
}

/** Options of {@link rankIntervalChart}. */
export interface RankIntervalChartOptions {
  title: string;
  subtitle?: string;
  lang?: 'zh' | 'en';
  /** Marks the chart as computed from sample data. */
  sample?: boolean;
}

const TEXT = {
  zh: { interval: '5%–95%区间', median: '排名中位数', nominal: '名义排名', rank: '排名', sample: '样本数据' },
  en: { interval: '5–95 % interval', median: 'median rank', nominal: 'nominal rank', rank: 'rank', sample: 'sample data' },
};

/** The ECharts option of a rank-interval chart (see the module comment). */
export function rankIntervalChart(points: RankIntervalPoint[], options: RankIntervalChartOptions): Record<string, unknown> {
  const t = TEXT[options.lang ?? 'zh'];
  const sorted = [...points].filter((p) => Number.isFinite(p.nominal)).sort((a, b) => a.nominal - b.nominal);
  const maxRank = Math.max(1, ...sorted.map((p) => Math.max(p.q95, p.nominal)));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif' },
    title: { text: options.title, ...(options.subtitle ? { subtext: options.subtitle } : {}), left: 'center', top: 8, textStyle: { fontSize: 16 } },
    legend: { bottom: 6, data: [t.interval, t.median, t.nominal] },
    grid: { left: 56, right: 24, top: options.subtitle ? 72 : 56, bottom: 96 },
    xAxis: { type: 'category', data: sorted.map((p) => p.name), axisLabel: { rotate: sorted.length > 12 ? 60 : 0, interval: 0, fontSize: 11 }, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: t.rank, nameLocation: 'start', inverse: true, min: 1, max: Math.ceil(maxRank), minInterval: 1, splitLine: { lineStyle: { color: '#e5e5e5' } } },
    series: [
      {
        name: t.interval,
        type: 'candlestick',
        barWidth: '45%',
        // [open, close, lowest, highest]: a bar from the 5 % to the 95 % rank
        data: sorted.map((p) => [p.q05, p.q95, p.q05, p.q95]),
        itemStyle: { color: '#9ecae1', color0: '#9ecae1', borderColor: '#3182bd', borderColor0: '#3182bd' },
      },
      { name: t.median, type: 'scatter', symbol: 'circle', symbolSize: 7, data: sorted.map((p) => p.median), itemStyle: { color: '#08519c' } },
      { name: t.nominal, type: 'scatter', symbol: 'diamond', symbolSize: 9, data: sorted.map((p) => p.nominal), itemStyle: { color: '#e6550d' } },
    ],
    ...(options.sample ? { graphic: [{ type: 'text', right: 16, top: 12, style: { text: t.sample, fill: '#c00000', fontSize: 13, fontWeight: 'bold' } }] } : {}),
  };
}
