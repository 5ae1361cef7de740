// chart models: pure functions from results to ECharts option objects (data, not pictures)
export { rankIntervalChart, type RankIntervalChartOptions, type RankIntervalPoint } from './rank-intervals.ts';
