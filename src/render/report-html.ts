/**
 * The report as one self-contained web page: inline CSS, charts as inline SVG, no scripts, no
 * external fonts, images or links — a Content-Security-Policy forbids every fetch, so the page
 * makes no network access even when opened from a web server. Readable on a phone (tables
 * scroll sideways with the first column kept in view, charts scale to the width) and printable
 * (A4, each chapter on a new page, table headers repeated, figures kept whole); the PDF is this
 * page printed by a headless Chromium. All text of the document is HTML-escaped.
 */
import type { FigureBlock, ReportBlock, ReportDocument, TableBlock } from '../core/report-model/document.ts';
import { cellText, headingLabel, isNumberCell, titleWithEdition, xmlSafe } from './cells.ts';
import type { RenderedFigure } from './figures.ts';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** The pictures of the figures, by figure id ({@link renderFigures}); a figure without one shows a note. */
  figures?: Map<string, RenderedFigure>;
  /** Leave out the table of contents (default: shown when there are at least two chapters). */
  toc?: boolean;
}

/**
 * Escapes text for HTML element content and quoted attribute values (control characters become U+FFFD, {@link xmlSafe}).
 * @example escapeHtml('<script>alert(1)</script>') // => '&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function escapeHtml(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An ECharts SVG made fit to sit inline in the page: the XML namespace declarations dropped (an
 * HTML parser needs none, and the page then names no URL at all), the fixed size replaced by the
 * view box (the chart scales with the page), ids prefixed so that two charts' clip paths and
 * gradients cannot collide, anything active (scripts, event attributes, foreign objects, links
 * out of the document) removed, and a title for screen readers.
 */
export function inlineSvg(svg: string, prefix: string, title: string): string {
  let s = svg.replace(/<\?xml[^>]*>\s*/g, '').replace(/<!DOCTYPE[^>]*>\s*/gi, '');
  s = s.replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
  s = s.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '');
  s = s.replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
  // references to ids of this SVG only; anything else (an external href) is dropped
  s = s.replace(/\s(?:xlink:)?href="([^"]*)"/g, (_m, h: string) => (h.startsWith('#') ? ` href="#${prefix}${h.slice(1)}"` : ''));
  s = s.replace(/\sid="([^"]*)"/g, (_m, id: string) => ` id="${prefix}${id}"`);
  s = s.replace(/url\(\s*#([^)\s]+)\s*\)/g, (_m, id: string) => `url(#${prefix}${id})`);
  s = s.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const a = attrs.replace(/\s(width|height)="[^"]*"/g, '');
    return `<svg${a} role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMidYMid meet"><title>${escapeHtml(title)}</title>`;
  });
  return s;
}

const FONT_SANS = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;
const FONT_SERIF = `"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "宋体", serif`;
/** English pages: Latin faces first (a CJK font's Latin letters are set wide), CJK after them for Chinese names. */
const FONT_SANS_EN = `"Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", ${FONT_SANS}`;
const FONT_SERIF_EN = `Georgia, "Times New Roman", "Liberation Serif", "DejaVu Serif", ${FONT_SERIF}`;

/** The page's style sheet: screen (phone to desktop) and print (A4). */
export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --head: #eef4fb; --accent: #2f6db5; --warn: #b00020; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font-family: ${FONT_SERIF}; font-size: 17px; line-height: 1.75; }
h1, h2, h3, .cover, .caption, figcaption, th, .sample, nav { font-family: ${FONT_SANS}; }
main, .cover, nav.toc { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.sample-banner { position: sticky; top: 0; z-index: 2; margin: 0; padding: .35rem 1rem; background: #fdecea; color: var(--warn); font: 600 .85rem/1.4 ${FONT_SANS}; text-align: center; border-bottom: 1px solid #f5c2c0; }
.cover { padding-top: 3rem; padding-bottom: 2rem; border-bottom: 1px solid var(--line); }
.cover h1 { font-size: 2rem; line-height: 1.3; margin: 0 0 .5rem; }
.cover .subtitle { font-size: 1.25rem; color: var(--muted); margin: 0 0 1.5rem; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1.5rem 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; overflow-wrap: anywhere; }
.cover .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; color: var(--muted); }
.sample { border: 2px solid var(--warn); color: var(--warn); padding: .75rem 1rem; font-weight: 700; margin: 1.5rem 0; }
nav.toc { padding-top: 1rem; padding-bottom: 1rem; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc ol ol { padding-left: 1.5rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p { margin: .6rem 0; text-indent: 2em; text-align: justify; }
html[lang="en"] p { text-indent: 0; }
html[lang="en"] body { font-family: ${FONT_SERIF_EN}; }
html[lang="en"] :is(h1, h2, h3, .cover, .caption, figcaption, th, table, .sample, .sample-banner, nav) { font-family: ${FONT_SANS_EN}; }
p.note { font-size: .85rem; color: var(--muted); text-indent: 0; }
.sample-banner, .cover p, .table-note { text-indent: 0; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0 0 1rem; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-family: ${FONT_SANS}; font-size: .9rem; line-height: 1.45; }
.caption { text-align: center; font-weight: 700; margin: 1rem 0 .5rem; text-indent: 0; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; vertical-align: top; }
th { background: var(--head); text-align: left; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr.subhead td { background: var(--head); font-weight: 700; }
th:first-child, td:first-child { position: sticky; left: 0; background: #fff; }
td:first-child { white-space: nowrap; }
th:first-child { background: var(--head); }
.table-note { font-size: .85rem; color: var(--muted); margin: -.5rem 0 1rem; }
figure { margin: 1.5rem 0; }
figure .chart svg { display: block; width: 100%; height: auto; max-width: 100%; margin: 0 auto; }
figure .missing { border: 1px dashed var(--line); padding: 2rem; text-align: center; color: var(--muted); }
figcaption { text-align: center; font-weight: 700; font-size: .95rem; margin-top: .5rem; }
footer.colophon { max-width: 60rem; margin: 3rem auto 2rem; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8rem; }
@media (max-width: 600px) {
  body { font-size: 16px; }
  .cover { padding-top: 1.5rem; }
  .cover h1 { font-size: 1.5rem; }
  .cover dl { grid-template-columns: 1fr; }
  .cover dt { margin-top: .5rem; }
  h1 { font-size: 1.35rem; }
  table { font-size: .8rem; }
}
@media print {
  @page { size: A4; margin: 18mm 16mm 20mm; }
  body { font-size: 11pt; line-height: 1.6; }
  .sample-banner { display: none; }
  main, .cover, nav.toc, footer.colophon { max-width: none; padding: 0; }
  .cover { min-height: 240mm; border: none; padding-top: 40mm; break-after: page; }
  nav.toc { break-after: page; }
  nav.toc a { color: inherit; }
  h1 { margin-top: 0; }
  h1.chapter { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  .table-wrap { overflow: visible; border: none; }
  table { font-size: 9pt; }
  th, th.num { white-space: normal; }
  .table-block.keep { break-inside: avoid; }
  .caption { break-after: avoid; }
  @page wide { size: A4 landscape; margin: 14mm 12mm 18mm; }
  .table-block.wide { page: wide; }
  .table-block.wide table { font-size: 7.5pt; line-height: 1.3; }
  .table-block.wider table { font-size: 6pt; }
  .table-block.wide th, .table-block.wide td { padding: .15rem .2rem; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  th:first-child, td:first-child { position: static; }
  p { orphans: 3; widows: 3; }
}
`;

/** The cover: title, index names, edition, inputs with their hashes or vintage, the sample notice. */
function cover(doc: ReportDocument): string {
  const m = doc.meta;
  const zh = m.lang === 'zh';
  const rows: string[] = [];
  const row = (k: string, v: string): void => void rows.push(`<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`);
  row(zh ? '指数' : m.indices.length > 1 ? 'Indices' : 'Index', m.indices.map((i) => escapeHtml(i.name)).join('<br>'));
  row(zh ? '版次' : 'Edition', escapeHtml(zh ? `${m.edition}年` : String(m.edition)));
  row(
    zh ? '输入数据' : 'Inputs',
    m.inputs
      .map((i) => `${escapeHtml(i.label)}${i.vintage ? ` <span class="hash">${escapeHtml(zh ? `版本 ${i.vintage}` : `vintage ${i.vintage}`)}</span>` : ''}${i.sha256 ? `<br><span class="hash">SHA-256 ${escapeHtml(i.sha256)}</span>` : ''}`)
      .join('<br>'),
  );
  if (m.realDataSource) row(zh ? '数据来源' : 'Data source', escapeHtml(m.realDataSource));
  row(zh ? '软件' : 'Software', escapeHtml(m.software));
  row(zh ? '生成日期' : 'Generated', escapeHtml(m.generated));
  return [
    '<header class="cover">',
    `<h1>${escapeHtml(m.title)}</h1>`,
    m.subtitle ? `<p class="subtitle">${escapeHtml(m.subtitle)}</p>` : '',
    m.sampleNotice ? `<div class="sample" role="note">${escapeHtml(m.sampleNotice)}</div>` : '',
    `<dl>${rows.join('')}</dl>`,
    '</header>',
  ].join('\n');
}

/** Tables with more columns than this are printed on landscape pages in small type (smaller still beyond twice as many). */
export const WIDE_TABLE = 8;
/** Tables of at most this many rows are printed on one page (moved to the next page whole rather than split). */
export const KEEP_ROWS = 40;

/** A table with its caption, header rows, cells (numbers right-aligned) and note. */
function table(t: TableBlock): string {
  const headerRows = Math.max(1, t.headerRows ?? 1);
  const align = (j: number): string => (t.columns[j]?.align === 'right' ? ' class="num"' : '');
  const head = `<tr>${t.columns.map((c, j) => `<th scope="col"${align(j)}>${escapeHtml(c.header)}</th>`).join('')}</tr>`;
  const extraHead = t.rows.slice(0, headerRows - 1).map((r) => `<tr>${r.map((c, j) => `<th${align(j)}>${escapeHtml(cellText(c))}</th>`).join('')}</tr>`);
  const body = t.rows.slice(headerRows - 1).map((r) => `<tr>${r.map((c, j) => `<td${isNumberCell(c) || t.columns[j]?.align === 'right' ? ' class="num"' : ''}>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`);
  const id = anchor('t', t.id);
  const classes = ['table-block', ...(t.columns.length > WIDE_TABLE ? ['wide'] : []), ...(t.columns.length > 2 * WIDE_TABLE ? ['wider'] : []), ...(t.rows.length <= KEEP_ROWS ? ['keep'] : [])];
  return [
    // the caption outside the table, so that a printed page cannot part it from the rows
    `<div class="${classes.join(' ')}"><p class="caption" id="${escapeHtml(id)}-caption">${escapeHtml(t.caption)}</p>`,
    `<div class="table-wrap"><table id="${escapeHtml(id)}" aria-labelledby="${escapeHtml(id)}-caption">`,
    `<thead>${head}${extraHead.join('')}</thead>`,
    `<tbody>\n${body.join('\n')}\n</tbody></table></div>`,
    t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : '',
    '</div>',
  ].join('\n');
}

/** An id made of safe characters. */
function anchor(kind: string, id: string): string {
  return `${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A figure: its inline SVG (or a note when it could not be drawn) and its numbered caption below. */
function figure(f: FigureBlock, n: number, figures: Map<string, RenderedFigure> | undefined, zh: boolean): string {
  const pic = figures?.get(f.id);
  const body = pic?.svg
    ? `<div class="chart">${inlineSvg(pic.svg, `f${n}-`, f.caption)}</div>`
    : `<div class="missing">${escapeHtml(zh ? `（图未能生成${pic?.error ? `：${pic.error}` : ''}）` : `(figure not drawn${pic?.error ? `: ${pic.error}` : ''})`)}</div>`;
  return `<figure id="${escapeHtml(anchor('f', f.id))}">${body}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`;
}

/** The table of contents: chapters and sections, linked to their headings. */
function toc(blocks: ReportBlock[], zh: boolean): string {
  const chapters: { link: string; sections: string[] }[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== 'heading' || b.level > 2) return;
    const link = `<a href="#h-${i}">${escapeHtml(headingLabel(b))}</a>`;
    if (b.level === 1 || !chapters.length) chapters.push({ link: b.level === 1 ? link : '', sections: b.level === 1 ? [] : [link] });
    else chapters[chapters.length - 1]!.sections.push(link);
  });
  const items = chapters.map((c) => `<li>${c.link}${c.sections.length ? `<ol>${c.sections.map((s) => `<li>${s}</li>`).join('')}</ol>` : ''}</li>`);
  return `<nav class="toc" aria-label="${zh ? '目录' : 'Contents'}"><h2>${zh ? '目录' : 'Contents'}</h2><ol>${items.join('')}</ol></nav>`;
}

/**
 * Renders a report document as one self-contained HTML page (see the module comment).
 * Usage: `renderHtml(doc, { figures: renderFigures(doc, { png: false }) })` gives the page, `<!DOCTYPE html>…`.
 */
export function renderHtml(doc: ReportDocument, options: HtmlOptions = {}): string {
  const zh = doc.meta.lang === 'zh';
  const parts: string[] = [];
  let fig = 0;
  let fresh = true;
  doc.blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'heading': {
        // a chapter starts a printed page, unless only notes stand between it and the cover
        const cls = b.level === 1 && !fresh ? ' class="chapter"' : '';
        parts.push(`<h${b.level} id="h-${i}"${cls}>${escapeHtml(headingLabel(b))}</h${b.level}>`);
        fresh = false;
        break;
      }
      case 'paragraph':
        parts.push(`<p${b.style === 'note' ? ' class="note"' : ''}>${escapeHtml(b.text)}</p>`);
        if (b.style !== 'note') fresh = false;
        break;
      case 'table':
        parts.push(table(b));
        fresh = false;
        break;
      case 'figure':
        parts.push(figure(b, ++fig, options.figures, zh));
        fresh = false;
        break;
    }
  });
  const chapters = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).length;
  const m = doc.meta;
  return [
    '<!DOCTYPE html>',
    `<html lang="${zh ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // nothing may be fetched: no scripts, fonts, images or frames from anywhere
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'">`,
    `<meta name="generator" content="${escapeHtml(m.software)}">`,
    `<title>${escapeHtml(`${titleWithEdition(m)}${m.sampleNotice ? (zh ? '（样本数据）' : ' (sample data)') : ''}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    m.sampleNotice ? `<p class="sample-banner" role="note">${escapeHtml(m.sampleNotice)}</p>` : '',
    cover(doc),
    (options.toc ?? chapters >= 2) ? toc(doc.blocks, zh) : '',
    '<main>',
    parts.join('\n'),
    '</main>',
    `<footer class="colophon">${escapeHtml(`${m.software} · ${m.generated}${m.sampleNotice ? ` · ${m.sampleNotice}` : ''}`)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
