/**
 * Collection templates (issue 8): one workbook per provider with the instructions in Chinese, the
 * provider's variables × the units the framework covers, validation on every input cell, locked
 * headers, frozen panes, last year's values from the store; and the round trip — every template of
 * both CNIPA frameworks filled programmatically with the sample data's last year, imported on top
 * of the earlier years, evaluates to exactly the scores of evaluating the tidy sample file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseCsv, toCsv } from '../src/core/index.ts';
import { loadFramework, loadRegistry, readDataFiles, readText, softwareVersion } from '../src/io/index.ts';
import { templateWorkbooks, type TemplateFile } from '../src/io/template/write.ts';
import { templateMeta } from '../src/io/template/read.ts';
import { frameworkSha256, importVintage, listVintages, openStore, readVintage, withStore } from '../src/store/index.ts';
import { dataImport } from '../src/cli/data-import.ts';
import { evaluateFromStore } from '../src/cli/evaluate-store.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ipindex-template-'));
const SAMPLE = { 'cnipa-regional': new URL('../data/sample/regional.csv', import.meta.url).pathname, 'cnipa-national': new URL('../data/sample/national.csv', import.meta.url).pathname } as const;
const registry = loadRegistry();

async function templates(name: string, year: number, extra: Partial<Parameters<typeof templateWorkbooks>[0]> = {}): Promise<TemplateFile[]> {
  const { framework, file } = loadFramework(name);
  return templateWorkbooks({ framework, frameworkSha256: frameworkSha256(readText(file)), year, registry, software: softwareVersion(), ...extra });
}

/** A template as a file holds it: written and read back. */
async function reload(t: TemplateFile): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await t.workbook.xlsx.writeBuffer());
  return wb;
}

test('regional templates: one per provider, the provider’s variables × 31 provinces, validation, locked headers, frozen panes, instructions in Chinese', async () => {
  const ts = await templates('cnipa-regional', 2024);
  const { framework } = loadFramework('cnipa-regional');
  assert.equal(ts.length, 16);
  assert.deepEqual(ts.map((t) => t.provider.id), framework.providers!.map((p) => p.id));
  // every raw indicator and variable is in exactly one template
  const all = ts.flatMap((t) => t.meta.columns.map((c) => c.variable)).sort();
  assert.deepEqual(all, [...framework.variables.map((v) => v.code), ...framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code)].sort());
  const courts = ts.find((t) => t.provider.id === 'spc')!;
  assert.equal(courts.name, '2024-spc-最高人民法院.xlsx');
  const wb = await reload(courts);
  assert.deepEqual(wb.worksheets.map((w) => [w.name, w.state]), [['填报说明', 'visible'], ['数据填报', 'visible'], ['_ipindex', 'veryHidden']]);
  assert.equal(wb.getWorksheet('填报说明')!.getCell('A1').value, '2024年数据填报说明 — 地区知识产权发展指数');
  assert.match(String(wb.getWorksheet('填报说明')!.getCell('A2').value), /数据提供单位：最高人民法院/);
  const ws = wb.getWorksheet('数据填报')!;
  // the courts supply R01 (件), R02 (%), R12 (%)
  assert.deepEqual([3, 4, 5].map((c) => ws.getCell(2, c).value), ['R01', 'R02', 'R12']);
  assert.deepEqual([3, 4, 5].map((c) => ws.getCell(4, c).value), ['件', '%', '%']);
  assert.deepEqual([3, 4, 5].map((c) => ws.getCell(6, c).value), ['≥ 0 的数值', '0–100 之间的数值', '0–100 之间的数值']);
  assert.equal(ws.getCell(7, 3).value, '2024年（填写）');
  // 31 provinces in GB/T 2260 order, no 全国 (coverage: provinces)
  const units = Array.from({ length: 32 }, (_, i) => ws.getCell(8 + i, 1).value);
  assert.equal(units.filter(Boolean).length, 31);
  assert.deepEqual([units[0], ws.getCell(8, 2).value, units[30], ws.getCell(38, 2).value], ['110000', '北京', '650000', '新疆']);
  // validation: numbers only, ≥ 0 for a count, 0–100 for a share
  const dv = ws.getCell('C8').dataValidation;
  assert.deepEqual([dv.type, dv.operator, dv.formulae, dv.allowBlank, dv.showErrorMessage, dv.errorStyle, dv.errorTitle], ['decimal', 'greaterThanOrEqual', [0], true, true, 'stop', '输入有误']);
  assert.equal(ws.getCell('D20').dataValidation.operator, 'between');
  assert.deepEqual(ws.getCell('D20').dataValidation.formulae, [0, 100]);
  assert.match(String(ws.getCell('D20').dataValidation.error), /0 到 100 之间的数值/);
  // locked headers: the sheet is protected, only the input cells are unlocked
  assert.equal((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, true);
  assert.equal(ws.getCell('C8').protection?.locked, false);
  assert.notEqual(ws.getCell('C2').protection?.locked, false);
  assert.notEqual(ws.getCell('A8').protection?.locked, false);
  assert.deepEqual([ws.views[0]?.state, (ws.views[0] as { ySplit?: number }).ySplit, (ws.views[0] as { xSplit?: number }).xSplit], ['frozen', 7, 2]);
  assert.equal(templateMeta(wb)?.provider.id, 'spc');
});

test('national templates list 全国 only; --provider gives one; an unknown provider is named with the declared ones', async () => {
  const ts = await templates('cnipa-national', 2024);
  for (const t of ts) assert.deepEqual(t.meta.rows.map((r) => r.unit), ['CN']);
  const ws = (await reload(ts[0]!)).getWorksheet('数据填报')!;
  assert.deepEqual([ws.getCell(8, 1).value, ws.getCell(8, 2).value], ['CN', '全国']);
  await assert.rejects(templates('cnipa-national', 2024, { provider: 'customs' }), /未知的数据提供单位 customs；指标体系声明的有：spc, spp, mps, gacc, .*Unknown provider customs; the framework declares spc \(最高人民法院\), /);
  assert.deepEqual((await templates('cnipa-national', 2024, { provider: 'gacc' })).map((t) => t.meta.columns.map((c) => c.variable)), [['N18']]);
});

/** Imports a tidy file as the first vintage through the strict tidy reader (src/io/read.ts). */
async function seed(store: string, name: string, file: string): Promise<void> {
  const { framework, file: fwFile } = loadFramework(name);
  const { observations, files } = readDataFiles([file], registry);
  const s = await openStore(store, { create: true });
  try {
    await importVintage(s, { framework: { framework, text: readText(fwFile), file: fwFile }, observations, files, base: 'none' });
  } finally {
    s.close();
  }
}

/** Fills every input cell of a template with the value of `data` (unit|variable|year → value); leaves missing ones empty. */
async function fill(t: TemplateFile, data: Map<string, number | null>, file: string): Promise<number> {
  const wb = await reload(t);
  const ws = wb.getWorksheet('数据填报')!;
  let n = 0;
  for (const c of t.meta.columns) {
    for (const r of t.meta.rows) {
      const v = data.get(`${r.unit}|${c.variable}|${t.meta.year}`);
      if (v === undefined || v === null) continue;
      ws.getCell(r.row, c.col).value = v;
      n++;
    }
  }
  writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return n;
}

for (const name of ['cnipa-regional', 'cnipa-national'] as const) {
  test(`${name}: every template filled with the sample's 2024 values and imported on the earlier years evaluates to exactly the scores of the tidy sample file`, { timeout: 600_000 }, async () => {
    const dir = tmp();
    const store = join(dir, 's.duckdb');
    const rows = parseCsv(readFileSync(SAMPLE[name], 'utf8'));
    const head = rows[0]!;
    const earlier = join(dir, 'earlier.csv');
    writeFileSync(earlier, toCsv([head, ...rows.slice(1).filter((r) => r[1] !== '2024')]));
    // the earlier years through the strict tidy reader (the import's readers take the national sample's
    // 3-decimal counts such as N32 = 2.025 件 for ambiguous; the templates hold numbers, not text)
    await seed(store, name, earlier);
    const data = new Map<string, number | null>();
    for (const r of rows.slice(1)) data.set(`${r[0]}|${r[2]}|${r[1]}`, r[3] === '' || r[3] === 'NA' ? null : Number(r[3]));
    const { framework, file } = loadFramework(name);
    const previous = await withStore(store, {}, async (s) => readVintage(s, 1));
    const ts = await templateWorkbooks({ framework, frameworkSha256: frameworkSha256(readText(file)), year: 2024, registry, software: softwareVersion(), previous, previousFrom: 'test' });
    // last year's values stand beside the empty column
    const wb0 = await reload(ts[0]!);
    const c0 = ts[0]!.meta.columns[0]!;
    const r0 = ts[0]!.meta.rows[0]!;
    assert.equal(wb0.getWorksheet('数据填报')!.getCell(r0.row, c0.previousCol!).value, data.get(`${r0.unit}|${c0.variable}|2023`));
    assert.equal(wb0.getWorksheet('数据填报')!.getCell(r0.row, c0.col).value, null);
    const files: string[] = [];
    let filled = 0;
    for (const t of ts) {
      const f = join(dir, t.name);
      filled += await fill(t, data, f);
      files.push(f);
    }
    assert.equal(filled, rows.slice(1).filter((r) => r[1] === '2024' && r[3] !== '' && r[3] !== 'NA').length, 'every 2024 value of the sample went into a template');
    const imp = await dataImport({ store, framework: name, files });
    assert.equal(imp.vintage.importedRows, filled);
    const fromTemplates = await evaluateFromStore({ store, framework: name, edition: 2025 });
    const fromFile = evaluateFiles({ framework: name, data: [SAMPLE[name]], edition: 2025 });
    assert.deepEqual(fromTemplates.result.units, fromFile.result.units);
    for (const node of fromFile.result.nodes) {
      const a = fromTemplates.result.scores[node]!;
      const b = fromFile.result.scores[node]!;
      assert.ok(a.length === b.length && a.every((x, i) => Object.is(x, b[i])), `${node}: the scores differ`);
    }
    await withStore(store, {}, async (s) => assert.equal((await listVintages(s)).length, 2));
  });
}

test('a filled template with a word in a number cell or a moved row is refused with sheet and cell; nothing is imported', async () => {
  const dir = tmp();
  const [t] = await templates('cnipa-regional', 2024, { provider: 'spc' });
  const wb = await reload(t!);
  const ws = wb.getWorksheet('数据填报')!;
  ws.getCell('C8').value = 1234;
  ws.getCell('D9').value = '约12万';
  ws.getCell('C10').value = '1,234';
  const f = join(dir, 'bad.xlsx');
  writeFileSync(f, new Uint8Array(await wb.xlsx.writeBuffer()));
  const store = join(dir, 's.duckdb');
  await assert.rejects(dataImport({ store, framework: 'cnipa-regional', files: [f], lang: 'en' }), (e: Error) => {
    assert.match(e.message, /The data has 1 error; nothing was imported/);
    assert.match(e.message, /bad\.xlsx \[数据填报\]:9 \[R02\] D: 120000: the 2024 value is not a number: "约12万"/);
    return true;
  });
  ws.getCell('D9').value = null;
  ws.getCell('A12').value = '440000';
  writeFileSync(f, new Uint8Array(await wb.xlsx.writeBuffer()));
  await assert.rejects(dataImport({ store, framework: 'cnipa-regional', files: [f], lang: 'en' }), /bad\.xlsx \[数据填报\]:12 A: expected the unit code 150000 in this row, found "440000" \(rows moved\?\)/);
  await assert.rejects(dataImport({ store, framework: 'cnipa-national', files: [f], lang: 'en' }), /a template of framework cnipa-regional, not cnipa-national/);
});
