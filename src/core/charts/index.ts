// chart models: pure functions from results to ECharts option objects (data, not pictures).
// Each returns a ChartSpec { option, width, height, map? }; src/io/render-chart.ts renders it.
export { rankIntervalChart, type RankIntervalChartOptions, type RankIntervalPoint } from './rank-intervals.ts';
export { CHART_FONT, PALETTE, SAMPLE_MARK, formatValue, type ChartLang, type ChartOptions, type ChartSpec } from './common.ts';
export { editionSeriesChart, editionSeriesFromResult, editionSeriesTitle, editionLabel, type EditionPoint, type EditionSeriesOptions } from './edition-series.ts';
export { groupMeansChart, groupMeansFromStats, type GroupMeansInput, type GroupMeansSeries, type GroupMeansOptions, type GroupMeansFromStatsOptions } from './group-means.ts';
export { choroplethChart, type MapDatum, type ChoroplethOptions, type ChoroplethSpec } from './china-map.ts';
export { tileGridChart, type TileGridCell, type TileGridLayout, type TileGridOptions, type TileGridSpec } from './tile-grid.ts';
export { matchMapRegions, type MapFeature, type MapRegionMatch } from './map-regions.ts';
export { unitValuesFromResult, type UnitValue, type UnitValuesOptions } from './unit-values.ts';
export { rankingChart, type RankingItem, type RankingOptions } from './ranking.ts';
export { radarChart, radarFromResult, type RadarInput, type RadarOptions, type RadarFromResultOptions } from './radar.ts';
export { heatmapChart, heatmapFromResult, type HeatmapInput, type HeatmapOptions, type HeatmapFromResultOptions } from './heatmap.ts';
export { targetsChart, type TargetItem, type TargetsOptions } from './targets.ts';
