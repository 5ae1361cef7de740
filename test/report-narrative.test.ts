/**
 * The report's narrative (issue 9): every number of every paragraph, in Chinese and in English, is
 * parsed back out of the text and found in values computed independently from the run's
 * scores.csv, the groupings file, the framework file and the raw data (test/report-narrative-lib.ts)
 * — on the sample run, on a run where every province's score fell (the sample's last data year
 * lowered), on a run where nothing changed (the last year a copy of the one before), and on a run
 * where two provinces tie (浙江 given 广东's data). The sentences chosen are checked against the
 * same independent values: a fall reads as a fall, no change as 与上年持平, ties name both.
 */
import { after as afterAll, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../src/core/report-model/build.ts';
import type { ParagraphBlock, ReportDocument } from '../src/core/report-model/document.ts';
import { Independent, ROOT, checkDocument, checkParagraph, evaluateRun, namesOf, removeVariants, unitName, variant, type TestRun } from './report-narrative-lib.ts';

afterAll(removeVariants);

const NATIONAL = join(ROOT, 'data/sample/national.csv');
const REGIONAL = join(ROOT, 'data/sample/regional.csv');
const NAMES = namesOf([join(ROOT, 'frameworks/cnipa-national-2025.yaml'), join(ROOT, 'frameworks/cnipa-regional-2025.yaml')]);
/** The national rows of 知识产权使用费年进出口总额 (a variable with a target): 2024 from the seed (L567), earlier made up. */
const FEES = ['CN,2020,IPFEES,3194,,test,', 'CN,2021,IPFEES,3600,,test,', 'CN,2022,IPFEES,3700,,test,', 'CN,2023,IPFEES,3765,,test,', 'CN,2024,IPFEES,3987.1,,seed:567,'];

/** National directions (the regional framework has only +): smaller-is-better codes read from the framework file. */
const SMALLER = new Set(
  readFileSync(join(ROOT, 'frameworks/cnipa-national-2025.yaml'), 'utf8')
    .split('\n  - code: ')
    .filter((b) => /direction: "-"/.test(b))
    .map((b) => b.split('\n')[0]!.trim()),
);

interface Scenario {
  nat: TestRun;
  reg: TestRun;
  docs: Record<'zh' | 'en', ReportDocument>;
  ind: Independent;
}

function scenario(natFile: string, regFile: string): Scenario {
  const nat = evaluateRun('cnipa-national', natFile);
  const reg = evaluateRun('cnipa-regional', regFile);
  const docs = {
    zh: buildReport([nat.run, reg.run], { lang: 'zh', unitName }),
    en: buildReport([reg.run, nat.run], { lang: 'en', unitName }),
  };
  // the regional recipe's threshold and decimals: 80 points, 2 decimals (as the report prints)
  return { nat, reg, docs, ind: new Independent([nat, reg], 80, 2) };
}

/** The paragraph right after the heading whose text matches. */
function after(doc: ReportDocument, heading: RegExp, k = 1): ParagraphBlock {
  const i = doc.blocks.findIndex((b) => b.kind === 'heading' && heading.test(b.text));
  assert.ok(i >= 0, `no heading ${heading}`);
  const p = doc.blocks.slice(i + 1).filter((b) => b.kind === 'paragraph')[k - 1];
  assert.ok(p && p.kind === 'paragraph');
  return p;
}

/** Scores of the root per unit and edition, from scores.csv. */
function rootScores(t: TestRun, node: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const line of t.scoresCsv.replace(/^\ufeff/, '').split('\n').slice(1)) {
    const c = line.split(',');
    if (c[2] !== node || c[3] === '') continue;
    if (!out.has(c[1]!)) out.set(c[1]!, new Map());
    out.get(c[1]!)!.set(Number(c[0]), Number(c[3]));
  }
  return out;
}

test('sample run: every number of every paragraph (zh and en) is a number of the run', () => {
  const s = scenario(variant(NATIONAL, (r) => r.value, FEES), REGIONAL);
  for (const lang of ['zh', 'en'] as const) {
    const n = checkDocument(s.docs[lang], s.ind, NAMES);
    assert.ok(n > 150, `${lang}: ${n} numbers checked`);
  }
  // chapter 1 has the variable's target, met four years running (3600 … 3987.1 ≥ 3500)
  const zh = s.docs.zh.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((b) => b.text);
  assert.ok(zh.includes('2024年，知识产权使用费年进出口总额达到3987.1亿元，同比增长5.9%，连续4年高于3500亿元的预期目标值。'));
  // the single-member group reads naturally
  assert.ok(zh.some((t) => t.includes('粤港澳大湾区仅含广东一地，其平均得分即为该地得分。')));
  assert.ok(zh.some((t) => /^粤港澳大湾区地区知识产权发展指数得分\d/.test(t)), 'a one-member group has a score, not a mean');

  // the checker fails on a wrong number, a number without its fact, a wrong reference and a fall written as a rise
  const p = after(s.docs.zh, /平均值及中位数|平均值/);
  const f0 = p.facts![0]!;
  const wrong = (text: string, facts = p.facts!): ParagraphBlock => ({ ...p, text, facts });
  assert.throws(() => checkParagraph(wrong(p.text.replace(f0.text, String(Number(f0.text) + 1))), s.ind, NAMES), /printed|number 1/);
  assert.throws(() => checkParagraph(wrong(`${p.text}另有3个。`), s.ind, NAMES), /numbers in the text ≠ facts/);
  assert.throws(() => checkParagraph(wrong(p.text, [{ ...f0, ref: f0.ref.replace('mean:', 'median:') }, ...p.facts!.slice(1)]), s.ind, NAMES), /printed/);
});

test('a run where every province fell: falls read as falls, in both languages, and every number checks', () => {
  // the last data year's raw values lowered by 30 % (raised for smaller-is-better national indicators); denominators kept
  const regVars = new Set(['POP', 'GDP', 'EXPORT', 'TRADE', 'ENTITIES']);
  const lower = (smaller: Set<string>) => (r: { year: number; variable: string; value: string }): string => {
    if (r.year !== 2024 || regVars.has(r.variable) || /^[A-Z_]+$/.test(r.variable)) return r.value;
    return String(Number(r.value) * (smaller.has(r.variable) ? 1.3 : 0.7));
  };
  const s = scenario(variant(NATIONAL, lower(SMALLER), FEES), variant(REGIONAL, lower(new Set())));
  const reg = rootScores(s.reg, 'RIDX');
  for (const [u, by] of reg) assert.ok(by.get(2025)! < by.get(2024)!, `${u} fell`);
  const nat = rootScores(s.nat, 'NIDX');
  assert.ok(nat.get('CN')!.get(2025)! < nat.get('CN')!.get(2024)!);
  for (const lang of ['zh', 'en'] as const) checkDocument(s.docs[lang], s.ind, NAMES);

  const zh = s.docs.zh;
  const overall = after(zh, /平均值及中位数|平均值/, 1).text;
  assert.match(overall, /各省份得分均较上年下降，降幅最小的是/);
  assert.doesNotMatch(overall, /提高|增幅居前/);
  // the checker fails on a fall written as a rise
  const p = after(zh, /平均值及中位数|平均值/);
  assert.throws(() => checkParagraph({ ...p, text: p.text.replace('较上年下降', '较上年提高') }, s.ind, NAMES), /reads as a rise/);
  assert.match(after(zh, /^摘要$/, 2).text, /有所下降，为\d+\.\d\d分，较上年下降\d+\.\d\d分。$/);
  const natLead = after(zh, /知识产权强国建设指数/).text;
  assert.match(natLead, /较上年下降\d+\.\d分/);
  assert.match(natLead, /各分领域指数均有所下降/);
  assert.match(natLead, /较上年分别下降/);
  const en = s.docs.en;
  assert.match(after(en, /^Mean and median/).text, /Every province fell; the smallest fall: /);
  assert.match(after(en, /^Summary$/, 2).text, /falls, to \d+\.\d\d, down \d+\.\d\d on the previous edition\./);
});

test('a run where nothing changed: 与上年持平 / unchanged, no rise or fall named', () => {
  // the last data year a copy of the one before
  const copyPrev = (file: string): string => {
    const prev = new Map<string, string>();
    for (const l of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const c = l.split(',');
      if (c[1] === '2023') prev.set(`${c[0]}|${c[2]}`, c[3]!);
    }
    return variant(file, (r) => (r.year === 2024 ? (prev.get(`${r.unit}|${r.variable}`) ?? null) : r.value));
  };
  const s = scenario(copyPrev(NATIONAL), copyPrev(REGIONAL));
  for (const [u, by] of rootScores(s.reg, 'RIDX')) assert.equal(by.get(2025), by.get(2024), `${u} unchanged`);
  for (const lang of ['zh', 'en'] as const) checkDocument(s.docs[lang], s.ind, NAMES);
  const zh = s.docs.zh;
  const overall = after(zh, /总体情况|平均值/).text;
  assert.match(overall, /较上年/.test(overall) ? /与上年持平/ : /./);
  assert.match(overall, /各省份得分均与上年持平。/);
  assert.doesNotMatch(overall, /提高|下降/);
  assert.match(after(zh, /知识产权强国建设指数/).text, /各分领域指数均与上年持平/);
  // no group "grows fastest" when no group grew
  for (const b of zh.blocks) if (b.kind === 'heading') assert.doesNotMatch(b.text, /增幅最大/);
  assert.match(after(s.docs.en, /^Mean and median/).text, /Every province is unchanged on the previous edition\./);
});

test('two provinces tie (浙江 given 广东 data): both are named wherever one is, and every number checks', () => {
  const gd = new Map<string, string>();
  for (const l of readFileSync(REGIONAL, 'utf8').split('\n')) if (l.startsWith('440000,')) gd.set(l.split(',').slice(1, 3).join('|'), l.split(',')[3]!);
  const s = scenario(NATIONAL, variant(REGIONAL, (r) => (r.unit === '330000' ? (gd.get(`${r.year}|${r.variable}`) ?? null) : r.value)));
  const reg = rootScores(s.reg, 'RIDX');
  assert.equal(reg.get('330000')!.get(2025), reg.get('440000')!.get(2025));
  for (const lang of ['zh', 'en'] as const) checkDocument(s.docs[lang], s.ind, NAMES);
  for (const lang of ['zh', 'en'] as const) {
    const [gd, zj] = [unitName('440000', lang), unitName('330000', lang)];
    for (const b of s.docs[lang].blocks) {
      if (b.kind !== 'paragraph') continue;
      // a sentence naming one of the two for a score or change names the other too (they are equal everywhere)
      for (const sentence of b.text.split(/[。；]|\. |; /)) {
        if (/仅含|one member|粤港澳|Greater Bay|长三角|Yangtze|东部|East|Central|中部|By pillar|分领域/.test(sentence)) continue;
        if (sentence.includes(gd) !== sentence.includes(zj)) assert.fail(`${lang}: "${sentence}" names one of ${gd} and ${zj}`);
      }
    }
  }
});
