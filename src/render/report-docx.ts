/**
 * The report as a Word document (docx), to edit in Word, WPS or LibreOffice: a cover (title,
 * indices, edition, inputs with their vintage or SHA-256, the sample-data notice), each chapter
 * on a new page, headings with their numbers as the document gives them (Word's Heading 1–3
 * styles, so the navigation pane and a table of contents find them), the narrative, tables
 * with their captions above and repeated header rows, charts as PNG pictures with their
 * numbered captions below, page numbers in the footer (none on the cover); a table of more than
 * {@link WIDE_TABLE} columns gets landscape pages of its own. Chinese text is set
 * in 宋体 (body) and 黑体 (headings), the fonts Word and WPS have on every Chinese system;
 * LibreOffice substitutes an installed CJK font (Noto CJK with Debian `fonts-noto-cjk`). Text
 * is written as text runs: nothing in a name can become markup or a field.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { FigureBlock, ReportDocument, TableBlock } from '../core/report-model/document.ts';
import { cellText, displayWidth, headingLabel, isNumberCell, xmlSafe } from './cells.ts';
import type { RenderedFigure } from './figures.ts';

/** The fonts of the document: Latin and East Asian, body and headings. */
export interface DocxFonts {
  /** Default 宋体 (SimSun). */
  bodyEastAsia?: string;
  /** Default 黑体 (SimHei). */
  headingEastAsia?: string;
  /** Default Times New Roman. */
  bodyLatin?: string;
  /** Default Arial. */
  headingLatin?: string;
}

/** Options of {@link renderDocx}. */
export interface DocxOptions {
  /** The pictures of the figures, by figure id ({@link renderFigures}); a figure without a PNG shows a note. */
  figures?: Map<string, RenderedFigure>;
  fonts?: DocxFonts;
  /** Widest a figure is placed, in pixels at 96 dpi (default 600: the A4 text width with 2.54 cm margins). */
  figureWidth?: number;
}

/** A4 in twentieths of a point; margins of 2.54 cm (1440), 1.27 cm left and right on landscape pages of wide tables. */
const PAGE = { width: 11906, height: 16838, margin: 1440, wideMargin: 720 };
/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { title: 44, h1: 32, h2: 28, h3: 24, body: 24, table: 21, small: 18, wide: 14 };
/** Tables with more columns than this go on landscape pages in 7 pt type. */
export const WIDE_TABLE = 8;
const RED = 'B00020';
const GREY = '57606A';

/** Runs of a text; line breaks become breaks. */
function runs(text: string, o: IRunOptions = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ ...o, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/** The cover page. */
function cover(doc: ReportDocument): Paragraph[] {
  const m = doc.meta;
  const zh = m.lang === 'zh';
  const out: Paragraph[] = [];
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 400 }, children: runs(m.title, { size: SIZE.title, bold: true }) }));
  if (m.subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: runs(m.subtitle, { size: SIZE.h2 }) }));
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 600 }, children: runs(zh ? `${m.edition}年版` : `${m.edition} edition`, { size: SIZE.h2, bold: true }) }));
  for (const ix of m.indices) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: runs(ix.name, { size: SIZE.h2 }) }));
  if (m.sampleNotice) {
    const border = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 };
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 600, after: 600 }, border: { top: border, bottom: border, left: border, right: border }, children: runs(m.sampleNotice, { bold: true, color: RED }) }));
  }
  const line = (label: string, value: string, mono = false): Paragraph =>
    new Paragraph({ spacing: { after: 60 }, children: [...runs(`${label}：`, { bold: true, size: SIZE.small }), ...runs(value, { size: SIZE.small, ...(mono ? { font: 'Courier New' } : {}) })] });
  out.push(new Paragraph({ spacing: { before: m.sampleNotice ? 0 : 1200 }, children: [] }));
  for (const i of m.inputs) {
    out.push(line(zh ? '输入数据' : 'Input', i.label + (i.vintage ? (zh ? `（版本 ${i.vintage}）` : ` (vintage ${i.vintage})`) : '')));
    if (i.sha256) out.push(line('SHA-256', i.sha256, true));
  }
  if (m.realDataSource) out.push(line(zh ? '数据来源' : 'Data source', m.realDataSource));
  out.push(line(zh ? '软件' : 'Software', m.software));
  out.push(line(zh ? '生成日期' : 'Generated', m.generated));
  return out;
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** A caption paragraph (表 … above a table, 图 … below a figure). */
function caption(text: string, keepNext: boolean): Paragraph {
  return new Paragraph({ style: 'Caption', alignment: AlignmentType.CENTER, keepNext, spacing: { before: 120, after: 120 }, children: runs(text, { bold: true, size: SIZE.table }) });
}

/** A table: caption above, header rows repeated on each page, numbers right-aligned, the note below. */
function table(t: TableBlock, headEastAsia: string, wide: boolean): (Paragraph | Table)[] {
  const headerRows = Math.max(1, t.headerRows ?? 1);
  const size = wide ? SIZE.wide : SIZE.table;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  // column widths in proportion to their widest cell (a header wraps, so it counts for at most 6 characters), none under half an equal share
  const widths = t.columns.map((c, j) => Math.max(Math.min(displayWidth(c.header), 6), ...t.rows.map((r) => (r[j] ? displayWidth(cellText(r[j])) : 0)), 4));
  const floor = 0.5 / t.columns.length;
  const shares = widths.map((w) => Math.max(floor, w / widths.reduce((a, b) => a + b, 0)));
  const textWidth = wide ? PAGE.height - 2 * PAGE.wideMargin : PAGE.width - 2 * PAGE.margin;
  const twips = shares.map((f) => Math.floor((textWidth * f) / shares.reduce((a, b) => a + b, 0)));
  // borders and cell margins are the table's, not each cell's (fewer parts: a 31 × 28 table renders faster)
  const cell = (text: string, right: boolean, head: boolean, j: number): TableCell =>
    new TableCell({
      width: { size: twips[j]!, type: WidthType.DXA },
      ...(head ? { shading: { type: ShadingType.CLEAR, fill: 'EEF4FB', color: 'auto' } } : {}),
      children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { before: 0, after: 0, line: 260, lineRule: LineRuleType.AUTO }, children: runs(text, { size, bold: head, ...(head ? { font: { eastAsia: headEastAsia } } : {}) }) })],
    });
  const right = (j: number): boolean => t.columns[j]?.align === 'right';
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, j) => cell(c.header, right(j), true, j)) }),
    ...t.rows.map((r, i) => new TableRow({ tableHeader: i < headerRows - 1, cantSplit: true, children: r.map((c, j) => cell(cellText(c), isNumberCell(c) || right(j), i < headerRows - 1, j)) })),
  ];
  return [
    caption(t.caption, true),
    new Table({ rows, borders, margins: wide ? { left: 30, right: 30, top: 20, bottom: 20 } : { left: 80, right: 80, top: 30, bottom: 30 }, width: { size: textWidth, type: WidthType.DXA }, columnWidths: twips, layout: TableLayoutType.FIXED }),
    ...(t.note ? [new Paragraph({ spacing: { before: 60, after: 240 }, children: runs(t.note, { size: SIZE.small, color: GREY }) })] : [new Paragraph({ spacing: { after: 120 }, children: [] })]),
  ];
}

/** Tallest a figure is placed, in pixels at 96 dpi (the A4 text height less room for its caption). */
const MAX_FIGURE_HEIGHT = 820;

/** PNG dimensions from its header (IHDR), or undefined. */
function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 24 || png[0] !== 0x89 || png[1] !== 0x50) return undefined;
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** A figure: the picture scaled to the text width, its caption below. */
function figure(f: FigureBlock, figures: Map<string, RenderedFigure> | undefined, maxWidth: number, zh: boolean): Paragraph[] {
  const pic = figures?.get(f.id);
  if (!pic?.png) {
    const why = pic?.error ? (zh ? `：${pic.error}` : `: ${pic.error}`) : '';
    return [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: runs(zh ? `（图未能生成${why}）` : `(figure not drawn${why})`, { color: GREY }) }), caption(f.caption, false)];
  }
  const px = pngSize(pic.png) ?? { width: f.width, height: f.height };
  // at most the text width, and short enough to leave room for the caption on the page
  const width = Math.min(maxWidth, f.width, Math.floor((MAX_FIGURE_HEIGHT * px.width) / px.height));
  const height = Math.round((width * px.height) / px.width);
  const image = new ImageRun({ type: 'png', data: pic.png, transformation: { width, height }, altText: { name: f.id, title: xmlSafe(f.caption), description: xmlSafe(f.caption) } });
  return [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 240, line: 240, lineRule: LineRuleType.AUTO }, children: [image] }), caption(f.caption, false)];
}

/** The page footer: page number (and the sample-data mark). */
function footer(doc: ReportDocument): Footer {
  const zh = doc.meta.lang === 'zh';
  const children: ParagraphChild[] = [];
  if (doc.meta.sampleNotice) children.push(new TextRun({ text: zh ? '样本数据　' : 'SAMPLE DATA   ', bold: true, color: RED, size: SIZE.small }));
  children.push(new TextRun({ size: SIZE.small, children: zh ? ['第 ', PageNumber.CURRENT, ' 页'] : ['Page ', PageNumber.CURRENT] }));
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

/**
 * Renders a report document as a DOCX file (see the module comment).
 * Usage: `await renderDocx(doc, { figures: renderFigures(doc, { svg: false }) })` gives the bytes of a ZIP file (`PK…`).
 */
export async function renderDocx(doc: ReportDocument, options: DocxOptions = {}): Promise<Uint8Array> {
  const zh = doc.meta.lang === 'zh';
  const f = options.fonts ?? {};
  const body = (): (Paragraph | Table)[] => section.children;
  const bodyFont = { ascii: f.bodyLatin ?? 'Times New Roman', hAnsi: f.bodyLatin ?? 'Times New Roman', cs: f.bodyLatin ?? 'Times New Roman', eastAsia: f.bodyEastAsia ?? '宋体' };
  const headFont = { ascii: f.headingLatin ?? 'Arial', hAnsi: f.headingLatin ?? 'Arial', cs: f.headingLatin ?? 'Arial', eastAsia: f.headingEastAsia ?? '黑体' };
  // sections: the cover; then portrait pages, with each wide table on landscape pages of its own
  const sections: { landscape: boolean; children: (Paragraph | Table)[] }[] = [];
  let section = { landscape: false, children: [] as (Paragraph | Table)[] };
  const newSection = (landscape: boolean): void => {
    if (section.children.length) sections.push(section);
    section = { landscape, children: [] };
    fresh = true;
  };
  // fresh: nothing but notes since the page began, so a chapter need not break the page again
  let fresh = true;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        if (section.landscape) newSection(false);
        body().push(new Paragraph({ heading: HEADINGS[b.level], pageBreakBefore: b.level === 1 && !fresh, keepNext: true, children: runs(headingLabel(b)) }));
        fresh = false;
        break;
      case 'paragraph':
        if (section.landscape) newSection(false);
        body().push(
          b.style === 'note'
            ? new Paragraph({ spacing: { after: 120 }, children: runs(b.text, { size: SIZE.small, color: GREY }) })
            : new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: zh ? { firstLine: 2 * SIZE.body * 10 } : undefined, spacing: { after: zh ? 0 : 160 }, children: runs(b.text) }),
        );
        if (b.style !== 'note') fresh = false;
        break;
      case 'table': {
        const wide = b.columns.length > WIDE_TABLE;
        if (wide || section.landscape) newSection(wide);
        body().push(...table(b, headFont.eastAsia, wide));
        fresh = false;
        break;
      }
      case 'figure':
        if (section.landscape) newSection(false);
        body().push(...figure(b, options.figures, options.figureWidth ?? 600, zh));
        fresh = false;
        break;
    }
  }
  newSection(false);
  const margins = { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 708 };
  const heading = (size: number) => ({ run: { font: headFont, size, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 240, line: 360, lineRule: LineRuleType.AUTO }, keepNext: true } });
  const document = new Document({
    creator: doc.meta.software,
    title: doc.meta.title,
    description: doc.meta.sampleNotice ?? doc.meta.title,
    styles: {
      default: {
        document: { run: { font: bodyFont, size: SIZE.body, language: { value: zh ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' } }, paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: headFont, size: SIZE.title, bold: true, color: '000000' } },
        heading1: heading(SIZE.h1),
        heading2: heading(SIZE.h2),
        heading3: heading(SIZE.h3),
      },
      paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: headFont, size: SIZE.table, bold: true }, paragraph: { spacing: { line: 300, lineRule: LineRuleType.AUTO } } }],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: margins } },
        footers: { default: footer(doc), first: new Footer({ children: [new Paragraph({ children: [] })] }) },
        children: cover(doc),
      },
      ...sections.map((sec) => ({
        properties: { page: { size: { width: PAGE.width, height: PAGE.height, orientation: sec.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT }, margin: sec.landscape ? { ...margins, left: PAGE.wideMargin, right: PAGE.wideMargin } : margins } },
        footers: { default: footer(doc) },
        children: sec.children,
      })),
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
