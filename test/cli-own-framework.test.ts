/**
 * A new user's own framework, tried from the command line: no dead ends (issue 6, "Own frameworks
 * without dead ends"). Every expected number below is computed by hand in the comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const fx = (p: string): string => new URL(`./fixtures/${p}`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/**
 * Two indicators under one root with framework weights 1 : 3; X2 is smaller-is-better.
 * Units A, B, C (codes of the user's own), data years 2023 and 2024.
 */
const FRAMEWORK = `id: mine
version: "1"
name: {zh: 我的指数, en: My index}
nodes:
  - {code: ROOT, name: {zh: 总指数, en: Index}}
  - {code: X1, parent: ROOT, name: {zh: 指标一, en: Indicator one}, unit: 件, weight: 1}
  - {code: X2, parent: ROOT, name: {zh: 指标二, en: Indicator two}, unit: 月, weight: 3, direction: "-"}
`;
const DATA = `unit,year,variable,value
A,2023,X1,10
A,2024,X1,20
B,2023,X1,30
B,2024,X1,40
C,2023,X1,50
C,2024,X1,60
A,2023,X2,5
A,2024,X2,4
B,2023,X2,3
B,2024,X2,2
C,2023,X2,1
C,2024,X2,1
`;

function workspace(framework = FRAMEWORK, data = DATA): { dir: string; fw: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-own-'));
  writeFileSync(join(dir, 'framework.yaml'), framework);
  writeFileSync(join(dir, 'data.csv'), data);
  return { dir, fw: join(dir, 'framework.yaml'), data: join(dir, 'data.csv') };
}

const near = (got: number, want: number, what: string): void => assert.ok(Math.abs(got - want) < 1e-9, `${what}: expected ${want}, got ${got}`);
const scoreOf = (out: string, edition: string, unit: string, node: string): number => {
  const rows = parseCsv(readFileSync(join(out, 'scores.csv'), 'utf8'));
  return Number(rows.find((r) => r[0] === edition && r[1] === unit && r[2] === node)![3]);
};

test('a framework without a recipe runs with the documented default: min-max 0–100 pooled, framework weights, arithmetic mean', () => {
  const w = workspace();
  const out = join(w.dir, 'out');
  const r = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-o', out);
  assert.equal(r.status, 0, r.stderr);
  // pooled over 2023–2024: X1 min 10, max 60; X2 min 1, max 5 (reversed).
  // edition 2025 = data 2024: X1 A 20, B 60, C 100; X2 A 25, B 75, C 100; ROOT = (X1 + 3·X2)/4
  near(scoreOf(out, '2025', 'A', 'ROOT'), 23.75, 'ROOT'); // (20 + 75)/4
  near(scoreOf(out, '2025', 'B', 'ROOT'), 71.25, 'ROOT'); // (60 + 225)/4
  near(scoreOf(out, '2025', 'C', 'ROOT'), 100, 'ROOT');
  // the first edition is that of the first data year (2023 + 1), not 2021: edition 2024 = data 2023
  near(scoreOf(out, '2024', 'B', 'ROOT'), 47.5, 'ROOT'); // X1 (30−10)/50·100 = 40, X2 (5−3)/4·100 = 50 → (40 + 150)/4
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.recipe.builtin, 'default');
  assert.deepEqual(manifest.recipe.spec.normalisation, { method: 'minmax', params: { l: 0, u: 100 }, scope: 'pooled' });
  assert.equal(manifest.recipe.spec.weights.scheme, 'framework');
  assert.equal(manifest.recipe.spec.aggregation.method, 'arithmetic');
  assert.deepEqual(manifest.editions, [2024, 2025]);
  // `--recipe default` is the same recipe
  const r2 = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-r', 'default', '-o', join(w.dir, 'out2'));
  assert.equal(r2.status, 0, r2.stderr);
  near(scoreOf(join(w.dir, 'out2'), '2025', 'A', 'ROOT'), 23.75, 'ROOT');
});

test('a framework file names its default recipe (a file relative to it, or a built-in name)', () => {
  const w = workspace(`${FRAMEWORK}recipe: recipes/per-year.json\n`);
  const recipeDir = join(w.dir, 'recipes');
  spawnSync('mkdir', [recipeDir]);
  // per-year bounds: 2024 alone: X1 min 20, max 60; X2 min 1, max 4 → A: X1 0, X2 0 → 0
  writeFileSync(join(recipeDir, 'per-year.json'), JSON.stringify({ id: 'per-year', firstEdition: 2025, normalisation: { method: 'minmax', params: { l: 0, u: 100 }, scope: 'per-year' } }));
  const out = join(w.dir, 'out');
  const r = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-o', out);
  assert.equal(r.status, 0, r.stderr);
  near(scoreOf(out, '2025', 'A', 'ROOT'), 0, 'ROOT');
  // B: X1 (40−20)/40·100 = 50, X2 (4−2)/3·100 = 66.67 → (50 + 200)/4 = 62.5
  assert.ok(Math.abs(scoreOf(out, '2025', 'B', 'ROOT') - 62.5) < 1e-9);
  assert.match(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).recipe.file, /recipes\/per-year\.json$/);

  // a name that is neither a built-in nor a file next to the framework
  const typo = workspace(`${FRAMEWORK}recipe: defualt\n`);
  const t = run('evaluate', '-f', typo.fw, '-d', typo.data, '-e', '2025');
  assert.equal(t.status, 1);
  assert.match(t.stderr, /^ipindex: Framework .*framework\.yaml names recipe defualt \(key recipe:\), but there is no built-in recipe of that name and no file .*defualt — did you mean default\? Fix the name or path/);

  const bad = workspace(`${FRAMEWORK}recipe: 5\n`);
  const c = run('framework', 'check', bad.fw);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /framework\.yaml:8 recipe: recipe must be a built-in recipe name/);
});

test('the CNIPA recipes refuse a foreign framework and say what to do', () => {
  const w = workspace();
  const r = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-r', 'cnipa-regional');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^ipindex: Recipe cnipa-regional is made for framework cnipa-regional; framework mine \(.*framework\.yaml\) is a different framework: the recipe names nodes the framework lacks\. Pass --recipe <file> with a recipe for mine, or use the default recipe \(leave out --recipe, or pass --recipe default/);
  assert.match(r.stderr, /weights\.set\.P1: unknown node P1 in framework mine/);
  assert.match(r.stderr, /ipindex recipes cnipa-regional > recipe\.json/);
  // the national recipe names no node, but it is made for another framework all the same
  const n = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-r', 'cnipa-national');
  assert.equal(n.status, 1);
  assert.match(n.stderr, /Recipe cnipa-national is made for framework cnipa-national; framework mine .* is a different framework\. Pass --recipe/);
  // named in the framework file: refused the same way
  const f = workspace(`${FRAMEWORK}recipe: cnipa-regional\n`);
  assert.match(run('evaluate', '-f', f.fw, '-d', f.data, '-e', '2025').stderr, /Recipe cnipa-regional is made for framework cnipa-regional/);
  // and `ipindex recipes <name>` prints the recipe to adapt
  const show = run('recipes', 'cnipa-regional');
  assert.equal(show.status, 0, show.stderr);
  assert.deepEqual(JSON.parse(show.stdout).weights, { scheme: 'equal', set: { P1: 0.25, P2: 0.5, P3: 0.25 } });
});

test('a misspelt built-in framework or recipe name lists the built-ins with a suggestion', () => {
  const f = run('evaluate', '--framework', 'cnipa-regonal', '-d', fx('worked/data.csv'), '-e', '2025');
  assert.equal(f.status, 1);
  assert.equal(f.stderr, 'ipindex: Unknown framework cnipa-regonal: neither a built-in framework nor a file — did you mean cnipa-regional? Built-ins: cnipa-regional, cnipa-national\n');
  const r = run('evaluate', '-f', 'cnipa-national', '-d', fx('worked/data.csv'), '-e', '2025', '--recipe', 'cnipa-natonal');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ipindex: Unknown recipe cnipa-natonal: neither a built-in recipe nor a file — did you mean cnipa-national? Built-ins: cnipa-national, cnipa-regional, default\n');
  const far = run('framework', 'show', 'regional');
  assert.match(far.stderr, /^ipindex: Unknown framework regional: neither a built-in framework nor a file\. Built-ins: cnipa-regional, cnipa-national\n$/);
  assert.match(run('recipes', 'defualt').stderr, /Unknown recipe defualt — did you mean default\?/);
  // a path is still reported as a missing file
  assert.match(run('evaluate', '-f', 'cnipa-regonal.yaml', '-d', 'x.csv', '-e', '2025').stderr, /Cannot read .*cnipa-regonal\.yaml: no such file/);
});

test('--edition equal to the latest data year: says which data year it uses and asks about the next edition', () => {
  const w = workspace();
  const en = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2024', '--lang', 'en', '-q');
  assert.equal(en.status, 0, en.stderr);
  assert.match(en.stderr, /ipindex: warning: edition 2024 uses data year 2023 \(edition E uses data year E − 1\); the data goes up to 2024 — did you mean --edition 2025\?\n/);
  const zh = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2024', '-q');
  assert.match(zh.stderr, /ipindex: 提示：2024年版使用2023年数据（E年版使用E − 1年数据）；数据已到2024年——是否要计算 --edition 2025？/);
  const ok = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-q');
  assert.equal(ok.stderr, '');
});

test('a COINr import writes its recipe (edition = data year) and the framework names it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-own-coinr-'));
  const asem = join(dir, 'asem');
  const imp = run('import', 'coinr', '--idata', fx('coinr-asem/ASEM_iData.csv'), '--imeta', fx('coinr-asem/ASEM_iMeta.csv'), '--out', asem, '--year', '2018');
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(readFileSync(join(asem, 'framework.yaml'), 'utf8'), /^recipe: recipe\.yaml$/m);
  const out = join(dir, 'out');
  const r = run('evaluate', '-f', join(asem, 'framework.yaml'), '-d', join(asem, 'data.csv'), '-e', '2018', '-o', out, '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /did you mean --edition/);
  // independent plain-Python computation (test/fixtures/coinr-asem/hand_computed.py)
  assert.ok(Math.abs(scoreOf(out, '2018', 'DEU', 'Index') - 75.2278046542818) < 1e-9);
  assert.ok(Math.abs(scoreOf(out, '2018', 'MMR', 'Index') - 39.38986782169409) < 1e-9);
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.match(m.recipe.file, /asem\/recipe\.yaml$/);
  assert.equal(m.recipe.spec.dataLag, 0);
  assert.deepEqual(m.editions, [2018]);
  assert.deepEqual(m.dataYears, [2018]);
  // countries are not provinces: no 全国, no 地区
  const zh = readFileSync(join(out, 'summary.zh.txt'), 'utf8');
  assert.match(zh, /2018年Sustainable Connectivity：51个单位平均得分/);
  assert.match(zh, /DEU、GBR、FRA、CHE、NLD等单位位居前列。/);
  assert.doesNotMatch(zh, /全国|地区/);
});

test('unknown units and variables in the data are warnings on stderr with a suggestion', () => {
  const w = workspace(FRAMEWORK, `${DATA}Guangdon,2024,X1,25\nC,2024,X1b,7\n`);
  const en = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '--lang', 'en', '-q');
  assert.equal(en.status, 0, en.stderr);
  assert.match(en.stderr, new RegExp(`ipindex: warning: unknown unit Guangdon in file ${w.data.replace(/[.]/g, '\\.')} row 14 — did you mean Guangdong \\(440000\\)\\? It is taken as a new unit of your own\\.\\n`));
  assert.match(en.stderr, /ipindex: warning: The data has variables that framework mine does not use \(X1b\); they are ignored — X1b: did you mean X1\?\n/);
  const zh = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-q');
  assert.match(zh.stderr, /ipindex: 提示：未知单位 Guangdon（文件 .*data\.csv 第 14 行）——是否指 广东（440000）？它将作为您自己的新单位参与计算。/);
  assert.match(zh.stderr, /X1b 是否指 X1？/);
  // three-letter country codes are not taken for misspelt provinces, and carried-forward values stay in the manifest
  const c = workspace(FRAMEWORK, DATA.replace(/^A,/gm, 'CHN,').replace(/^B,/gm, 'AUT,').replace('C,2024,X2,1\n', ''));
  const quiet = run('evaluate', '-f', c.fw, '-d', c.data, '-e', '2025', '-q');
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.equal(quiet.stderr, '');
});

test('a unit left out for too little data is a warning on stderr', () => {
  const w = workspace(FRAMEWORK, `${DATA}D,2024,X9,1\nD,2023,X1,3\n`);
  const r = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '--lang', 'en', '-q');
  assert.equal(r.status, 0, r.stderr);
  // D has 1 of the 2 indicators of the best-covered unit: 1 < 0.5·2 is false, so it stays; with minCoverage 0.75 it goes
  assert.doesNotMatch(r.stderr, /Left out/);
  writeFileSync(join(w.dir, 'r.json'), JSON.stringify({ id: 'strict', firstEdition: 2024, normalisation: { method: 'minmax', params: { l: 0, u: 100 } }, units: { minCoverage: 0.75 } }));
  const s = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '-r', join(w.dir, 'r.json'), '--lang', 'en', '-q');
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stderr, /ipindex: warning: Left out for too little data \(fewer than 75% of the 2 indicators of the best-covered unit\): D \(1\)\n/);
  assert.match(s.stderr, /X9: did you mean X1 or X2\?/);
});

test('--lang en: English unit and node names in the summary and the CSV files; the Chinese columns stay', { skip: !existsSync(new URL('../data/sample/regional.csv', import.meta.url)) }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-own-en-'));
  const out = join(dir, 'out');
  const r = run('evaluate', '-f', 'cnipa-regional', '-d', new URL('../data/sample/regional.csv', import.meta.url).pathname, '-e', '2025', '-o', out, '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Leading: Guangdong, /m);
  const scores = parseCsv(readFileSync(join(out, 'scores.csv'), 'utf8'));
  assert.deepEqual(scores[0]!.slice(5), ['unit_name', 'node_name', 'level', 'flag', 'unit_name_en', 'node_name_en']);
  const gd = scores.find((row) => row[0] === '2025' && row[1] === '440000' && row[2] === 'RIDX')!;
  assert.deepEqual([gd[5], gd[6], gd[9], gd[10]], ['广东', '地区知识产权发展指数', 'Guangdong', 'Regional IP Development Index']);
  const ind = parseCsv(readFileSync(join(out, 'indicators.csv'), 'utf8'));
  assert.deepEqual(ind[0]!.slice(-2), ['unit_name_en', 'indicator_name_en']);
  const groups = parseCsv(readFileSync(join(out, 'groups.csv'), 'utf8'));
  const head = groups[0]!;
  assert.deepEqual(head.slice(-2), ['group_name_en', 'node_name_en']);
  assert.equal(groups.find((row) => row[1] === 'all')![head.indexOf('group_name_en')], 'All provinces');
  assert.equal(groups.find((row) => row[1] === 'region4' && row[2] === 'EAST')![head.indexOf('group_name_en')], 'East');
  // R16 of the central region: the mean of the six members' scores (from scores.csv) is the same
  // in 2024 and 2025 (their changes +0.36, −0.40, −0.49, +0.54, 0, 0 cancel); the difference of
  // the two means is rounding noise (1.4e-14), written as 0
  const members = groups.find((row) => row[0] === '2025' && row[1] === 'region4' && row[2] === 'CENTRAL' && row[4] === 'R16')!;
  const central = ['140000', '340000', '360000', '410000', '420000', '430000'];
  const meanR16 = (ed: string): number => central.reduce((t, u) => t + Number(scores.find((row) => row[0] === ed && row[1] === u && row[2] === 'R16')![3]), 0) / central.length;
  assert.ok(Math.abs(meanR16('2025') - meanR16('2024')) < 1e-9, 'central R16 mean unchanged 2024 → 2025');
  assert.equal(members[head.indexOf('mean_change')], '0');
  assert.ok(!groups.slice(1).some((row) => /e-1\d/.test(row[head.indexOf('mean_change')]!)), 'no floating noise in mean_change');
});

test('the summary adapts to the run: three provinces are not "位居全国前列"; few units are listed one by one', () => {
  const w = workspace(FRAMEWORK, DATA.replace(/^A,/gm, '北京,').replace(/^B,/gm, '广东,').replace(/^C,/gm, '上海,'));
  const r = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025');
  assert.equal(r.status, 0, r.stderr);
  // scores as in the first test: 北京 (A) 23.75, 广东 (B) 71.25, 上海 (C) 100; changes +23.75, +23.75, +5
  assert.match(r.stdout, /2025年我的指数：3个地区平均得分65\.00/); // (23.75 + 71.25 + 100)/3 = 65
  assert.match(r.stdout, /得分从高到低：上海（100\.00）、广东（71\.25）、北京（23\.75）。/);
  assert.match(r.stdout, /较上年变化：北京\+23\.75，广东\+23\.75，上海\+5\.00。/);
  assert.doesNotMatch(r.stdout, /全国前列|位居前列/);
  const en = run('evaluate', '-f', w.fw, '-d', w.data, '-e', '2025', '--lang', 'en');
  assert.match(en.stdout, /Scores, highest first: Shanghai \(100\.00\), Guangdong \(71\.25\), Beijing \(23\.75\)\./);
  assert.doesNotMatch(en.stdout, /Leading:/);
  // other units: 单位, not 地区
  const o = workspace();
  const u = run('evaluate', '-f', o.fw, '-d', o.data, '-e', '2025');
  assert.match(u.stdout, /3个单位平均得分65\.00/);
  assert.doesNotMatch(u.stdout, /地区|全国/);
});
