/** The report as PDF: the HTML page printed by headless Chromium (Debian's or @sparticuz/chromium). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { BrowserUnavailableError, launchBrowser, libraryHint, pdfFooter, renderPdf, type BrowserChoice } from '../src/render/report-pdf.ts';
import { renderHtml } from '../src/render/report-html.ts';
import { renderFigures } from '../src/render/figures.ts';
import { fixtureDocument } from './report-fixture.ts';

/** Whether a browser starts here; the reason when not (the PDF tests are skipped with it). */
const browser = await launchBrowser().then(
  async ({ browser, choice }) => {
    await browser.close();
    return { ok: true as const, source: choice.source };
  },
  (e: unknown) => ({ ok: false as const, why: (e as Error).message }),
);
const skip = browser.ok ? false : `no headless browser can start here: ${browser.why}`;

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('prints the report: a PDF with a page for the cover, the contents and each chapter', { skip }, async () => {
  const doc = fixtureDocument('zh');
  const pdf = Buffer.from(await renderPdf(renderHtml(doc, { figures: renderFigures(doc, { png: false }) }), doc.meta));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.subarray(-1024).toString('latin1').includes('%%EOF'));
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  // cover, contents, chapter 3 (table, then the figure on a page of its own or with the table), chapter 4
  assert.ok(pages >= 4 && pages <= 6, `${pages} pages`);
  if (hasPdftotext) {
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
    for (const s of ['知识产权发展指数评价报告', '【样本数据】', '第三章 知识产权发展状况评价', '表 1 2025年各省知识产权发展指数得分与排名', '图 19', '<script>alert(1)</script>']) assert.ok(text.includes(s), s);
    assert.match(text, /第\s*1\s*页\s*\/\s*共\s*\d+\s*页/, 'page numbers');
  }
});

test('the page fetches nothing: a picture from a local server is refused, the server sees no request', { skip }, async () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('x');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const html = `<!DOCTYPE html><html><body><p>外部资源</p><img src="http://127.0.0.1:${port}/a.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/b.css"><script src="http://127.0.0.1:${port}/c.js"></script></body></html>`;
    const pdf = Buffer.from(await renderPdf(html, { lang: 'zh', title: 't', edition: 2025 }));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(hits, 0);
  } finally {
    server.close();
  }
});

test('no browser can start: one message naming each one tried and what to install', async () => {
  const candidates = async function* (): AsyncGenerator<BrowserChoice | { source: string; error: string }> {
    yield { source: 'debian', error: '/usr/bin/chromium is not installed' };
    yield { source: '@sparticuz/chromium', executablePath: '/nonexistent/chromium', args: [] };
  };
  await assert.rejects(renderPdf('<p>x</p>', { lang: 'zh', title: 't', edition: 2025 }, { candidates, launchTimeout: 10_000 }), (e: Error) => {
    assert.ok(e instanceof BrowserUnavailableError);
    assert.match(e.message, /^PDF 未生成：没有可启动的无头浏览器（debian: \/usr\/bin\/chromium is not installed；@sparticuz\/chromium \(\/nonexistent\/chromium\): /);
    assert.match(e.message, /PDF not written: no headless browser could start/);
    assert.match(e.message, /apt-get install chromium/);
    assert.match(e.message, /the other formats are written/);
    assert.doesNotMatch(e.message, /\n/, 'one line');
    return true;
  });
});

test('footer: page x of y, the sample mark, all text escaped', () => {
  const f = pdfFooter({ lang: 'zh', title: '<b>报告</b>', edition: 2025, sampleNotice: 'x' });
  assert.match(f, /样本数据/);
  assert.match(f, /第 <span class="pageNumber"><\/span> 页 \/ 共 <span class="totalPages"><\/span> 页/);
  assert.ok(f.includes('&lt;b&gt;报告&lt;/b&gt; 2025'));
  assert.ok(pdfFooter({ lang: 'zh', title: '报告（2025年）', edition: 2025 }).includes('>报告（2025年）</span>'), 'the edition once');
  assert.doesNotMatch(pdfFooter({ lang: 'en', title: 't', edition: 2025 }), /SAMPLE/);
});

test('a browser missing a system library: the Debian package to install', () => {
  assert.equal(libraryHint('/tmp/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file'), ' — apt-get install libnss3');
  assert.equal(libraryHint('x: error while loading shared libraries: libfoo.so.2: cannot open'), ' — install the system library libfoo.so.2');
  assert.equal(libraryHint('Timeout 120000ms exceeded'), '');
});
