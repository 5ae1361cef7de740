/**
 * Benchmark of report generation (`node --import tsx bench/report.ts [--runs N]`): both CNIPA
 * indices on the bundled sample data, all four formats (HTML, XLSX, DOCX, PDF), as
 * `ipindex report --sample` makes them — evaluate both, build the document, draw the figures
 * (SVG for HTML/PDF, PNG for DOCX), render each format, write the folder. Prints the median and
 * minimum of each step over N runs (default 3) after a warm-up, as a Markdown table for
 * BENCHMARKS.md, with the machine, its load and the browser that printed the PDF.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_INDICES, reportFiles, type ReportWritten } from '../src/cli/report.ts';
import { launchBrowser } from '../src/render/report-pdf.ts';
import { median } from './timing.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 3);
const loadBefore = loadavg()[0]!;
const dir = mkdtempSync(join(tmpdir(), 'ipindex-bench-report-'));
const browser = await launchBrowser().then(
  async ({ browser, choice }) => {
    const v = browser.version();
    await browser.close();
    return `${choice.source} (Chromium ${v})`;
  },
  (e: Error) => `none: ${e.message}`,
);

const once = async (i: number): Promise<{ w: ReportWritten; total: number }> => {
  const t0 = performance.now();
  const w = await reportFiles({ indices: SAMPLE_INDICES, edition: 2025, out: join(dir, `r${i}`), lang: 'zh' });
  return { w, total: performance.now() - t0 };
};

await once(-1); // warm-up: module loading, the browser's first start
const results: { w: ReportWritten; total: number }[] = [];
for (let i = 0; i < runs; i++) results.push(await once(i));

const steps = ['evaluate', 'build', 'figures', 'html', 'xlsx', 'docx', 'pdf', 'write'];
const fmt = (ms: number): string => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const last = results[results.length - 1]!;
const doc = last.w.document;
const figures = doc.blocks.filter((b) => b.kind === 'figure').length;
const tables = doc.blocks.filter((b) => b.kind === 'table').length;
const sizes = last.w.files.filter((f) => f.startsWith('report.')).map((f) => `${f} ${(statSync(join(dir, `r${runs - 1}`, f)).size / 1024).toFixed(0)} KiB`);
const lines = [
  `### Report generation (both CNIPA indices, sample data, all four formats)`,
  '',
  `${runs} runs after a warm-up; ${figures} figures, ${tables} tables; PDF printed by ${browser}.`,
  '',
  '| step | median | min |',
  '|---|---:|---:|',
  ...steps.map((s) => {
    const xs = results.map((r) => r.w.timings[s] ?? 0);
    return `| ${s} | ${fmt(median(xs))} | ${fmt(Math.min(...xs))} |`;
  }),
  `| **total** | **${fmt(median(results.map((r) => r.total)))}** | ${fmt(Math.min(...results.map((r) => r.total)))} |`,
  '',
  `Files: ${sizes.join(', ')}.`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after; ${new Date().toISOString().slice(0, 10)}.`,
];
process.stdout.write(lines.join('\n') + '\n');
rmSync(dir, { recursive: true, force: true });
