/**
 * The narrative's sentence rules on hand-made results with hand-worked numbers: mixed rises and
 * falls, a tie for the largest rise, a first edition with no change to state; fewer risers than
 * the list holds, a median that did not move, who crossed the threshold, a group that did not
 * change, a single-member group, ties in a group ranking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupStats, parseFramework, resolveRecipe, type EvaluationResult, type Grouping } from '../src/core/index.ts';
import { narrativeContext } from '../src/core/report-model/narrative-common.ts';
import { nationalNarrative } from '../src/core/report-model/narrative-national.ts';
import { regionalNarrative } from '../src/core/report-model/narrative-regional.ts';

const fw = parseFramework(
  'id: t\nname: {zh: 测试指数, en: Test Index}\nnodes:\n  - {code: R, name: {zh: 测试指数, en: Test Index}}\n  - {code: P, parent: R, name: {zh: 保护, en: Protection}}\n  - {code: Q, parent: R, name: {zh: 运行, en: Operation}}\n  - {code: T, parent: R, name: {zh: 环境, en: Environment}}\n',
  't.yaml',
);

/** A result of the framework above: scores by node, each `[edition][unit]` flattened. */
function result(units: string[], editions: number[], scores: Record<string, number[]>, decimals: number, threshold = 80): EvaluationResult {
  const recipe = resolveRecipe({ id: 'r', normalisation: { method: 'minmax' }, reporting: { decimals, threshold } });
  return {
    recipe, firstEdition: editions[0], baseEdition: editions[0], framework: { id: 't', version: '0' }, editions, dataYears: editions.map((e) => e - 1), units, nodes: ['R', 'P', 'Q', 'T'],
    values: {}, scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Float64Array.from(v)])), ranks: {}, flags: {}, bounds: {}, weights: {}, warnings: [],
  } as unknown as EvaluationResult;
}
const names: Record<string, { zh: string; en: string }> = { '110000': { zh: '北京', en: 'Beijing' }, '310000': { zh: '上海', en: 'Shanghai' }, '440000': { zh: '广东', en: 'Guangdong' }, '330000': { zh: '浙江', en: 'Zhejiang' }, '320000': { zh: '江苏', en: 'Jiangsu' }, '650000': { zh: '新疆', en: 'Xinjiang' } };
const unitName = (c: string, l: 'zh' | 'en'): string => names[c]?.[l] ?? c;

test('national: a rise, a fall and a tie for the largest rise; each sub-index with its own verb', () => {
  // R 100 → 103; P 100 → 102, Q 100 → 98, T 100 → 102 (P and T tie for the largest rise)
  const res = result(['CN'], [2024, 2025], { R: [100, 103], P: [100, 102], Q: [100, 98], T: [100, 102] }, 1);
  const zh = nationalNarrative(narrativeContext(fw, res, 'zh', 2025, unitName));
  assert.equal(zh.lead.text, '2025年评价结果显示，测试指数达到103.0分，较上年提升3.0分。保护指数得分102.0分，较上年提高2.0分；运行指数得分98.0分，较上年下降2.0分；环境指数得分102.0分，较上年提高2.0分，其中，保护指数和环境指数增幅并列最大。');
  assert.equal(zh.heading, '测试指数稳步提升');
  assert.deepEqual(zh.sections.map((s) => s.heading), ['保护指数稳步增长', '运行指数有所下降', '环境指数稳步增长']);
  assert.equal(zh.sections[1]!.paragraph.text, '运行指数为98.0分，较上年下降2.0分。');
  assert.equal(zh.summary.text, '评价结果显示，2025年测试指数稳步提升，达到103.0分，较上年提高3.0分。');
  const en = nationalNarrative(narrativeContext(fw, res, 'en', 2025, unitName));
  assert.equal(en.lead.text, 'In the 2025 edition, the Test Index stands at 103.0, up 3.0 on the previous edition. Protection sub-index 102.0 (up 2.0); Operation sub-index 98.0 (down 2.0); Environment sub-index 102.0 (up 2.0); the largest rises are in the Protection sub-index and Environment sub-index.');
});

test('national: the first edition of a run states levels and no change', () => {
  const res = result(['CN'], [2025], { R: [100], P: [100], Q: [100], T: [100] }, 1);
  const zh = nationalNarrative(narrativeContext(fw, res, 'zh', 2025, unitName));
  assert.equal(zh.lead.text, '2025年评价结果显示，测试指数为100.0分。保护指数得分100.0分；运行指数得分100.0分；环境指数得分100.0分。');
  assert.equal(zh.heading, '测试指数');
  assert.equal(zh.summary.text, '评价结果显示，2025年测试指数为100.0分。');
});

// six provinces, editions 2024 and 2025:
//   北京 80 → 81 (+1), 上海 85 → 85 (0), 广东 90 → 89 (−1), 浙江 79 → 80 (+1, crosses 80), 江苏 85 → 84 (−1), 新疆 60 → 60.5 (+0.5)
//   mean 479/6 = 79.833… → 479.5/6 = 79.9166… (+0.0833 → 0.08); median (80+85)/2 = 82.5 → (81+84)/2 = 82.5 (unchanged)
//   at or above 80: 4 → 5 (浙江 new); above the 2025 mean: 北京 上海 广东 浙江 江苏 = 5
const U = ['110000', '310000', '440000', '330000', '320000', '650000'];
const R24 = [80, 85, 90, 79, 85, 60];
const R25 = [81, 85, 89, 80, 84, 60.5];
const flat = (a: number[], b: number[]): number[] => [...a, ...b];
const regional = result(U, [2024, 2025], { R: flat(R24, R25), P: flat(R24, R25), Q: flat(R24, R25), T: flat(R24, R25) }, 2);
// 东部 (five) and 西部 (新疆 alone): 东部 419/5 = 83.8 both years (unchanged), 西部 +0.5
const g4: Grouping = { id: 'g4', name: { zh: '两大区域', en: 'Two regions' }, groups: [{ code: 'E', name: { zh: '东部', en: 'East' }, members: U.slice(0, 5) }, { code: 'W', name: { zh: '西部', en: 'West' }, members: ['650000'] }] };
// overlapping: 甲 = 上海 + 江苏 (85 → 84.5, −0.5), 乙 = 上海 + 浙江 (82 → 82.5, +0.5), 丙 = 广东 alone (90 → 89, −1)
const gx: Grouping = { id: 'gx', name: { zh: '三个区域', en: 'Three areas' }, groups: [{ code: 'A', name: { zh: '甲区域', en: 'Area A' }, members: ['310000', '320000'] }, { code: 'B', name: { zh: '乙区域', en: 'Area B' }, members: ['310000', '330000'] }, { code: 'C', name: { zh: '丙区域', en: 'Area C' }, members: ['440000'] }] };

test('regional: fewer risers than the list holds, falls counted, an unchanged median, who crossed 80', () => {
  const stats = groupStats(regional, [g4, gx]);
  const n = regionalNarrative(narrativeContext(fw, regional, 'zh', 2025, unitName), stats, [g4, gx]);
  assert.equal(
    n.overall.paragraphs[0]!.text,
    '评价结果显示，全国各省份的测试指数平均得分79.92分，较上年提高0.08分；中位数为82.50分，与上年持平。其中，广东、上海、江苏、北京、浙江等地区的测试指数得分位居全国前列。' +
      '总体来看，5个省份的测试指数得分高于平均值，测试指数得分在80分以上的省份达到5个，相较上年增加浙江。仅北京、浙江和新疆得分较上年提高，分别增长1.00分、1.00分和0.50分。另有2个省份得分较上年下降。',
  );
  assert.equal(n.overall.heading, '测试指数平均值增长、中位数持平');
  assert.equal(n.summary.text, '测试指数平均得分有所提升，达到79.92分，较上年提高0.08分。');
  const en = regionalNarrative(narrativeContext(fw, regional, 'en', 2025, unitName), stats, [g4, gx]);
  assert.equal(
    en.overall.paragraphs[0]!.text,
    'Across the provinces, the mean score of the Test Index is 79.92, up 0.08 on the previous edition; the median is 82.50, unchanged on the previous edition. Leading: Guangdong, Shanghai, Jiangsu, Beijing, and Zhejiang. 5 provinces score above the mean; 5 score 80 or more (newly at or above it: Zhejiang). Only these rose: Beijing (+1.00), Zhejiang (+1.00), and Xinjiang (+0.50). 2 provinces fell.',
  );
});

test('regional groups: an unchanged leader keeps the lead, a single-member group reads as its member, overlapping groups by score', () => {
  const stats = groupStats(regional, [g4, gx]);
  const n = regionalNarrative(narrativeContext(fw, regional, 'zh', 2025, unitName), stats, [g4, gx]);
  const [a, b] = n.groups;
  assert.equal(a!.heading, '两大区域：东部地区继续保持领先，西部地区增幅最大');
  assert.equal(
    a!.paragraphs[0]!.text,
    '从两大区域来看，东部地区和西部地区的测试指数平均得分依次为83.80分和60.50分；较上年，东部地区持平，西部地区增长0.50分。总体上，东部地区得分最高，保持领先优势；西部地区增幅最大（+0.50分），与其他区域相比保持较快增长速度。西部地区仅含新疆一地，其平均得分即为该地得分。',
  );
  // overlapping groups: from high to low; 丙 (广东 alone) has a score, not a mean
  assert.equal(b!.heading, '三个区域：丙区域继续保持领先，乙区域增幅最大');
  assert.match(b!.paragraphs[0]!.text, /^从三个区域来看，各区域测试指数平均得分从高到低依次为丙区域（89\.00分）、甲区域（84\.50分）和乙区域（82\.50分），其中丙区域和甲区域较上年下降。/);
  assert.equal(b!.paragraphs[1]!.text, '丙区域测试指数得分89.00分，较上年下降1.00分。保护、运行和环境指数得分分别为89.00分、89.00分和89.00分，均高于其他2个区域。');
  const en = regionalNarrative(narrativeContext(fw, regional, 'en', 2025, unitName), stats, [g4, gx]);
  assert.equal(en.groups[0]!.heading, 'Two regions: East keeps the lead; West grows fastest');
});

test('regional: two groups tied at the top are named together', () => {
  // 东部 and 西部 both 70 in 2025
  const res = result(['110000', '650000'], [2024, 2025], { R: [70, 69, 70, 70], P: [70, 69, 70, 70], Q: [70, 69, 70, 70], T: [70, 69, 70, 70] }, 2);
  const g: Grouping = { id: 'g', name: { zh: '两大区域', en: 'Two regions' }, groups: [{ code: 'E', name: { zh: '东部', en: 'East' }, members: ['110000'] }, { code: 'W', name: { zh: '西部', en: 'West' }, members: ['650000'] }] };
  const n = regionalNarrative(narrativeContext(fw, res, 'zh', 2025, unitName), groupStats(res, [g]), [g]);
  assert.equal(n.groups[0]!.heading, '两大区域：东部地区和西部地区并列领先，西部地区增幅最大');
  assert.match(n.groups[0]!.paragraphs[0]!.text, /总体上，东部地区和西部地区得分并列最高；西部地区增幅最大（\+1\.00分）/);
});
