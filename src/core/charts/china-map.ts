/**
 * A choropleth of China's provinces for any node of a run (the index, a pillar, a group or a
 * single indicator): each province filled by its score on a continuous colour scale with a
 * legend (visualMap), its name and value as a label, and the 南海诸岛 inset (ECharts draws it for
 * a map registered as `china`; the renderer registers the base map file under {@link ChoroplethOptions.map}).
 */
import { CHART_FONT, baseOption, formatValue, labelDecimals, labelOnScale, niceRange, labelText, roundData, topSpace, WORDS, type ChartOptions, type ChartSpec } from './common.ts';

/** One unit's value on the map. */
export interface MapDatum {
  /** Unit code (GB/T 2260). */
  code: string;
  /** Display name (label, tooltip) in the chart's language. */
  name: string;
  value: number | null;
}

/** Options of {@link choroplethChart}. */
export interface ChoroplethOptions extends ChartOptions {
  /**
   * Unit code → the base map's region name (see matchMapRegions). Units missing here are left
   * off the map (listed in the result's `unplaced`).
   */
  regions: Record<string, string>;
  /** Registered map name (default `china`, which gets the 南海诸岛 inset from ECharts). */
  map?: string;
  /** Colour scale ends (default: the data's range widened to a round step, see niceRange). */
  min?: number;
  max?: number;
  /** Name and value labels on the provinces (default true). */
  labels?: boolean;
  /** Legend title, e.g. 得分 (default) or an indicator's unit. */
  legendTitle?: string;
  /** Colours of the scale, low to high (default light to dark blue). */
  colors?: string[];
}

/** A chart model with the units that could not be placed. */
export interface ChoroplethSpec extends ChartSpec {
  map: string;
  /** Codes of data with no region on the base map. */
  unplaced: string[];
}

/**
 * The ECharts model of a province choropleth (see the module comment). Regions without data
 * (台湾, 香港, 澳门 on the vendored map, or a province with no score) are grey and unlabelled.
 * @example choroplethChart([{ code: '440000', name: '广东', value: 93 }], { regions: { '440000': '广东' } }).option.series[0].data[1].value // => 93 (data[0] styles the 南海诸岛 inset)
 */
export function choroplethChart(data: MapDatum[], options: ChoroplethOptions): ChoroplethSpec {
  const lang = options.lang ?? 'zh';
  const map = options.map ?? 'china';
  const width = options.width ?? 900;
  const height = options.height ?? 760;
  const unplaced = data.filter((d) => options.regions[d.code] === undefined).map((d) => d.code);
  const placed = data.filter((d) => options.regions[d.code] !== undefined);
  const values = placed.map((d) => d.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const [lo, hi] = niceRange(values, { ...(options.min !== undefined ? { min: options.min } : {}), ...(options.max !== undefined ? { max: options.max } : {}) });
  const decimals = labelDecimals(values, options.decimals);
  const labels = options.labels ?? true;
  // data are matched by display name: nameMap renames the map's regions to the display names
  const nameMap: Record<string, string> = {};
  for (const d of placed) nameMap[options.regions[d.code]!] = labelText(d.name);
  const top = topSpace(options, 8);
  const option = {
    ...baseOption(options),
    tooltip: { trigger: 'item' },
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi,
      left: 24,
      bottom: 28,
      calculable: false,
      realtime: false,
      itemWidth: 14,
      itemHeight: 150,
      precision: 0,
      text: [String(hi), String(lo)],
      textGap: 6,
      textStyle: { fontSize: 12, color: '#333' },
      inRange: { color: options.colors ?? ['#e3eef9', '#9ecae1', '#4292c6', '#08519c', '#08306b'] },
      outOfRange: { color: '#dddddd' },
    },
    // the legend's title above the colour bar (and the sample mark, when set)
    graphic: [...(options.sample ? (baseOption(options).graphic as unknown[]) : []), { type: 'text', left: 24, bottom: 250, style: { text: options.legendTitle ?? WORDS[lang].score, fontSize: 12, fill: '#333', fontFamily: CHART_FONT } }],
    series: [
      {
        type: 'map',
        map,
        roam: false,
        nameMap,
        top,
        bottom: 16,
        left: 'center',
        aspectScale: 0.75,
        selectedMode: false,
        itemStyle: { areaColor: '#eeeeee', borderColor: '#ffffff', borderWidth: 0.8 },
        emphasis: { disabled: true },
        label: { show: false },
        data: [
          // the 南海诸岛 inset ECharts adds to the map `china`: islands and frame drawn dark, so they show
          { name: '南海诸岛', value: null, itemStyle: { areaColor: '#9a9a9a', borderColor: '#666666', borderWidth: 0.6 }, label: { show: false }, tooltip: { show: false } },
          ...placed.map((d) => ({
          name: labelText(d.name),
          value: roundData(d.value),
          label: { show: labels, fontSize: 10, formatter: `${labelText(d.name)}\n${formatValue(d.value, decimals)}`, lineHeight: 12, ...labelOnScale(d.value, lo, hi) },
          })),
        ],
      },
    ],
  };
  return { option, width, height, map, unplaced };
}
