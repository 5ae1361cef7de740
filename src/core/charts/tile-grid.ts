/**
 * A tile-grid map: one equal square per province in its rough geographic place (the layout is
 * data: data/maps/tile-grid.json), filled by its score with a legend, labelled with its name and
 * value. Needs no boundary data, and no province is too small to read.
 */
import { CHART_FONT, baseOption, formatValue, labelDecimals, labelOnScale, niceRange, labelText, roundData, topSpace, WORDS, type ChartOptions, type ChartSpec } from './common.ts';
import type { MapDatum } from './china-map.ts';

/** A tile's position: row 0 at the top, column 0 at the left. */
export interface TileGridCell {
  code: string;
  row: number;
  col: number;
}

/** A tile-grid layout. */
export interface TileGridLayout {
  tiles: TileGridCell[];
}

/** Options of {@link tileGridChart}. */
export interface TileGridOptions extends ChartOptions {
  layout: TileGridLayout;
  /** Colour scale ends (default: the data's range widened to a round step, see niceRange). */
  min?: number;
  max?: number;
  legendTitle?: string;
  colors?: string[];
}

/** A chart model with the units that have no tile. */
export interface TileGridSpec extends ChartSpec {
  unplaced: string[];
}

/**
 * The ECharts model of a tile-grid map (a heatmap on a hidden square grid). Tiles of the layout
 * without data are grey with their code; data without a tile are listed in `unplaced`.
 * @example tileGridChart([{ code: 'A', name: '甲', value: 1 }], { layout: { tiles: [{ code: 'A', row: 0, col: 0 }] } }).option.series[0].data[0].value // => [0, 0, 1]
 */
export function tileGridChart(data: MapDatum[], options: TileGridOptions): TileGridSpec {
  const lang = options.lang ?? 'zh';
  const tiles = options.layout.tiles;
  const rows = Math.max(...tiles.map((t) => t.row)) + 1;
  const cols = Math.max(...tiles.map((t) => t.col)) + 1;
  const byCode = new Map(data.map((d) => [d.code, d]));
  const onGrid = new Set(tiles.map((t) => t.code));
  const unplaced = data.filter((d) => !onGrid.has(d.code)).map((d) => d.code);
  const values = data.filter((d) => onGrid.has(d.code)).map((d) => d.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, hi] = niceRange(values, { ...(options.min !== undefined ? { min: options.min } : {}), ...(options.max !== undefined ? { max: options.max } : {}) });
  const decimals = labelDecimals(values, options.decimals);
  const top = topSpace(options, 8);
  const left = 130; // room for the legend
  const width = options.width ?? 820;
  const cell = Math.floor(Math.min((width - left - 24) / cols, ((options.height ?? 0) ? options.height! - top - 24 : 76 * rows) / rows));
  const height = options.height ?? top + cell * rows + 24;
  const withValue = tiles.filter((t) => { const v = byCode.get(t.code)?.value; return v !== null && v !== undefined && Number.isFinite(v); });
  const without = tiles.filter((t) => !withValue.includes(t));
  const label = (t: TileGridCell): string => {
    const d = byCode.get(t.code);
    return d ? `${labelText(d.name)}\n${formatValue(d.value, decimals)}` : labelText(t.code);
  };
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'item' },
    grid: { left, top, width: cell * cols, height: cell * rows },
    xAxis: { type: 'category', data: Array.from({ length: cols }, (_, i) => String(i)), show: false },
    yAxis: { type: 'category', data: Array.from({ length: rows }, (_, i) => String(i)), inverse: true, show: false },
    visualMap: [{
      type: 'continuous',
      seriesIndex: 0,
      min: lo,
      max: hi,
      left: 24,
      bottom: 28,
      itemWidth: 14,
      itemHeight: 150,
      precision: 0,
      text: [String(hi), String(lo)],
      textGap: 6,
      textStyle: { fontSize: 12, color: '#333' },
      inRange: { color: options.colors ?? ['#e3eef9', '#9ecae1', '#4292c6', '#08519c', '#08306b'] },
    },
    // ECharts draws a heatmap only through a visual map: the no-data tiles get a hidden one, all grey
    { type: 'continuous', seriesIndex: 1, show: false, min: 0, max: 1, inRange: { color: ['#dddddd', '#dddddd'] } }],
    graphic: [...(options.sample ? (baseOption(options).graphic as unknown[]) : []), { type: 'text', left: 24, bottom: 250, style: { text: options.legendTitle ?? WORDS[lang].score, fontSize: 12, fill: '#333', fontFamily: CHART_FONT } }],
    series: [
      {
        type: 'heatmap',
        itemStyle: { borderColor: '#ffffff', borderWidth: 3 },
        emphasis: { disabled: true },
        // a long name (Inner Mongolia) wraps at its spaces within the tile
        label: { show: true, fontSize: cell >= 70 ? 12 : 10, lineHeight: cell >= 70 ? 15 : 12, width: cell - 8, overflow: 'break', color: '#111', textBorderColor: '#ffffff', textBorderWidth: 2 },
        data: withValue.map((t) => ({ name: labelText(byCode.get(t.code)!.name), value: [t.col, t.row, roundData(byCode.get(t.code)!.value)], label: { formatter: label(t), ...labelOnScale(byCode.get(t.code)!.value, lo, hi) } })),
      },
      {
        // tiles without a value: grey, not coloured by the scale
        type: 'heatmap',
        itemStyle: { color: '#dddddd', borderColor: '#ffffff', borderWidth: 3 },
        emphasis: { disabled: true },
        label: { show: true, fontSize: 10, color: '#555' },
        data: without.map((t) => ({ name: byCode.get(t.code)?.name ?? t.code, value: [t.col, t.row, 0], label: { formatter: `${label(t).split('\n')[0]}\n${WORDS[lang].noData}` } })),
      },
    ],
  };
  return { option, width, height, unplaced };
}
