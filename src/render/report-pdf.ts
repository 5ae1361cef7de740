/**
 * The report as PDF: the self-contained HTML page ({@link renderHtml}) printed by a headless
 * Chromium through playwright-core, A4, page numbers (and the sample-data notice) in the footer.
 * The browser is the one `IPINDEX_CHROMIUM` names (and no other), else, in this order, Debian's
 * `/usr/bin/chromium` when installed, then the Chromium inside the npm package `@sparticuz/chromium` (a dependency, so
 * `npm install` brings it; it unpacks itself to the temporary folder on first launch). Nothing
 * is downloaded at run time, and the page may fetch nothing: every request it makes is refused
 * and JavaScript is off. When no browser can start, {@link BrowserUnavailableError} says which
 * were tried and why each failed.
 */
import { existsSync } from 'node:fs';
import { IpIndexError } from '../core/errors.ts';
import type { ReportMeta } from '../core/report-model/document.ts';
import { escapeHtml } from './report-html.ts';
import { titleWithEdition } from './cells.ts';

/** Debian's Chromium. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The launch flags of a system Chromium (STACK.md): no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-default-apps', '--mute-audio'];

/** No headless browser could start: the message names each one tried and what went wrong, and what to install. */
export class BrowserUnavailableError extends IpIndexError {}

/** A browser to launch. */
export interface BrowserChoice {
  /** Where it came from: the environment variable, Debian, or the npm package. */
  source: 'IPINDEX_CHROMIUM' | 'debian' | '@sparticuz/chromium';
  executablePath: string;
  args: string[];
}

/** Options of {@link renderPdf} and {@link launchBrowser}. */
export interface PdfOptions {
  /** Browsers to try, in order (default {@link browserCandidates}). */
  candidates?: () => AsyncIterable<BrowserChoice | { source: string; error: string }>;
  /** Longest wait for the browser to start, in ms (default 120 000: a first launch of the npm Chromium unpacks it). */
  launchTimeout?: number;
}

/**
 * The browsers to try: the one `IPINDEX_CHROMIUM` names (a path to a Chromium or Chrome) alone,
 * else Debian's `/usr/bin/chromium`, then `@sparticuz/chromium`; each yields a choice, or why it
 * is not there.
 */
export async function* browserCandidates(): AsyncIterable<BrowserChoice | { source: string; error: string }> {
  const env = process.env.IPINDEX_CHROMIUM;
  if (env) {
    // a browser named by the user is the only one tried
    if (existsSync(env)) yield { source: 'IPINDEX_CHROMIUM', executablePath: env, args: CHROMIUM_FLAGS };
    else yield { source: 'IPINDEX_CHROMIUM', error: `${env} does not exist` };
    return;
  }
  if (existsSync(DEBIAN_CHROMIUM)) yield { source: 'debian', executablePath: DEBIAN_CHROMIUM, args: CHROMIUM_FLAGS };
  else yield { source: 'debian', error: `${DEBIAN_CHROMIUM} is not installed` };
  try {
    const chromium = (await import('@sparticuz/chromium')).default;
    yield { source: '@sparticuz/chromium', executablePath: await chromium.executablePath(), args: chromium.args };
  } catch (e) {
    yield { source: '@sparticuz/chromium', error: (e as Error)?.message ?? String(e) };
  }
}

type Browser = import('playwright-core').Browser;

/**
 * Starts the first browser of the candidates that launches.
 * @throws BrowserUnavailableError naming every browser tried and why it failed
 */
export async function launchBrowser(options: PdfOptions = {}): Promise<{ browser: Browser; choice: BrowserChoice }> {
  const failures: string[] = [];
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch (e) {
    throw new BrowserUnavailableError(`PDF 未生成：无法加载 playwright-core（${(e as Error).message}）；请运行 npm install / PDF not written: playwright-core cannot be loaded (${(e as Error).message}); run npm install`);
  }
  for await (const c of (options.candidates ?? browserCandidates)()) {
    if ('error' in c) {
      failures.push(`${c.source}: ${c.error}`);
      continue;
    }
    try {
      const browser = await pw.chromium.launch({ executablePath: c.executablePath, args: c.args, headless: true, timeout: options.launchTimeout ?? 120_000 });
      return { browser, choice: c };
    } catch (e) {
      const msg = (e as Error)?.message ?? String(e);
      failures.push(`${c.source} (${c.executablePath}): ${firstLine(msg)}${libraryHint(msg)}`);
    }
  }
  throw new BrowserUnavailableError(
    `PDF 未生成：没有可启动的无头浏览器（${failures.join('；')}）。请运行 npm install（安装 @sparticuz/chromium），或安装 Debian 的 chromium（apt-get install chromium），或用 IPINDEX_CHROMIUM 指定浏览器路径；其他格式已照常写出。` +
      ` / PDF not written: no headless browser could start (${failures.join('; ')}). Run npm install (it brings @sparticuz/chromium), install Debian's chromium (apt-get install chromium), or point IPINDEX_CHROMIUM to a Chromium; the other formats are written as usual.`,
  );
}

/** Debian packages of the system libraries a Chromium may miss. */
const LIBRARY_PACKAGES: [RegExp, string][] = [
  [/^lib(nss3|nssutil3|smime3|softokn3)\./, 'libnss3'],
  [/^libnspr4\./, 'libnspr4'],
  [/^libexpat\./, 'libexpat1'],
  [/^libdbus-1\./, 'libdbus-1-3'],
  [/^libfontconfig\./, 'libfontconfig1'],
];

/** For a browser that cannot load a system library: which Debian package to install. */
export function libraryHint(message: string): string {
  const lib = /error while loading shared libraries: (\S+?):/.exec(message)?.[1];
  if (!lib) return '';
  const pkg = LIBRARY_PACKAGES.find(([re]) => re.test(lib))?.[1];
  return pkg ? ` — apt-get install ${pkg}` : ` — install the system library ${lib}`;
}

/** The first line of a message, without playwright's call log. */
function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim())?.trim().slice(0, 300) ?? s;
}

/** The page footer of the PDF: page x / y, and the sample-data notice where it applies. */
export function pdfFooter(meta: Pick<ReportMeta, 'lang' | 'sampleNotice' | 'title' | 'edition'>): string {
  const zh = meta.lang === 'zh';
  const left = meta.sampleNotice ? `<span style="color:#b00020;font-weight:700">${escapeHtml(zh ? '样本数据' : 'SAMPLE DATA')}</span> · ` : '';
  return `<div style="width:100%;font-size:8px;color:#57606a;padding:0 16mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif"><span>${left}${escapeHtml(titleWithEdition(meta))}</span><span>${zh ? '第 ' : ''}<span class="pageNumber"></span>${zh ? ' 页 / 共 ' : ' / '}<span class="totalPages"></span>${zh ? ' 页' : ''}</span></div>`;
}

/**
 * Prints an HTML page to PDF (A4, backgrounds, page numbers) in a headless Chromium with
 * JavaScript off and every network request refused.
 * @throws BrowserUnavailableError when no browser can start
 */
export async function renderPdf(html: string, meta: Pick<ReportMeta, 'lang' | 'sampleNotice' | 'title' | 'edition'>, options: PdfOptions = {}): Promise<Uint8Array> {
  const { browser } = await launchBrowser(options);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: pdfFooter(meta),
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      outline: true,
      tagged: true,
    });
    await context.close();
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
