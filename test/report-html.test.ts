/** The report as one self-contained HTML page: no network access, everything escaped, phone and print layout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, inlineSvg, renderHtml } from '../src/render/report-html.ts';
import { renderFigures } from '../src/render/figures.ts';
import { fixtureDocument, INJECTION, SCRIPT } from './report-fixture.ts';

function htmlOf(lang: 'zh' | 'en' = 'zh'): string {
  const doc = fixtureDocument(lang);
  return renderHtml(doc, { figures: renderFigures(doc, { png: false }) });
}

test('self-contained: no URL, no script, no external resource; a CSP forbids every fetch', () => {
  for (const lang of ['zh', 'en'] as const) {
    const html = htmlOf(lang);
    assert.doesNotMatch(html, /https?:\/\//i, 'no http(s) URL anywhere (also no xmlns)');
    assert.doesNotMatch(html, /\/\/[a-z0-9.-]+\.[a-z]{2,}\//i, 'no protocol-relative URL');
    assert.doesNotMatch(html, /<script/i, 'no script element');
    assert.doesNotMatch(html, /<(img|link|iframe|object|embed|source|video|audio)\b/i);
    assert.doesNotMatch(html, /\ssrc\s*=/i);
    assert.doesNotMatch(html, /@import|@font-face/i);
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) assert.ok(m[1]!.startsWith('#'), `href ${m[1]} is a link inside the page`);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) assert.ok(m[1]!.startsWith('#'), `url(${m[1]}) points inside the page`);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event attributes');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  }
});

test('text is escaped: a script tag in a name and a paragraph shows as text', () => {
  const html = htmlOf();
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes(SCRIPT));
  assert.ok(html.includes(escapeHtml(INJECTION)), 'a formula is shown as it is (a browser evaluates nothing)');
  assert.equal(escapeHtml(`a&b<"'>`), 'a&amp;b&lt;&quot;&#39;&gt;');
});

test('cover, headings with numbers, table cells as displayed, the figure inline with its caption below', () => {
  const html = htmlOf();
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /<header class="cover">\n<h1>知识产权发展指数评价报告<\/h1>/);
  assert.match(html, /<div class="sample" role="note">【样本数据】/);
  assert.match(html, /<dd>data\/sample\/national.csv<br><span class="hash">SHA-256 a{64}<\/span>/);
  assert.match(html, /<h1 id="h-0">第三章 知识产权发展状况评价<\/h1>/);
  assert.match(html, /<h2 id="h-1">（一）总体情况<\/h2>/);
  assert.match(html, /<h1 id="h-7" class="chapter">第四章 规划目标<\/h1>/, 'a later chapter starts a printed page; the first follows the contents page');
  assert.match(html, /<div class="table-block keep"><p class="caption" id="t-provinces-caption">表 1 2025年各省知识产权发展指数得分与排名<\/p>\n<div class="table-wrap"><table id="t-provinces" aria-labelledby="t-provinces-caption">/);
  assert.match(html, /<tr><td>北京<\/td><td class="num">90\.00<\/td><td class="num">1<\/td><td class="num">\+0\.73<\/td><\/tr>/);
  assert.match(html, /<td class="num">—<\/td>/);
  assert.match(html, /<td class="num">12\.5%<\/td>/);
  const fig = /<figure id="f-rank-intervals"><div class="chart"><svg ([^>]*)><title>([^<]*)<\/title>[\s\S]*?<\/svg><\/div><figcaption>([^<]*)<\/figcaption><\/figure>/.exec(html);
  assert.ok(fig, 'figure with inline svg and caption');
  assert.match(fig[1]!, /viewBox="0 0 900 480"/);
  assert.doesNotMatch(fig[1]!, /\swidth=|\sheight=/, 'scales with the page');
  assert.equal(fig[3], '图 19 2021—2025年知识产权强国建设指数排名区间');
  assert.ok(html.includes('排名区间') && html.includes('北京'), 'chart text in the SVG');
  assert.match(html, /<nav class="toc"[^>]*><h2>目录<\/h2><ol><li><a href="#h-0">第三章 知识产权发展状况评价<\/a><ol><li><a href="#h-1">（一）总体情况<\/a><\/li><\/ol><\/li><li><a href="#h-7">第四章 规划目标<\/a><\/li><\/ol><\/nav>/);
});

test('phone and print: viewport, scrolling tables, A4 print rules with chapters on new pages', () => {
  const html = htmlOf();
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(html, /\.table-wrap \{ overflow-x: auto;/);
  assert.match(html, /@media \(max-width: 600px\)/);
  assert.match(html, /@media print \{[\s\S]*@page \{ size: A4;[\s\S]*h1\.chapter \{ break-before: page; \}[\s\S]*thead \{ display: table-header-group; \}/);
  assert.match(html, /<p class="sample-banner" role="note">【样本数据】/);
  assert.match(htmlOf('en'), /<html lang="en">[\s\S]*<h1 id="h-0">Chapter 3 Evaluation<\/h1>/);
});

test('a figure that could not be drawn keeps its caption, with a note', () => {
  const doc = fixtureDocument('zh');
  const html = renderHtml(doc, { figures: new Map([['rank-intervals', { error: 'no <map>' }]]) });
  assert.match(html, /<div class="missing">（图未能生成：no &lt;map&gt;）<\/div><figcaption>图 19 /);
});

test('inlineSvg: namespaces, sizes, scripts, event handlers and outside links removed; ids prefixed', () => {
  const svg = '<?xml version="1.0"?><svg width="10" height="5" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 5"><defs><clipPath id="c0"><rect/></clipPath></defs><g clip-path="url(#c0)" onclick="x()"><use xlink:href="#c0"/><a href="https://example.com/x"><text>t</text></a></g><script>alert(1)</script><foreignObject><div/></foreignObject></svg>';
  assert.equal(
    inlineSvg(svg, 'f1-', '图 <1>'),
    '<svg viewBox="0 0 10 5" role="img" aria-label="图 &lt;1&gt;" preserveAspectRatio="xMidYMid meet"><title>图 &lt;1&gt;</title><defs><clipPath id="f1-c0"><rect/></clipPath></defs><g clip-path="url(#f1-c0)"><use href="#f1-c0"/><a><text>t</text></a></g></svg>',
  );
});
