/**
 * Report renderers (Node adapters): one {@link ReportDocument} to XLSX, DOCX, HTML and PDF.
 * {@link renderReport} renders the figures once and writes the formats asked for; a PDF that
 * cannot be printed (no browser starts) does not stop the others.
 */
import type { ReportDocument } from '../core/report-model/document.ts';
import { renderFigures, type FigureOptions } from './figures.ts';
import { renderDocx, type DocxOptions } from './report-docx.ts';
import { renderHtml } from './report-html.ts';
import { BrowserUnavailableError, renderPdf, type PdfOptions } from './report-pdf.ts';
import { renderXlsx } from './report-xlsx.ts';

export { renderXlsx, sheetName, flattenJson, type XlsxOptions } from './report-xlsx.ts';
export { renderDocx, type DocxOptions, type DocxFonts } from './report-docx.ts';
export { renderHtml, escapeHtml, inlineSvg, REPORT_CSS, type HtmlOptions } from './report-html.ts';
export { renderPdf, launchBrowser, browserCandidates, pdfFooter, BrowserUnavailableError, CHROMIUM_FLAGS, DEBIAN_CHROMIUM, type PdfOptions, type BrowserChoice } from './report-pdf.ts';
export { renderFigures, renderFigure, type FigureOptions, type RenderedFigure } from './figures.ts';
export { cellText, xlsxNumFmt, headingLabel, xmlSafe } from './cells.ts';

/** The formats of a report. */
export const REPORT_FORMATS = ['html', 'xlsx', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /** Formats to make (default all four). */
  formats?: readonly ReportFormat[];
  /** File name without extension (default `report`). */
  name?: string;
  figures?: FigureOptions;
  docx?: Omit<DocxOptions, 'figures'>;
  pdf?: PdfOptions;
}

/** What {@link renderReport} made. */
export interface RenderedReport {
  /** File name → contents (text or bytes), for the atomic folder writer. */
  files: Record<string, string | Uint8Array>;
  /** Why the PDF was not made (no browser could start, or it failed to print); the other formats are there. */
  pdfError?: string;
  /** Figures that could not be drawn: id and reason (their captions stay, with a note). */
  figureErrors: { id: string; error: string }[];
  /** Milliseconds each step took: figures, html, xlsx, docx, pdf. */
  timings: Record<string, number>;
}

/**
 * Renders a report document in the formats asked for (see the module comment).
 * Usage: `Object.keys((await renderReport(doc)).files)` is `['report.html', 'report.xlsx', 'report.docx', 'report.pdf']`.
 */
export async function renderReport(doc: ReportDocument, options: RenderReportOptions = {}): Promise<RenderedReport> {
  const formats = new Set(options.formats ?? REPORT_FORMATS);
  const name = options.name ?? 'report';
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[step] = performance.now() - t0;
    }
  };
  const wantSvg = formats.has('html') || formats.has('pdf');
  const figures = await timed('figures', () => renderFigures(doc, { ...options.figures, svg: wantSvg, png: formats.has('docx') }));
  const figureErrors = [...figures].filter(([, f]) => f.error).map(([id, f]) => ({ id, error: f.error! }));
  const files: Record<string, string | Uint8Array> = {};
  const html = wantSvg ? await timed('html', () => renderHtml(doc, { figures })) : undefined;
  if (formats.has('html')) files[`${name}.html`] = html!;
  if (formats.has('xlsx')) files[`${name}.xlsx`] = await timed('xlsx', () => renderXlsx(doc));
  if (formats.has('docx')) files[`${name}.docx`] = await timed('docx', () => renderDocx(doc, { ...options.docx, figures }));
  let pdfError: string | undefined;
  if (formats.has('pdf')) {
    try {
      files[`${name}.pdf`] = await timed('pdf', () => renderPdf(html!, doc.meta, options.pdf));
    } catch (e) {
      // the other formats are written whatever happened to the browser
      const why = (e as Error)?.message ?? String(e);
      pdfError = e instanceof BrowserUnavailableError ? why : `PDF 未生成：浏览器打印失败（${why}）/ PDF not written: the browser failed to print (${why})`;
    }
  }
  return { files, figureErrors, timings, ...(pdfError ? { pdfError } : {}) };
}
