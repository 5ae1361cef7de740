/**
 * How high the market pillar (知识产权市场运行) of the leading provinces can go under the
 * cnipa-regional recipe, whatever the provincial counts: the arithmetic behind "Why the market
 * pillar cannot be met" in data/sample/README.md.
 *
 *   node --import tsx scripts/sample/market-frontier.ts   # about a minute
 *
 * A pair is a count x and its intensity x/D. With min–max positions (x − L)/(U − L) ≤ x/U and one
 * province H holding both maxima of a pair, another province p reaches at most
 * min(1, D_p/D_H) on the count and min(1, D_H/D_p) on the intensity (ties with H where the bound
 * allows). Best case for the leaders: L = 0, the three unpaired market indicators at the top (R44
 * 1, R55 0.85, R58 0.6), each of the other pairs held by 广东 or by 北京 — every assignment is
 * tried. Denominators are the sample's 2024 values (GDP and population from
 * data/reference/provinces.csv). Variants: the four 广东 shares chapter 3 prints (R20, R22, R26,
 * R49: the other provinces then at about 0.3), and the geographical-indication pairs (R36, R38,
 * R56) at a middling 0.6 for the leaders or held like the others.
 */
import { loadFramework, P_INDEX, REG_YEARS } from './inputs.ts';
import { formulaVariables, parseFormula } from '../../src/core/expr/index.ts';
import { solveNational } from './national.ts';
import { reg, setNational } from './regional.ts';

setNational(solveNational(loadFramework('frameworks/cnipa-national-2025.yaml')).cells);
const fw = loadFramework('frameworks/cnipa-regional-2025.yaml');
const y = REG_YEARS.indexOf(2024);
const LEAD = ['广东', '北京', '上海', '江苏', '浙江', '安徽'];
const groups = ['G21', 'G22', 'G23'];
interface Pair {
  code: string;
  group: number;
  d: number[]; // denominator of each leader, 2024
}
const pairs: Pair[] = [];
groups.forEach((g, gi) => {
  for (const n of fw.nodes.filter((m) => m.parent === g && m.kind === 'derived')) {
    const vars = formulaVariables(parseFormula(n.formula!));
    const num = vars.find((v) => /^R\d+$/.test(v))!;
    const den = vars.find((v) => v !== num)!;
    pairs.push({ code: num, group: gi, d: LEAD.map((s) => reg(den === 'TM_VALID' ? 'R24' : den)[P_INDEX.get(s)!]![y]!) });
  }
});
const singles = [[], [1, 0.85, 0.6], []];
const GD_SHARES = ['R20', 'R22', 'R26', 'R49'];
const GI = ['R36', 'R38', 'R56'];

/** Mean position of a pair for leader i when leader h holds both maxima. */
const pos = (p: Pair, i: number, h: number): number => (i === h ? 1 : (Math.min(1, p.d[i]! / p.d[h]!) + Math.min(1, p.d[h]! / p.d[i]!)) / 2);

function best(shares: boolean, giMiddling: boolean): { margin: number; scores: Record<string, number> } {
  const fixed = (p: Pair): number | undefined => (shares && GD_SHARES.includes(p.code) ? -1 : giMiddling && GI.includes(p.code) ? -2 : undefined);
  const free = pairs.filter((p) => fixed(p) === undefined);
  // value of every pair for every leader under each holder (0 广东, 1 北京), computed once
  const val = pairs.map((p) => [0, 1].map((h) => LEAD.map((_s, i) => (fixed(p) === -1 ? (i === 0 ? 1 : 0.3) : fixed(p) === -2 ? 0.6 : pos(p, i, h)))));
  const size = groups.map((_g, gi) => 2 * pairs.filter((q) => q.group === gi).length + singles[gi]!.length);
  const single = groups.map((_g, gi) => singles[gi]!.reduce((a, b) => a + b, 0));
  const freeIndex = free.map((p) => pairs.indexOf(p));
  let top = { margin: -Infinity, scores: {} as Record<string, number> };
  const holder = new Array<number>(pairs.length).fill(0);
  const score = new Array<number>(LEAD.length);
  for (let mask = 0; mask < 1 << free.length; mask++) {
    freeIndex.forEach((pi, k) => (holder[pi] = (mask >> k) & 1));
    for (let i = 0; i < LEAD.length; i++) {
      const tot = single.slice();
      pairs.forEach((p, pi) => (tot[p.group]! += 2 * val[pi]![holder[pi]!]![i]!));
      score[i] = 60 + (40 * tot.reduce((a, t, gi) => a + t / size[gi]!, 0)) / 3;
    }
    const [gd, bj, sh, js, zj, ah] = score as [number, number, number, number, number, number];
    const yrd = (sh + js + zj + ah) / 4;
    // printed: 广东 92.36; 北京 > 上海 > 江苏, 浙江, 安徽; 长三角 mean 89.63
    const margin = Math.min(gd - 92.36, bj - sh, sh - Math.max(js, zj, ah), yrd - 89.634);
    if (margin > top.margin) top = { margin, scores: Object.fromEntries(LEAD.map((s, i) => [s, Number(score[i]!.toFixed(2))])) };
  }
  return top;
}

for (const [shares, gi] of [[false, true], [true, true], [true, false], [false, false]] as const) {
  const b = best(shares, gi);
  console.log(`广东 shares ${shares ? 'printed' : 'ignored'}, GI pairs ${gi ? 'at 0.6' : 'held like the others'}: largest margin over the printed figures ${b.margin.toFixed(2)} — ${JSON.stringify(b.scores)}`);
}
