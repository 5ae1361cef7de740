/**
 * Renders chart models (src/core/charts) on the server: ECharts' SSR to SVG, resvg to PNG, base
 * maps registered from files. Every chart is disposed after rendering (an undisposed chart keeps
 * the Node process alive).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartSpec } from '../core/charts/common.ts';
import { DEFAULT_BASE_MAP, loadBaseMap } from './base-map.ts';
import { CJK_FACES, subsetFace } from './font-subset.ts';

/** Font settings of PNG rendering (resvg). */
export interface PngFontOptions {
  /** Use the system's fonts (default true; Debian: `fonts-noto-cjk` gives Noto Sans CJK SC). */
  loadSystemFonts?: boolean;
  /** Extra TTF/OTF/TTC font files. */
  fontFiles?: string[];
  /** Family for text whose families are all missing (default `Noto Sans CJK SC`). */
  defaultFontFamily?: string;
  /**
   * Render with Noto Sans CJK SC cut down to the chart's characters (default true; only without
   * `fontFiles`): the same glyphs, many times faster (see font-subset.ts).
   */
  subset?: boolean;
}

/** Options of {@link renderPng} and {@link svgToPng}. */
export interface PngOptions {
  /** Pixel ratio: 2 (default) renders a 1000 × 520 chart as 2000 × 1040 pixels. */
  scale?: number;
  fonts?: PngFontOptions;
}

/**
 * Renders an ECharts option (a chart model of src/core/charts) to an SVG document with ECharts'
 * server-side renderer. The chart is always disposed. A map the option uses must be registered
 * first ({@link registerBaseMap}; {@link renderChart} does it).
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

/**
 * Rasterises an SVG document to PNG with resvg, with the system fonts and Noto Sans CJK SC as the
 * default family, so Chinese renders (install Debian `fonts-noto-cjk`).
 */
export function svgToPng(svg: string, o: PngOptions = {}): Buffer {
  return resvgOf(svg, o).render().asPng();
}

function resvgOf(svg: string, o: PngOptions): Resvg {
  const f = o.fonts ?? {};
  const make = (fontFiles: string[] | undefined): Resvg => new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: o.scale ?? 2 },
    font: {
      loadSystemFonts: f.loadSystemFonts ?? true,
      ...(fontFiles ? { fontFiles } : {}),
      defaultFontFamily: f.defaultFontFamily ?? 'Noto Sans CJK SC',
    },
  });
  if (f.fontFiles || f.subset === false) return make(f.fontFiles);
  // the CJK faces cut down to this chart's characters, read first (they win over the system's
  // full faces of the same name); resvg has read the files once the Resvg object exists
  const files = subsetFiles(svg);
  try {
    return make(files.length ? files : undefined);
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

let fontDir: string | undefined;
let fontSeq = 0;
/** Writes the CJK subsets for an SVG's characters to temporary files (none when the fonts are missing). */
function subsetFiles(svg: string): string[] {
  const files: string[] = [];
  for (const face of CJK_FACES) {
    const bytes = subsetFace(face, svg);
    if (!bytes) continue;
    if (!fontDir) {
      const dir = mkdtempSync(join(tmpdir(), 'ipindex-fonts-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      fontDir = dir;
    }
    const file = join(fontDir, `subset-${process.pid}-${++fontSeq}.otf`);
    writeFileSync(file, bytes);
    files.push(file);
  }
  return files;
}

/** Raw pixels of a rasterised SVG: RGBA, 4 bytes a pixel, row by row (for tests that look at what was drawn). */
export interface RasterImage {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Rasterises an SVG document as {@link svgToPng} does, returning the RGBA pixels instead of a PNG. */
export function svgToPixels(svg: string, o: PngOptions = {}): RasterImage {
  const img = resvgOf(svg, o).render();
  return { width: img.width, height: img.height, pixels: img.pixels };
}

/** Renders an ECharts option to PNG: {@link renderSvg}, then {@link svgToPng}. */
export function renderPng(option: Record<string, unknown>, size: { width: number; height: number } = { width: 1000, height: 520 }, o: PngOptions = {}): Buffer {
  return svgToPng(renderSvg(option, size), o);
}

const registered = new Map<string, string>();

/**
 * Registers a base map file with ECharts under a name (the `map` of a chart model), once per
 * name and file. ECharts adds the 南海诸岛 inset to a map registered as `china` that has no
 * region of that name; register a map that draws the South China Sea itself under another name.
 * @throws IpIndexError when the file cannot be read or is not GeoJSON (see loadBaseMap)
 */
export function registerBaseMap(name: string, file: string = DEFAULT_BASE_MAP): void {
  if (registered.get(name) === file) return;
  const map = loadBaseMap(file);
  echarts.registerMap(name, map.geoJson as unknown as Parameters<typeof echarts.registerMap>[1]);
  registered.set(name, file);
}

/** Options of {@link renderChart}. */
export interface RenderChartOptions extends PngOptions {
  /** `svg` (default) or `png`. */
  format?: 'svg' | 'png';
  /** Base map file for a chart with a map (default data/maps/china.json). */
  mapFile?: string;
}

/**
 * Renders a chart model at its own size: registers its base map (if any), then SVG text or PNG
 * bytes.
 */
export function renderChart(spec: ChartSpec, o: RenderChartOptions & { format: 'png' }): Buffer;
export function renderChart(spec: ChartSpec, o?: RenderChartOptions & { format?: 'svg' }): string;
export function renderChart(spec: ChartSpec, o?: RenderChartOptions): string | Buffer;
export function renderChart(spec: ChartSpec, o: RenderChartOptions = {}): string | Buffer {
  if (spec.map) registerBaseMap(spec.map, o.mapFile ?? DEFAULT_BASE_MAP);
  const size = { width: spec.width, height: spec.height };
  return o.format === 'png' ? renderPng(spec.option, size, o) : renderSvg(spec.option, size);
}
