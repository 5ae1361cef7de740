import * as echarts from 'echarts';

/**
 * Renders an ECharts option (a chart model of src/core/charts) to an SVG document with ECharts'
 * server-side renderer. The chart is always disposed (an undisposed one keeps the process alive).
 */
export function renderSvg(option: Record<string, unknown>, size: { width: number; height: number } = { width: 1000, height: 520 }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
