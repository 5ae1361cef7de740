/**
 * CSV formula injection (issue 7): every text cell the project writes that an office suite would
 * evaluate (starting with =, +, -, @, tab, CR or LF) gets a leading ' (the OWASP rule); numbers
 * stay numbers, a negative number included. Hostile names in a framework, a groupings file and
 * the data's source column go through a whole evaluation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';
import { csvField, neutraliseFormula, toCsv } from '../src/core/text/csv.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';
import { fixture } from './helpers.ts';

const HOSTILE = ["=cmd|' /C calc'!A0", '+1+1', '@SUM(A1)', '\t=1', '\r=1', '-2+3', '\n=1'];
/** What an office suite would evaluate: a formula start, unless the text is a plain number. */
const dangerous = (cell: string): boolean => /^[=+\-@\t\r\n]/.test(cell) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell);

test('csvField: text that starts a formula gets a leading quote; numbers, negative ones too, stay numbers', () => {
  assert.deepEqual(HOSTILE.map(neutraliseFormula), HOSTILE.map((h) => `'${h}`));
  assert.equal(csvField("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('=A1,"x"'), `"'=A1,""x"""`);
  assert.equal(csvField(-3.5), '-3.5');
  assert.equal(csvField('-3.5'), '-3.5');
  assert.equal(csvField('+7'), '+7');
  assert.equal(csvField('广东'), '广东');
  assert.equal(csvField('carried-forward:2023'), 'carried-forward:2023');
  assert.equal(toCsv([['a', 'b'], ['=1', -1]]), "a,b\n'=1,-1\n");
});

test('an evaluation with hostile names in the framework, the groupings and the data writes no cell an office suite would evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-inject-'));
  const q = (s: string): string => JSON.stringify(s);
  const fw = fixture('worked/framework.yaml')
    .replace('{zh: 分项A, en: Pillar A}', `{zh: ${q(HOSTILE[0]!)}, en: ${q(HOSTILE[1]!)}}`)
    .replace('{zh: 指标1, en: Indicator 1}', `{zh: ${q(HOSTILE[2]!)}, en: ${q(HOSTILE[3]!)}}`)
    .replace('{zh: 指标3, en: Indicator 3}', `{zh: ${q(HOSTILE[4]!)}, en: ${q(HOSTILE[5]!)}}`)
    .replace('{zh: 总指数, en: Index}', `{zh: ${q(HOSTILE[6]!)}, en: "@Index"}`);
  writeFileSync(join(dir, 'fw.yaml'), fw);
  writeFileSync(
    join(dir, 'groups.yaml'),
    ['id: hostile', 'version: "1"', 'groupings:', '  - id: g1', '    name: {zh: "@g", en: "=g"}', '    groups:', '      - code: G1', '        name: {zh: "=HYPERLINK(\\"http://x\\")", en: "+x"}', '        members: [U1, U2]', '      - code: G2', '        name: {zh: "-x", en: "\\t@x"}', '        members: [U3]', ''].join('\n'),
  );
  writeFileSync(join(dir, 'data.csv'), fixture('worked/data.csv').replace(/,hand,/g, ',"=HYPERLINK(""http://evil"")",'));
  const out = join(dir, 'out');
  const recipe = new URL('./fixtures/worked/recipe-efficacy.json', import.meta.url).pathname;
  evaluateFiles({ framework: join(dir, 'fw.yaml'), data: [join(dir, 'data.csv')], edition: 2025, recipe, groupings: join(dir, 'groups.yaml'), out, lang: 'en' });
  const seen = new Set<string>();
  let numbers = 0;
  for (const name of readdirSync(out).filter((f) => f.endsWith('.csv'))) {
    for (const row of parseCsv(readFileSync(join(out, name), 'utf8'))) {
      for (const cell of row) {
        assert.ok(!dangerous(cell), `${name}: ${JSON.stringify(cell)}`);
        if (cell.startsWith("'")) seen.add(cell.slice(1));
        if (cell !== '' && Number.isFinite(Number(cell))) numbers++;
      }
    }
  }
  for (const h of [...HOSTILE, '@Index', '=HYPERLINK("http://x")', '+x', '-x', '\t@x', '=HYPERLINK("http://evil")']) assert.ok(seen.has(h), `${JSON.stringify(h)} written, neutralised`);
  assert.ok(numbers > 100, 'scores and values are written as plain numbers');
});
