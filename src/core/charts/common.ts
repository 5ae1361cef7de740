/**
 * What every chart model shares: the result type ({@link ChartSpec}), the common options, the
 * font stack, the palette, the sample-data mark and number formatting. Chart models are pure: an
 * ECharts option object of plain JSON (no functions), so the same object renders on the server
 * (SVG/PNG) and in the browser, and can be stored in a report document.
 */

/** Label language of a chart. */
export type ChartLang = 'zh' | 'en';

/**
 * A chart model: the ECharts option, the pixel size it is laid out for, and the base map it needs
 * registered (choropleths only). A report's FigureBlock carries the same four fields.
 */
export interface ChartSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
  /** Name of a base map the option uses (`series.map`), which the renderer registers first. */
  map?: string;
}

/** Options every chart function takes. */
export interface ChartOptions {
  /** Title drawn on the chart; leave out when the caption is printed under the figure. */
  title?: string;
  subtitle?: string;
  /** Label language (default `zh`). */
  lang?: ChartLang;
  /** Marks the chart as computed from sample data (样本数据 / sample data, in red, top right). */
  sample?: boolean;
  /** Pixel size; each chart kind has its own default. */
  width?: number;
  height?: number;
  /** Decimals of the value labels (default 2; the national index charts default to 1). */
  decimals?: number;
}

/** The font stack of every chart: the renderer's PNG default (Noto Sans CJK SC) first. */
export const CHART_FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';

/** Series colours (blue first, as the report's figures). */
export const PALETTE = ['#2f6db5', '#e07b39', '#3a9b5d', '#c9413b', '#7b5aa6', '#8c6d46', '#d36fa8', '#6b7a8f', '#b8a22e', '#2aa6b8'];

/** The sample-data mark's text. */
export const SAMPLE_MARK: Record<ChartLang, string> = { zh: '样本数据', en: 'SAMPLE DATA' };

/** Words shared by several chart kinds. */
export const WORDS: Record<ChartLang, { noData: string; score: string; change: string; points: string }> = {
  zh: { noData: '无数据', score: '得分', change: '较上年增量', points: '分' },
  en: { noData: 'no data', score: 'score', change: 'change on last year', points: 'points' },
};

/**
 * A number as a chart label: fixed decimals, no grouping; `signed` puts + before a positive
 * number; null/NaN gives `—`.
 * @example formatValue(0.7349, 2, true) // => '+0.73'
 */
export function formatValue(v: number | null | undefined, decimals = 2, signed = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  // −0.00 reads as a fall: a value that rounds to zero prints as 0.00
  const r = Number(v.toFixed(decimals));
  const s = (r === 0 ? 0 : r).toFixed(decimals);
  return signed && r > 0 ? `+${s}` : s;
}

/** A number rounded for the option's data (labels and tooltips read it), NaN/null as null. */
export function roundData(v: number | null | undefined, decimals = 6): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return Number(v.toFixed(decimals));
}

/**
 * The text of a template label, with ECharts' template characters (`{`, `}`, `|`) taken out of
 * user text so a name cannot inject rich-text markup into a label.
 */
export function labelText(s: string): string {
  return s.replace(/[{}|]/g, ' ');
}

/** The option's parts every chart has: white background, no animation, font, title, sample mark. */
export function baseOption(o: ChartOptions, extra: { titleTop?: number } = {}): Record<string, unknown> {
  const lang = o.lang ?? 'zh';
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT },
    ...(o.title ? { title: { text: o.title, ...(o.subtitle ? { subtext: o.subtitle } : {}), left: 'center', top: extra.titleTop ?? 10, textStyle: { fontSize: 16, fontWeight: 'bold' }, subtextStyle: { fontSize: 12, color: '#555' } } } : {}),
    ...(o.sample ? { graphic: [sampleMark(lang)] } : {}),
  };
}

/** The sample-data mark: red bold text at the top right of the chart. */
export function sampleMark(lang: ChartLang): Record<string, unknown> {
  return { type: 'text', right: 14, top: 12, z: 100, style: { text: SAMPLE_MARK[lang], fill: '#c00000', fontSize: 13, fontWeight: 'bold', fontFamily: CHART_FONT } };
}

/** Space above the plot: title, subtitle and the sample mark (which sits in the title row). */
export function topSpace(o: ChartOptions, below = 0): number {
  return (o.title ? (o.subtitle ? 64 : 44) : o.sample ? 30 : 16) + below;
}

/**
 * The width a label takes, estimated without a font: CJK and full-width characters one em,
 * others 0.6 em — for margins that fit the longest name.
 * @example textWidth('Inner Mongolia', 12) // => 100.8
 */
export function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch) ? 1 : 0.6;
  return Math.round(w * fontSize * 10) / 10;
}

/**
 * Colour-scale ends around the data: down and up to multiples of half the range's power of ten
 * (scores 62.7–90.9 → 60–95; counts 255–82 209 → 0–85 000). Given ends are kept.
 * @example niceRange([62.67, 90.94]) // => [60, 95]
 */
export function niceRange(values: number[], given: { min?: number; max?: number } = {}): [number, number] {
  const xs = values.filter(Number.isFinite);
  if (!xs.length) return [given.min ?? 0, given.max ?? 100];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const step = hi > lo ? 10 ** Math.floor(Math.log10(hi - lo)) / 2 : Math.max(1, 10 ** Math.floor(Math.log10(Math.abs(hi) || 1)) / 2);
  const min = given.min ?? Math.floor(lo / step) * step;
  let max = given.max ?? Math.ceil(hi / step) * step;
  if (max <= min) max = min + step;
  return [Number(min.toPrecision(12)), Number(max.toPrecision(12))];
}

/** Label decimals: the given ones, else 0 when every value is a whole number, else `fallback`. */
export function labelDecimals(values: (number | null)[], given: number | undefined, fallback = 2): number {
  if (given !== undefined) return given;
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return xs.length && xs.every((v) => Number.isInteger(v)) ? 0 : fallback;
}

/**
 * Label colours readable on a sequential scale's fill: white on the darkest 40 % of the scale,
 * near-black with a white halo elsewhere.
 * @example labelOnScale(90, 60, 95) // => { color: '#ffffff', textBorderColor: '#08306b', textBorderWidth: 2 }
 */
export function labelOnScale(v: number | null, lo: number, hi: number): { color: string; textBorderColor: string; textBorderWidth: number } {
  const dark = v !== null && Number.isFinite(v) && hi > lo && (v - lo) / (hi - lo) > 0.6;
  return dark ? { color: '#ffffff', textBorderColor: '#08306b', textBorderWidth: 2 } : { color: '#111111', textBorderColor: '#ffffff', textBorderWidth: 2 };
}
