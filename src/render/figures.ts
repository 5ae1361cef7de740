/**
 * The figures of a report document rendered once for every format: SVG (HTML, and the PDF
 * printed from it) and PNG (DOCX), through the chart renderer of src/io/render-chart.ts (ECharts
 * SSR, resvg; base maps registered from files). A figure that cannot be rendered is not fatal:
 * its caption stays, with a note in place of the picture, and the failure is reported.
 */
import type { FigureBlock, ReportDocument } from '../core/report-model/document.ts';
import { renderChart, type PngOptions } from '../io/render-chart.ts';

/** Options of {@link renderFigures}. */
export interface FigureOptions {
  /** Which pictures to make (default both). */
  svg?: boolean;
  png?: boolean;
  /** PNG pixel ratio and fonts (default: scale 2, system fonts, Noto Sans CJK SC). */
  pngOptions?: PngOptions;
  /** Base map file for figures with a map (default: the renderer's, data/maps/china.json). */
  mapFile?: string;
}

/** A figure's pictures, by figure id. */
export interface RenderedFigure {
  svg?: string;
  png?: Uint8Array;
  /** Why the figure could not be drawn. */
  error?: string;
}

/** Renders every figure of a document; failures are kept per figure ({@link RenderedFigure.error}). */
export function renderFigures(doc: ReportDocument, options: FigureOptions = {}): Map<string, RenderedFigure> {
  const out = new Map<string, RenderedFigure>();
  for (const b of doc.blocks) {
    if (b.kind !== 'figure' || out.has(b.id)) continue;
    out.set(b.id, renderFigure(b, options));
  }
  return out;
}

/** Renders one figure as SVG and/or PNG. */
export function renderFigure(fig: FigureBlock, options: FigureOptions = {}): RenderedFigure {
  const spec = { option: fig.option, width: fig.width, height: fig.height, ...(fig.map ? { map: fig.map } : {}) };
  const base = options.mapFile ? { mapFile: options.mapFile } : {};
  try {
    const r: RenderedFigure = {};
    if (options.svg ?? true) r.svg = renderChart(spec, { ...base, format: 'svg' });
    if (options.png ?? true) r.png = new Uint8Array(renderChart(spec, { ...base, ...options.pngOptions, format: 'png' }));
    return r;
  } catch (e) {
    return { error: (e as Error)?.message ?? String(e) };
  }
}
