/**
 * The sample run retells the report (issue 10): every figure that chapter 3, section 二 of the
 * seed (shared/seed/000_60e24113b3c217fb.txt, lines 1520–1829) prints about the regional index is
 * listed below with its seed line, transcribed by hand from the seed text (not from
 * published-2025.json, not from the generator), and the generated Chinese summary must state it:
 * the same number beside the same province, group or pillar.
 *
 * Two runs are checked:
 *   1. the summary of the calibration targets (scripts/sample/regional-targets.ts: every
 *      province's pillar scores for 2021–2025, the index = 0.25/0.50/0.25 of them), run through
 *      the core's group statistics and summary exactly as `ipindex evaluate` does — this checks
 *      that the targets reproduce the report and that the summary states what it states;
 *   2. the summary of the bundled sample data under the cnipa-regional recipe (`npm start`): a
 *      `todo` until the regional sample reaches those targets (see data/sample/README.md,
 *      "Calibration to chapter 3"); it runs and lists what is still missing.
 * Two figures are differences of group means the summary does not state (L1770, L1772); they are
 * checked on the group statistics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RECIPES, Panel, evaluate, groupStats, resolveRecipe, summarise, type EvaluationResult } from '../src/core/index.ts';
import { loadFramework, loadGroupings, loadRegistry, readDataFiles, DEFAULT_GROUPINGS } from '../src/io/index.ts';
import { regionalTargets, indexScore } from '../scripts/sample/regional-targets.ts';
import { PROVS } from '../scripts/sample/inputs.ts';

/**
 * One printed statement: seed line(s), how many numbers it prints, the line of the summary that
 * must state it (the text that line starts with) and the text that line must hold.
 */
interface Statement {
  line: string;
  numbers: number;
  in: string;
  says: string;
}
const IDX = '2025年地区知识产权发展指数：';
const P1 = '知识产权保护';
const P2 = '知识产权市场运行';
const P3 = '知识产权发展环境';
const R4 = '四大区域';
const S5 = '五大区域重大战略';
const s = (line: string, numbers: number, inLine: string, says: string): Statement => ({ line, numbers, in: inLine, says });
/** Every number of chapter 3 section 二 about the regional index's results, in the order printed. */
export const STATEMENTS: Statement[] = [
  // （一）地区发展指数平均值及中位数均实现增长
  s('L1553–1555', 2, IDX, '平均得分81.73，较上年提高0.73'),
  s('L1555–1557', 2, IDX, '中位数81.77，较上年提高0.34'),
  s('L1557–1559', 0, '广东、', '广东、上海、北京、浙江、江苏等地区位居全国前列'),
  s('L1559–1561', 1, IDX, '17个地区高于平均水平'),
  s('L1561–1563', 2, IDX, '19个地区得分在80分以上'), // 19 and the threshold 80
  s('L1563', 0, '吉林', '吉林较上年新进入80分以上行列'),
  s('L1563–1567', 6, '得分提高较多的地区：', '海南（+2.28）、四川（+1.98）、内蒙古（+1.85）、浙江（+1.63）、重庆（+1.42）'), // five values and "前5位"
  s('L1571', 3, `${P1}：`, '平均86.29（+1.08），中位数86.48'),
  s('L1573', 1, `${P1}（续）：`, '中位数较上年提高1.01'),
  s('L1573–1575', 3, `${P1}：`, '增幅较大的是内蒙古（+2.64）、海南（+2.51）、云南（+2.42）'),
  s('L1575–1577', 2, `${P1}：`, '28个地区在80分以上'),
  s('L1577–1579', 0, `${P1}：`, '广东、江苏、浙江位居前列'),
  s('L1579', 1, `${P1}（续）：`, '16个地区高于平均水平'),
  s('L1583–1585', 3, `${P2}：`, '平均79.53（+0.20），中位数79.35'),
  s('L1585', 1, `${P2}（续）：`, '中位数较上年提高0.46'),
  s('L1585–1589', 3, `${P2}：`, '增幅较大的是贵州（+1.67）、浙江（+1.62）、吉林（+1.60）'),
  s('L1589', 2, `${P2}：`, '13个地区在80分以上'),
  s('L1590', 0, `${P2}：`, '广东、北京、上海位居前列'),
  s('L1590–1592', 1, `${P2}（续）：`, '14个地区高于平均水平'),
  s('L1596–1598', 3, `${P3}：`, '平均81.56（+1.43），中位数81.25'),
  s('L1598', 1, `${P3}（续）：`, '中位数较上年提高1.93'),
  s('L1598–1602', 3, `${P3}：`, '增幅较大的是四川（+5.62）、内蒙古（+5.48）、重庆（+5.20）'),
  s('L1602–1604', 2, `${P3}：`, '16个地区在80分以上'),
  s('L1604', 1, `${P3}（续）：`, '四川、辽宁较上年新进入80分以上行列'), // and "2个"
  s('L1604', 0, `${P3}：`, '北京、上海、广东位居前列'),
  s('L1606', 1, `${P3}（续）：`, '15个地区高于平均水平'),
  // （二）东部知识产权发展继续领先，中部地区发展加速
  s('L1612–1614', 8, `${R4}：`, '东部87.30（+0.75），中部82.45（+0.87），西部77.06（+0.71），东北80.39（+0.41）'),
  s('L1622–1630', 8, `${R4}·${P1}：`, '东部90.62（+1.73），中部88.37（+1.31），西部82.12（+0.56），东北84.39（+0.49）'),
  s('L1630–1635', 4, `${R4}·${P2}：`, '东部85.69（+0.24），中部79.22（+0.23），西部74.62（+0.22），东北79.25'), // 东北's change is not printed
  s('L1634–1635', 3, `${R4}·${P2}：`, '东部85.69（+0.24），中部79.22（+0.23），西部74.62（+0.22）'),
  s('L1637', 1, `${R4}·${P3}：`, '东部87.18（'), // 东部's change is not printed
  s('L1637–1641', 6, `${R4}·${P3}：`, '中部83.01（+1.70），西部76.88（+1.84），东北78.68（+1.40）'),
  // （三）粤港澳大湾区知识产权发展指数继续保持领先 (the summary lists the groups in the grouping file's order)
  s('L1670–1673, L1692–1699, L1729, L1760, L1788, L1807–1809', 10, `${S5}：`, '京津冀85.35（+0.06），长江经济带84.88（+1.08），粤港澳大湾区93.02（+0.83），长三角90.28（+1.10），黄河流域79.19（+0.88）'),
  s('L1701', 1, `${S5}·${P1}：`, '粤港澳大湾区95.25（'),
  s('L1701', 1, `${S5}·${P2}：`, '粤港澳大湾区92.36（'),
  s('L1701', 1, `${S5}·${P3}：`, '粤港澳大湾区92.11（'),
  s('L1731', 1, `${S5}·${P1}：`, '长江经济带89.12（'),
  s('L1733', 1, `${S5}·${P2}：`, '长江经济带83.00（'),
  s('L1733–1735', 2, `${S5}·${P3}：`, '长江经济带84.41（+1.87）'),
  s('L1764', 1, `${S5}·${P1}：`, '长三角92.81（'),
  s('L1764–1766', 2, `${S5}·${P2}：`, '长三角89.63（+1.12）'),
  s('L1764', 1, `${S5}·${P3}：`, '长三角89.03（'),
  s('L1789', 2, `${S5}·${P1}：`, '京津冀87.66（+1.94）'),
  s('L1791', 1, `${S5}·${P2}：`, '京津冀83.78（'),
  s('L1791', 1, `${S5}·${P3}：`, '京津冀86.16（'),
  s('L1811', 2, `${S5}·${P1}：`, '黄河流域84.37（+1.02）'),
  s('L1811–1813', 2, `${S5}·${P2}：`, '黄河流域76.30（+0.16）'),
  s('L1811–1813', 2, `${S5}·${P3}：`, '黄河流域79.78（+2.20）'),
];
/** Printed differences of group means (not stated by the summary): [seed line, group a, group b, node, printed]. */
const DIFFERENCES: [string, string, string, string, number][] = [
  ['L1770', 'YRD', 'YREB', 'RIDX', 5.39],
  ['L1772', 'YRD', 'YREB', 'P2', 6.64],
];
/**
 * The framework's and the groupings' numbers the section prints: 86 indicators (L1528); 3 pillars,
 * 9 groups, 86 indicators, 31 provinces (footnote 13, L1538–1542); 京津冀 3, 长江经济带 11, 长三角 4,
 * 黄河流域 9 provinces (footnote 14, L1663–1698).
 */
const STRUCTURE = { indicators: 86, pillars: 3, groups: 9, provinces: 31, JJJ: 3, YREB: 11, YRD: 4, YRB: 9 };
/** The numbers the list covers (each printed number once; "80" counted where the threshold is printed). */
export const NUMBERS = STATEMENTS.reduce((n, x) => n + x.numbers, 0) + DIFFERENCES.length + 5 + 4;

const registry = loadRegistry();
const groupings = loadGroupings(DEFAULT_GROUPINGS, registry);
const { framework } = loadFramework('cnipa-regional');
const unitName = (c: string): string => registry.name(c, 'zh');

/** An evaluation result whose index and pillar scores are the calibration targets. */
function targetResult(): EvaluationResult {
  const T = regionalTargets();
  const editions = [2021, 2022, 2023, 2024, 2025];
  const U = PROVS.length;
  const scores: Record<string, Float64Array> = { RIDX: new Float64Array(5 * U), P1: new Float64Array(5 * U), P2: new Float64Array(5 * U), P3: new Float64Array(5 * U) };
  editions.forEach((e, i) => {
    for (let u = 0; u < U; u++) {
      scores.RIDX![i * U + u] = indexScore(T[e]!, u);
      ['P1', 'P2', 'P3'].forEach((n, j) => (scores[n]![i * U + u] = T[e]![j]![u]!));
    }
  });
  return {
    recipe: resolveRecipe(BUILTIN_RECIPES['cnipa-regional']!, framework), firstEdition: 2021, baseEdition: 2021, framework: { id: framework.id, version: framework.version },
    editions, dataYears: editions.map((e) => e - 1), units: PROVS.map((p) => p.code), nodes: ['RIDX', 'P1', 'P2', 'P3'],
    values: {}, scores, ranks: {}, flags: {}, bounds: {}, weights: {}, warnings: [],
  } as unknown as EvaluationResult;
}

/** The statements a summary misses, and the printed differences its statistics miss. */
function missing(res: EvaluationResult): string[] {
  const stats = groupStats(res, groupings);
  const text = summarise(res, framework, { unitName, groupings, stats }).join('\n');
  const lines = text.split('\n');
  const out = STATEMENTS.filter((x) => !lines.some((l) => l.startsWith(x.in) && l.includes(x.says))).map((x) => `${x.line}: ${x.in}…${x.says}`);
  const mean = (g: string, node: string): number => stats.find((s) => s.edition === 2025 && s.group === g && s.node === node)!.mean;
  for (const [line, a, b, node, printed] of DIFFERENCES) {
    const d = mean(a, node) - mean(b, node);
    if (d.toFixed(2) !== printed.toFixed(2)) out.push(`${line}: ${a} − ${b} ${node} = ${d.toFixed(4)}, printed ${printed}`);
  }
  return out;
}

test(`the list covers every number of chapter 3 section 二 about the regional index (${NUMBERS})`, () => {
  // counted by hand from the seed text: (一) index 13, 保护 10, 市场运行 10, 发展环境 11; (二) four
  // regions 30; (三) strategic regions 10 + 21, two differences; framework 5, footnote 14 4
  assert.equal(NUMBERS, 116);
  assert.equal(new Set(STATEMENTS.map((x) => x.in + x.says)).size, STATEMENTS.length, 'no statement twice');
});

test('the framework and the groupings have the sizes the section prints (L1528, L1538–1542, L1663–1698)', () => {
  const leaves = framework.nodes.filter((n) => n.kind === 'raw' || n.kind === 'derived');
  const pillars = framework.nodes.filter((n) => n.parent === framework.root);
  const groups = framework.nodes.filter((n) => pillars.some((p) => p.code === n.parent));
  const strategic = groupings.find((g) => g.id === 'strategic5')!.groups;
  const size = (code: string): number => strategic.find((g) => g.code === code)!.members.length;
  assert.deepEqual(
    { indicators: leaves.length, pillars: pillars.length, groups: groups.length, provinces: groupings.find((g) => g.id === 'region4')!.groups.reduce((n, g) => n + g.members.length, 0), JJJ: size('JJJ'), YREB: size('YREB'), YRD: size('YRD'), YRB: size('YRB') },
    STRUCTURE,
  );
});

test('the calibration targets, summarised, state every printed figure', () => {
  assert.deepEqual(missing(targetResult()), []);
});

test('a summary that misses a figure is caught', () => {
  const res = targetResult();
  const U = res.units.length;
  const hainan = res.units.indexOf('460000');
  res.scores.RIDX![4 * U + hainan]! += 0.01; // 海南 +2.28 → +2.29 (and the mean moves)
  const miss = missing(res);
  assert.ok(miss.some((m) => m.startsWith('L1563–1567')), miss.join('\n'));
});

test('the bundled sample (npm start) states every printed figure', { todo: 'the regional sample does not reach the targets yet: data/sample/README.md, "Calibration to chapter 3"' }, () => {
  const { observations } = readDataFiles([new URL('../data/sample/regional.csv', import.meta.url).pathname], registry);
  const res = evaluate(framework, new Panel(observations), BUILTIN_RECIPES['cnipa-regional']!, { edition: 2025, groupings });
  assert.deepEqual(missing(res), []);
});
