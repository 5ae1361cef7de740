/** The report as DOCX: unzipped, its document.xml holds the text, captions, headings and pictures; names stay text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDocx } from '../src/render/report-docx.ts';
import { renderFigures } from '../src/render/figures.ts';
import { fixtureDocument, INJECTION, SCRIPT } from './report-fixture.ts';
import { unzip } from './zip-read.ts';

const xmlText = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

async function docxOf(lang: 'zh' | 'en' = 'zh', withFigures = true) {
  const doc = fixtureDocument(lang);
  const bytes = await renderDocx(doc, withFigures ? { figures: renderFigures(doc, { svg: false }) } : {});
  const files = unzip(bytes);
  const xml = files.get('word/document.xml')!.toString('utf8');
  return { bytes, files, xml, text: unescape(xmlText(xml)) };
}

test('a ZIP with the parts Word needs', async () => {
  const { bytes, files } = await docxOf();
  assert.equal(Buffer.from(bytes.subarray(0, 2)).toString(), 'PK');
  for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']) assert.ok(files.has(part), part);
});

test('cover: title, edition, indices, inputs with their SHA-256, the sample notice; no page number on it', async () => {
  const { xml, text } = await docxOf();
  for (const s of ['知识产权发展指数评价报告', '2025年版', '知识产权强国建设指数', '地区知识产权发展指数', 'data/sample/national.csv', 'a'.repeat(64), '【样本数据】以下结果由随附的样本数据计算', 'ipindex 0.1.0', '2026-12-02']) assert.ok(text.includes(s), s);
  assert.match(xml, /<w:titlePg\/>/, 'a different first page: the cover has an empty footer');
});

test('headings with their numbers as given, in Word heading styles; chapters start a page', async () => {
  const { xml, text } = await docxOf();
  assert.ok(text.includes('第三章 知识产权发展状况评价'));
  assert.ok(text.includes('（一）总体情况'), 'no space after a closing bracket');
  assert.ok(text.includes('1. 排名稳健性'));
  assert.equal((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length, 2);
  assert.equal((xml.match(/<w:pStyle w:val="Heading2"\/>/g) ?? []).length, 1);
  assert.equal((xml.match(/<w:pStyle w:val="Heading3"\/>/g) ?? []).length, 1);
  // the cover is a section of its own (its end breaks the page); the second chapter breaks it
  assert.equal((xml.match(/<w:sectPr\b/g) ?? []).length, 2);
  assert.equal((xml.match(/<w:pageBreakBefore\/>/g) ?? []).length, 1);
});

test('tables: caption, header, cells as displayed (two decimals, signed, per cent, missing as —), repeated header row', async () => {
  const { xml, text } = await docxOf();
  assert.ok(text.includes('表 1 2025年各省知识产权发展指数得分与排名'));
  // 北京 90 → 90.00, rank 1, +0.734 → +0.73; 上海 −0.256 → -0.26
  assert.ok(text.includes('北京90.001+0.73'), text.slice(text.indexOf('北京'), text.indexOf('北京') + 20));
  assert.ok(text.includes('上海88.502-0.26'));
  assert.ok(text.includes('—130.00'), 'missing score and a zero change without sign');
  assert.ok(text.includes('70.11412.5%'));
  assert.ok(text.includes('注：得分保留两位小数。'));
  assert.equal((xml.match(/<w:tbl>/g) ?? []).length, 2);
  assert.ok((xml.match(/<w:tblHeader\/>/g) ?? []).length >= 2);
});

test('the figure is a PNG picture with its numbered caption below it', async () => {
  const { xml, files } = await docxOf();
  const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
  assert.equal(media.length, 1);
  const png = files.get(media[0]!)!;
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const pic = xml.indexOf('<w:drawing>');
  const cap = xml.indexOf('图 19 2021—2025年知识产权强国建设指数排名区间');
  assert.ok(pic > 0 && cap > pic, 'caption after the picture');
  assert.match(xml, /<wp:extent cx="5715000" cy="3048000"\/>/, '900 × 480 scaled to 600 × 320 px (9525 EMU a pixel)');
  assert.match(xml, /descr="图 19 /, 'the caption as alternative text');
});

test('without a picture the caption stays and a note says the figure was not drawn', async () => {
  const { xml, text } = await docxOf('zh', false);
  assert.ok(!xml.includes('<w:drawing>'));
  assert.ok(text.includes('（图未能生成）图 19'));
});

test('a script tag and a formula are plain text runs', async () => {
  const { xml, text } = await docxOf();
  assert.ok(text.includes(SCRIPT));
  assert.ok(xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!xml.includes('<script'));
  assert.ok(text.includes(INJECTION), 'Word does not evaluate text, so it is shown as it is');
  assert.ok(!/<w:fldSimple|<w:instrText>(?!\s*PAGE)/.test(xml), 'no fields besides the page number');
});

test('Chinese fonts: 宋体 body and 黑体 headings, East Asian language zh-CN; English document too', async () => {
  const { files } = await docxOf();
  const styles = files.get('word/styles.xml')!.toString('utf8');
  assert.match(styles, /w:eastAsia="宋体"/);
  assert.match(styles, /w:eastAsia="黑体"/);
  assert.match(styles, /<w:lang [^>]*w:eastAsia="zh-CN"/);
  const en = await docxOf('en');
  assert.ok(en.text.includes('Chapter 3 Evaluation'));
  assert.ok(en.text.includes('2025 edition'));
  const footers = [...en.files].filter(([k]) => /^word\/footer\d*\.xml$/.test(k)).map(([, v]) => v.toString('utf8')).join('');
  assert.ok(xmlText(footers).includes('Page '), 'page numbers');
  assert.match(footers, /PAGE/);
});

test('a table of more than 8 columns gets landscape pages of its own, in 7 pt type', async () => {
  const doc = fixtureDocument('zh');
  const columns = Array.from({ length: 12 }, (_, j) => ({ header: `列${j + 1}` }));
  doc.blocks.splice(4, 0, { kind: 'table', id: 'wide', caption: '表 9 宽表', sheetName: '宽表', columns, rows: [columns.map((_, j) => ({ value: j, decimals: 1 }))] });
  const xml = unzip(await renderDocx(doc)).get('word/document.xml')!.toString('utf8');
  const sects = [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
  assert.equal(sects.length, 4, 'cover, portrait, landscape (the wide table), portrait');
  assert.deepEqual(sects.map((x) => /w:orient="landscape"/.test(x)), [false, false, true, false]);
  // landscape A4: 16838 × 11906 twips
  assert.match(sects[2]!, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  const wide = xml.slice(xml.indexOf('表 9 宽表'));
  assert.match(wide.slice(0, 3000), /<w:sz w:val="14"\/>/);
});

test('control characters in a name cannot break the XML', async () => {
  const doc = fixtureDocument('zh');
  doc.blocks.push({ kind: 'paragraph', text: 'bad\u0001name\u000bhere' });
  const xml = unzip(await renderDocx(doc)).get('word/document.xml')!.toString('utf8');
  assert.ok(xml.includes('bad\ufffdname\ufffdhere'));
  assert.ok(!/[\u0001\u000b]/.test(xml)); // eslint-disable-line no-control-regex
});
