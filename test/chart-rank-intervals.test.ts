/** The rank-interval chart model (an ECharts option) and its server-side SVG rendering. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankIntervalChart } from '../src/core/charts/index.ts';
import { renderSvg } from '../src/io/render-chart.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads into a plain option object
type Opt = Record<string, any>;

const points = [
  { name: '乙', nominal: 2, median: 2, q05: 1, q95: 3 },
  { name: '甲', nominal: 1, median: 1.5, q05: 1, q95: 2 },
  { name: '丙', nominal: 3, median: 3, q05: 2, q95: 3 },
  { name: '无', nominal: NaN, median: NaN, q05: NaN, q95: NaN },
];

test('rank-interval chart: units in nominal order, a 5–95 % bar, median and nominal marks, rank 1 on top', () => {
  const o = rankIntervalChart(points, { title: '指数排名区间', lang: 'zh', sample: true }) as Opt;
  assert.deepEqual(o.xAxis.data, ['甲', '乙', '丙']);
  assert.equal(o.yAxis.inverse, true);
  assert.equal(o.yAxis.max, 3);
  assert.deepEqual(o.series[0].data, [[1, 2, 1, 2], [1, 3, 1, 3], [2, 3, 2, 3]]);
  assert.deepEqual(o.series[1].data, [1.5, 2, 3]);
  assert.deepEqual(o.series[2].data, [1, 2, 3]);
  assert.equal(o.graphic[0].style.text, '样本数据');
  assert.equal(JSON.parse(JSON.stringify(o)).series.length, 3, 'the model is plain JSON');
  const en = rankIntervalChart(points, { title: 'Index', lang: 'en' }) as Opt;
  assert.deepEqual(en.legend.data, ['5–95 % interval', 'median rank', 'nominal rank']);
  assert.equal(en.graphic, undefined);
});

test('rendered as SVG by ECharts on the server: the title, the names and the sample mark are in it', () => {
  const svg = renderSvg(rankIntervalChart(points, { title: '指数排名区间', lang: 'zh', sample: true }), { width: 600, height: 400 });
  assert.match(svg, /^<svg [^>]*width="600" height="400"/);
  for (const s of ['指数排名区间', '甲', '乙', '丙', '样本数据', '5%–95%区间']) assert.ok(svg.includes(s), s);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});
