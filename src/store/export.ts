/**
 * Exporting a vintage to a file: tidy CSV (UTF-8 with a byte-order mark, so Excel shows the
 * Chinese names; text an office suite would run as a formula neutralised), XLSX (one sheet of the
 * observations, one of the vintage's provenance and warnings) or Parquet (DuckDB's writer). The
 * file is written beside its place and renamed over it: a reader never sees half a file.
 */
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { IpIndexError } from '../core/errors.ts';
import { neutraliseFormula, toCsv } from '../core/text/csv.ts';
import { writeFileAtomically } from '../io/write.ts';
import type { Store } from './db.ts';
import { readVintage, vintageInfo, vintageProblems } from './vintages.ts';

/** The formats {@link exportVintage} writes, by file extension. */
export const EXPORT_FORMATS = ['.csv', '.xlsx', '.parquet'] as const;

const HEADER = ['unit', 'year', 'variable', 'value', 'flag', 'source', 'note', 'file', 'row', 'sheet', 'column'] as const;

/**
 * Writes vintage `id` to `out` in the format its extension names.
 * @throws IpIndexError for another extension; StoreError when there is no such vintage
 */
export async function exportVintage(store: Store, id: number, out: string): Promise<{ rows: number; format: string }> {
  const ext = extname(out).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(ext)) throw new IpIndexError(`导出文件应以 .csv、.xlsx 或 .parquet 结尾，得到 ${out} / --out must end in .csv, .xlsx or .parquet, got ${out}`);
  const info = await vintageInfo(store, id);
  if (!info) throw new IpIndexError(`no vintage ${id}`);
  if (ext === '.parquet') {
    const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
    try {
      await store.connection.run(
        `COPY (SELECT unit, year, variable, value, flag, source, note, file, row_no AS "row", sheet, col AS "column" FROM observations WHERE vintage = ${Number(id)} ORDER BY seq) TO '${tmp.replace(/'/g, "''")}' (FORMAT parquet)`,
      );
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new IpIndexError(`无法写入 ${out} / Cannot write ${out}: ${(e as Error).message.split('\n')[0]}`);
    }
    return { rows: info.rows, format: 'parquet' };
  }
  const obs = await readVintage(store, id);
  const rows = function* (): Generator<unknown[]> {
    yield [...HEADER];
    for (const o of obs) yield [o.unit, o.year, o.variable, o.value ?? 'NA', o.flag ?? '', o.source ?? '', o.note ?? '', o.file ?? '', o.row ?? '', o.sheet ?? '', o.column ?? ''];
  };
  if (ext === '.csv') {
    writeFileAtomically(out, new TextEncoder().encode('\ufeff' + toCsv(rows())));
    return { rows: obs.length, format: 'csv' };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipindex';
  const ws = wb.addWorksheet('观测值 observations', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows()) ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  ws.getRow(1).font = { bold: true };
  const meta = wb.addWorksheet('数据版本 vintage');
  const add = (k: string, v: unknown): void => void meta.addRow([k, typeof v === 'string' ? neutraliseFormula(v) : v]);
  add('vintage', info.id);
  add('framework', `${info.frameworkId} ${info.frameworkVersion} (SHA-256 ${info.frameworkSha256})`);
  add('base', info.base ?? '');
  add('provider', info.provider ?? '');
  add('note', info.note ?? '');
  add('imported_at', info.importedAt);
  add('rows', info.rows);
  add('content_sha256', info.contentSha256 ?? '');
  for (const f of info.files) add('file', `${f.file} (${f.rows} rows, SHA-256 ${f.sha256})`);
  const probs = await vintageProblems(store, id);
  if (probs.length) {
    const pw = wb.addWorksheet('警告 warnings', { views: [{ state: 'frozen', ySplit: 1 }] });
    pw.addRow(['severity', 'code', 'file', 'sheet', 'row', 'column', 'unit', 'variable', 'value', 'expected', '说明', 'message']);
    pw.getRow(1).font = { bold: true };
    for (const p of probs) pw.addRow([p.severity, p.code, p.file ?? '', p.sheet ?? '', p.row ?? '', p.column ?? '', p.unit ?? '', p.variable ?? '', p.value ?? '', p.expected ?? '', p.message.zh, p.message.en].map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  }
  writeFileAtomically(out, new Uint8Array(await wb.xlsx.writeBuffer()));
  return { rows: obs.length, format: 'xlsx' };
}
