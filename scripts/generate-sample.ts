/**
 * Generates the bundled SAMPLE data set: data/sample/regional.csv and data/sample/national.csv.
 *
 *   npm run sample              # writes both files
 *   npm run sample -- --verbose # also prints the calibration diagnostics
 *
 * Everything here is SAMPLE data (source=sample) except the national figures that the seed report
 * prints (source=seed:<line>, taken from data/sample/seed-figures.json). See data/sample/README.md.
 *
 * Deterministic: every random draw is a keyed standard normal, z("R18|440000|2021"), computed from a
 * fixed seed with mulberry32. Draws do not depend on call order, so adding an indicator does not
 * change the others. No Date, no Math.random: running twice gives byte-identical files.
 *
 * The indicator lists come from the framework files (frameworks/cnipa-*.yaml): the generator writes
 * every `kind: raw` node and every `variables:` entry, never a `kind: derived` node. The tables
 * NAT and REG below only hold calibration parameters per code; a raw code without an entry gets a
 * generic model chosen by its unit (and a warning), so an edited framework still gets data.
 *
 * National calibration (base-year ratio method, 2020 data = 100; edition E uses data year E−1):
 * every indicator scores 100·x_t/x_2020 (100·x_2020/x_t when direction is −), a sub-index is the
 * weighted mean of its indicators' scores. Indicators pinned to seed figures ("anchored") keep their
 * values; the others ("free") absorb the rest of the published sub-index score, each along its own
 * path s_i,t = 100 + a_i·D_t·(1+ε_i,t) where D_t is solved per sub-index and year. A final
 * integer search on the rounded values brings each sub-index mean within 0.002 of its target.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

// ================================================================================== 0. set-up
const ROOT = new URL('../', import.meta.url);
const at = (rel: string): URL => new URL(rel, ROOT);
const VERBOSE = process.argv.includes('--verbose');
const log = (...a: unknown[]): void => {
  if (VERBOSE) console.error(...a);
};

/** Fixed PRNG seed. Change it and every sample value changes (the seed figures do not). */
const SEED = 0x20250613;
const REG_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const NAT_YEARS = [2020, 2021, 2022, 2023, 2024];
const BASE_YEAR = 2020; // data year of the 2021 edition, the base (=100) of the national index

// ================================================================================== 1. PRNG
/** mulberry32: a small, fast, well-mixed 32-bit PRNG (Tommy Ettinger, public domain). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** FNV-1a hash of a string (32 bit). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
/** Keyed standard-normal draw (Box–Muller): the same key always gives the same number. */
function z(key: string): number {
  const r = mulberry32(fnv1a(key) ^ SEED);
  r();
  const u1 = Math.max(r(), 1e-12);
  const u2 = r();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

// ================================================================================== 2. rounding
/** Decimals: a fixed count, or {sig} significant digits (at least 2 decimals) for tiny ratios. */
type Dec = number | { sig: number };
function decimalsFor(v: number, dec: Dec): number {
  if (typeof dec === 'number') return dec;
  if (v === 0) return 2;
  return Math.max(2, dec.sig - 1 - Math.floor(Math.log10(Math.abs(v))));
}
const roundTo = (v: number, dec: Dec): number => Number(v.toFixed(decimalsFor(v, dec)));
/** Plain decimal text without trailing zeros or thousands separators. */
function fmt(v: number, dec: Dec): string {
  let s = v.toFixed(decimalsFor(v, dec));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

// ================================================================================== 3. inputs
interface FwNode {
  code: string;
  parent?: string;
  kind?: string;
  unit?: string;
  direction?: string;
  formula?: string;
  weight?: number;
  name?: { zh?: string };
}
interface Framework {
  id: string;
  variables?: { code: string; unit?: string; name?: { zh?: string } }[];
  nodes: FwNode[];
}
function loadFramework(rel: string): Framework {
  const fw = parseYaml(readFileSync(at(rel), 'utf8')) as Framework;
  if (!fw || !Array.isArray(fw.nodes)) throw new Error(`${rel}: no nodes: list`);
  return fw;
}
/** The top-level group (child of the root) a node belongs to. */
function topGroup(fw: Framework, code: string): string {
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  let n = byCode.get(code);
  while (n?.parent && byCode.get(n.parent)?.parent) n = byCode.get(n.parent);
  if (!n) throw new Error(`${fw.id}: unknown node ${code}`);
  return n.code;
}

interface SeedFigure {
  id: string;
  value: number;
  unit: string;
  line: number;
  year: number;
  qualifier?: string;
}
const SEED_FIGS = new Map<string, SeedFigure>(
  (JSON.parse(readFileSync(at('data/sample/seed-figures.json'), 'utf8')) as { figures: SeedFigure[] }).figures.map((f) => [f.id, f]),
);
function fig(id: string): SeedFigure {
  const f = SEED_FIGS.get(id);
  if (!f) throw new Error(`data/sample/seed-figures.json has no figure "${id}"`);
  return f;
}

/** One output cell before formatting. */
interface Cell {
  v: number;
  source?: string; // default "sample"
  note?: string;
  flag?: string;
}
/** A value printed in the seed (optionally converted with mult, e.g. 亿元 → 万元). */
function S(id: string, mult = 1): Cell {
  const f = fig(id);
  const q = f.qualifier ? `${f.qualifier === '近' || f.qualifier === '约' ? 'approximate' : 'lower bound'}: printed with ${f.qualifier}` : '';
  return { v: f.value * mult, source: `seed:${f.line}`, note: q };
}
/** A value computed exactly from seed figures (e.g. 2024 level minus printed change). */
function D(v: number, id: string, how: string): Cell {
  return { v, source: `seed:${fig(id).line}`, note: `derived: ${how}` };
}
/** The 2024 row of a figure the report only has for 2023: the 2023 value, flagged. */
function carried(c: Cell): Cell {
  return { ...c, flag: 'carried-forward:2023', note: '2024 value not yet published; the report uses the 2023 value' };
}

interface Province {
  code: string;
  short: string;
  region4: string;
  gdp23: number;
  pop23: number;
  /** innovation factor (leaders 广东 上海 北京 浙江 江苏 high; 西藏 青海 宁夏 low) */
  inn: number;
  /** goods exports / GDP */
  exp: number;
  /** imports / exports */
  imp: number;
  /** share of population with tertiary education, % */
  edu: number;
  /** agricultural / geographical-indication weight */
  agri: number;
  /** momentum: yearly log-drift of shares (the report's fastest risers are positive) */
  mom: number;
  /** yearly population growth */
  popg: number;
  /** prefecture-level divisions (地级行政区; municipalities count as 1) */
  pref: number;
}
// code: [inn, exp, imp, edu, agri, mom, popg, pref]
const PROVINCE_PARAMS: Record<string, [number, number, number, number, number, number, number, number]> = {
  '110000': [2.6, 0.14, 5.0, 42, 0.2, -0.01, -0.001, 1], // 北京
  '120000': [1.25, 0.17, 1.3, 27, 0.4, -0.015, -0.003, 1], // 天津
  '130000': [0.75, 0.07, 0.6, 13, 1.0, -0.005, -0.004, 11], // 河北
  '140000': [0.65, 0.04, 0.5, 17, 0.8, -0.01, -0.004, 11], // 山西
  '150000': [0.6, 0.04, 1.3, 18, 1.2, 0.03, -0.003, 12], // 内蒙古
  '210000': [0.9, 0.11, 1.1, 19, 0.9, 0.0, -0.007, 14], // 辽宁
  '220000': [0.8, 0.04, 2.5, 17, 1.1, 0.02, -0.01, 9], // 吉林
  '230000': [0.75, 0.03, 4.0, 15, 1.4, -0.015, -0.013, 13], // 黑龙江
  '310000': [2.4, 0.37, 1.5, 34, 0.2, -0.005, 0.0, 1], // 上海
  '320000': [1.7, 0.27, 0.6, 19, 0.8, 0.0, 0.001, 13], // 江苏
  '330000': [1.8, 0.46, 0.4, 17, 0.9, 0.02, 0.006, 11], // 浙江
  '340000': [1.15, 0.13, 0.6, 13, 1.0, 0.02, 0.0, 16], // 安徽
  '350000': [1.05, 0.24, 0.65, 14, 1.0, 0.0, 0.002, 9], // 福建
  '360000': [0.85, 0.15, 0.4, 12, 1.0, 0.01, -0.002, 11], // 江西
  '370000': [1.1, 0.21, 0.7, 14, 1.3, 0.005, -0.001, 16], // 山东
  '410000': [0.85, 0.09, 0.6, 12, 1.3, 0.0, -0.004, 17], // 河南
  '420000': [1.15, 0.07, 0.6, 16, 1.1, 0.01, 0.0, 13], // 湖北
  '430000': [0.95, 0.11, 0.5, 12, 1.2, 0.005, -0.004, 14], // 湖南
  '440000': [2.0, 0.4, 0.6, 18, 0.8, 0.0, 0.005, 21], // 广东
  '450000': [0.7, 0.14, 0.9, 11, 1.2, 0.005, 0.001, 14], // 广西
  '460000': [0.8, 0.06, 2.2, 14, 1.1, 0.04, 0.009, 4], // 海南
  '500000': [1.0, 0.15, 0.6, 15, 0.9, 0.025, -0.001, 1], // 重庆
  '510000': [1.1, 0.1, 0.6, 13, 1.4, 0.03, 0.0, 21], // 四川
  '520000': [0.75, 0.03, 0.4, 11, 1.2, 0.025, 0.003, 9], // 贵州
  '530000': [0.7, 0.06, 0.9, 11, 1.4, 0.02, -0.002, 16], // 云南
  '540000': [0.4, 0.03, 0.3, 11, 1.0, 0.0, 0.006, 7], // 西藏
  '610000': [1.1, 0.08, 0.7, 19, 1.0, 0.01, 0.0, 10], // 陕西
  '620000': [0.6, 0.01, 2.0, 15, 1.2, 0.0, -0.004, 14], // 甘肃
  '630000': [0.5, 0.01, 1.5, 14, 1.0, -0.01, 0.001, 8], // 青海
  '640000': [0.55, 0.02, 0.5, 17, 0.9, 0.0, 0.003, 5], // 宁夏
  '650000': [0.55, 0.2, 0.2, 16, 1.3, 0.01, 0.005, 14], // 新疆
};
function loadProvinces(): Province[] {
  const [head, ...lines] = readFileSync(at('data/reference/provinces.csv'), 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const col = (r: string[], name: string): string => r[cols.indexOf(name)] ?? '';
  return lines.map((l) => {
    const r = l.split(',');
    const code = col(r, 'code');
    const p = PROVINCE_PARAMS[code];
    if (!p) throw new Error(`no sample parameters for province ${code}`);
    const [inn, exp, imp, edu, agri, mom, popg, pref] = p;
    return {
      code, short: col(r, 'short_zh'), region4: col(r, 'region4'),
      gdp23: Number(col(r, 'gdp_2023_yi_yuan')), pop23: Number(col(r, 'pop_2023_wan')),
      inn, exp, imp, edu, agri, mom, popg, pref,
    };
  });
}
const PROVS = loadProvinces();
const P_INDEX = new Map(PROVS.map((p, k) => [p.short, k]));
const members = (...shorts: string[]): number[] =>
  shorts.map((s) => {
    const k = P_INDEX.get(s);
    if (k === undefined) throw new Error(`unknown province ${s}`);
    return k;
  });
/** Groups the report quotes shares for (footnote 14). 粤港澳大湾区 = 广东. */
const G = {
  广东: members('广东'),
  京津冀: members('北京', '天津', '河北'),
  长三角: members('上海', '江苏', '浙江', '安徽'),
  黄河流域: members('青海', '四川', '甘肃', '宁夏', '内蒙古', '陕西', '山西', '河南', '山东'),
};

// ================================================================================== 4. denominators
// GDP and population: the 2023 values of data/reference/provinces.csv, grown ~5 %/yr nominal
// (GDP) and almost flat (population), back to 2019 and forward to 2024.
const gdpGrowth = (k: number, t: number): number => 0.05 + 0.008 * z(`GDPg|${k}`) + 0.004 * z(`GDPg|${k}|${t}`);
const GDP: number[][] = PROVS.map((p, k) => {
  const v: Record<number, number> = { 2023: p.gdp23 };
  for (let t = 2022; t >= 2019; t--) v[t] = v[t + 1]! / (1 + gdpGrowth(k, t + 1));
  v[2024] = p.gdp23 * (1 + gdpGrowth(k, 2024));
  return REG_YEARS.map((t) => roundTo(v[t]!, 1));
});
const POP: number[][] = PROVS.map((p, k) =>
  REG_YEARS.map((t) => roundTo(p.pop23 * (1 + p.popg + 0.0008 * z(`POPg|${k}`)) ** (t - 2023), 2)),
);
const yi = (t: number): number => REG_YEARS.indexOf(t);
const gdp = (k: number, t: number): number => GDP[k]![yi(t)]!;
const pop = (k: number, t: number): number => POP[k]![yi(t)]!;
const sumOver = (f: (k: number) => number): number => PROVS.reduce((s, _p, k) => s + f(k), 0);

// ================================================================================== 5. national targets
/**
 * Published sub-index scores by DATA year (edition − 1). 2024 data: the 2025 edition as printed.
 * 2023 data: 2025 score − printed change, +0.03 so that the count-weighted total rounds to the
 * 2024 edition's published 125.5 (every sub-index still rounds to the printed value).
 * 2021 data: the 2022 edition's sub-indices, +0.0445 so that the total rounds to its published 116.3.
 * 2022 data: not printed; 市场运行 from "增速较上年提升6.1个百分点", the others interpolated
 * between 2021 and 2023 with one common weight so that the total is the published 120.0.
 */
const PRINTED_2025: Record<string, [number, number, string]> = {
  S1: [122.5, 2.1, '制度'], S2: [135.3, 4.8, '保护'], S3: [134.1, 11.7, '市场运行'],
  S4: [133.3, 5.9, '公共服务'], S5: [137.8, 6.5, '人文社会环境'], S6: [125.5, 1.9, '全球知识产权治理'],
};
const PRINTED_2022: Record<string, number> = { S1: 112.4, S2: 119.3, S3: 114.8, S4: 117.5, S5: 121.3, S6: 114.1 };
const PUBLISHED_TOTALS: Record<number, number> = { 2021: 116.3, 2022: 120.0, 2023: 125.5, 2024: 131.8 };

// ================================================================================== 6. national specs
/**
 * fixed: values for some years (seed pins or sample); missing years in between are filled along
 * the sub-index's target path (so anchored indicators rise when the sub-index rises).
 * free: base (2020) value and weight a of the indicator's share in the sub-index's movement.
 * link: the 2024 value follows from 2023 by the change the seed prints (growth or delta).
 */
interface NatSpec {
  dec: Dec;
  interp?: 'geo' | 'lin';
  fixed?: Record<number, number | Cell>;
  free?: { base: number; a: number };
  link?: { growth?: number; delta?: number; id: string };
  note?: string;
}
/** National population and employment, 万人 (sums of the regional sample). */
const natPop = (t: number): number => sumOver((k) => pop(k, t));
const employedRatio = (k: number, t: number): number => (0.515 + 0.02 * z(`EMPr|${k}`)) * (1 - 0.003 * (t - 2023));
const natEmployed = (t: number): number => sumOver((k) => pop(k, t) * employedRatio(k, t));

function nationalSpecs(): Record<string, NatSpec> {
  const perPop = (count: number, t: number, per = 1): number => (count / natPop(t)) * per;
  const n62_2024 = fig('ip_talent_pool').value / natEmployed(2024);
  return {
    // ---- S1 知识产权制度 (8)
    N01: { dec: 2, free: { base: 55, a: 1.0 }, note: 'composite score; sample' },
    N02: { dec: 2, free: { base: 58, a: 0.9 }, note: 'composite score; sample' },
    N03: { dec: 1, interp: 'lin', fixed: { 2020: 20.0, 2023: D(16.0, 'invention_exam_period_change', '15.5 + 0.5'), 2024: S('invention_exam_period') } },
    N04: { dec: 1, interp: 'lin', fixed: { 2020: 4.0, 2023: { v: 4.0, source: 'seed:1366', note: 'derived: unchanged (保持稳定)' }, 2024: S('trademark_exam_period') } },
    N05: { dec: 0, interp: 'lin', fixed: { 2020: 35, 2023: { v: 30, source: 'seed:1366', note: 'derived: unchanged (保持稳定)' }, 2024: S('software_reg_period') } },
    N06: { dec: 1, interp: 'lin', fixed: { 2020: 92.0, 2023: D(94.2, 'invention_exam_accuracy_change', '95.2 − 1.0'), 2024: S('invention_exam_accuracy') } },
    N07: { dec: 1, interp: 'lin', fixed: { 2020: 96.4, 2023: 97.4, 2024: 97.5 }, note: 'sample; seed: 97%以上 (L728), +0.1 pp (L1370)' },
    N08: { dec: 1, interp: 'lin', fixed: { 2020: 84.6, 2023: 86.5, 2024: 87.0 }, note: 'sample; 2024 − 2023 = +0.5 as seed L1372' },
    // ---- S2 知识产权保护 (18)
    N09: { dec: 0, fixed: { 2020: 462000, 2023: 534000, 2024: S('court_ip_cases_closed') } },
    N10: { dec: 2, interp: 'lin', fixed: { 2020: 89.1, 2023: D(91.86, 'civil_first_instance_acceptance_rate_change', '93.36 − 1.5'), 2024: S('civil_first_instance_acceptance_rate') } },
    N11: { dec: 0, free: { base: 4300, a: 0.8 } },
    N12: { dec: 0, free: { base: 6500, a: 0.9 } },
    N13: { dec: 0, fixed: { 2020: 2600, 2023: 4000, 2024: S('procuratorate_civil_admin_pil_cases') } },
    N14: { dec: 0, fixed: { 2020: 300, 2023: D(319, 'punitive_damages_cases_yoy', '460 / 1.442'), 2024: S('punitive_damages_cases') } },
    N15: { dec: 0, fixed: { 2020: 25000, 2023: 35500, 2024: S('police_ip_counterfeit_cases') } },
    N16: { dec: 0, free: { base: 36000, a: 1.0 }, note: 'sample; seed L837 prints 市场监管 4.4万 (a component)' },
    N17: { dec: 0, fixed: { 2020: 48000, 2023: 69500, 2024: { ...S('patent_infringement_admin_cases'), note: 'seed: 专利侵权纠纷行政案件 7.2万 (related scope)' } } },
    N18: { dec: 0, fixed: { 2020: 20500, 2023: 25200, 2024: Math.round(25200 * 1.087) }, note: 'sample level; 2024/2023 = +8.7% as seed L1396' },
    N19: { dec: 0, free: { base: 1100, a: 1.2 } },
    N20: { dec: 1, interp: 'lin', fixed: { 2020: 52.0, 2023: D(64.3, 'prelitigation_mediation_success_rate_change', '65.7 − 1.4'), 2024: S('prelitigation_mediation_success_rate') } },
    N21: { dec: 0, fixed: { 2020: 46, 2023: 66, 2024: 72 }, note: 'sample level; 2024 − 2023 = +6 as seed L872' },
    N22: { dec: 0, free: { base: 25, a: 1.0 } },
    N23: { dec: 0, fixed: { 2020: 96000, 2023: 135000, 2024: S('mediation_cases') } },
    N24: { dec: 0, fixed: { 2020: 4300, 2023: 6000, 2024: S('arbitration_cases') } },
    N25: { dec: 0, fixed: { 2020: 43000, 2023: 48400, 2024: Math.round(48400 * 1.038) }, note: 'sample level; 2024/2023 = +3.8% as seed L1400' },
    N26: { dec: 2, interp: 'lin', fixed: { 2020: 80.05, 2021: 80.61, 2022: 81.25, 2023: D(82.04, 'ip_protection_satisfaction_change', '82.36 − 0.32'), 2024: S('ip_protection_satisfaction') } },
    // ---- S3 知识产权市场运行 (26)
    N27: { dec: 2, fixed: { 2020: 8.0, 2023: D(11.8, 'high_value_patents_per_10k_change', '14 − 2.2'), 2024: S('high_value_patents_per_10k') } },
    N28: { dec: 2, free: { base: 20, a: 0.8 } },
    N29: { dec: 1, free: { base: 2200, a: 1.6 }, link: { growth: 0.053, id: 'tm_valid_per_10k_entities_yoy' } },
    N30: { dec: 1, free: { base: 2400, a: 0.6 }, link: { growth: 0.216, id: 'works_per_million_yoy' } },
    N31: { dec: 2, free: { base: 170, a: 1.5 }, link: { growth: 0.08, id: 'software_per_100yi_gdp_yoy' } },
    N32: { dec: { sig: 4 }, free: { base: 1.6, a: 1.6 }, link: { growth: 0.03, id: 'agri_pvp_per_100yi_gdp_yoy' } },
    N33: { dec: { sig: 4 }, free: { base: 0.2, a: 1.0 }, link: { growth: 0.128, id: 'forest_pvp_per_100yi_gdp_yoy' } },
    N34: { dec: { sig: 4 }, free: { base: 0.6, a: 0.3 } },
    N35: { dec: { sig: 4 }, free: { base: 0.23, a: 0.3 } },
    N36: { dec: { sig: 4 }, free: { base: 0.6, a: 0.8 } },
    N37: { dec: 2, interp: 'lin', fixed: { 2020: 11.97, 2021: 12.44, 2022: D(12.6, 'patent_intensive_va_share_change', '13.04 − 0.44'), 2023: S('patent_intensive_va_share'), 2024: carried(S('patent_intensive_va_share')) } },
    N38: { dec: 0, fixed: { 2020: 68000000, 2023: 90000000, 2024: S('patent_intensive_products_output', 10000) } },
    N39: { dec: 2, free: { base: 65, a: 0.8 } },
    N40: { dec: 2, interp: 'lin', fixed: { 2020: 7.39, 2021: 7.41, 2022: D(7.41, 'copyright_industry_va_share_change', '7.44 − 0.03'), 2023: S('copyright_industry_va_share'), 2024: carried(S('copyright_industry_va_share')) } },
    N41: { dec: { sig: 4 }, free: { base: 0.9, a: 0.15 }, link: { growth: 0.448, id: 'gi_mark_entities_per_10k_yoy' } },
    N42: { dec: { sig: 4 }, free: { base: 0.55, a: 1.4 }, link: { growth: 0.093, id: 'gi_direct_output_per_100yi_gdp_yoy' } },
    N43: { dec: 2, free: { base: 5.0, a: 0.3 } },
    N44: { dec: 0, free: { base: 9000, a: 1.8 }, link: { growth: 0.039, id: 'ip_tech_contracts_per_100yi_gdp_yoy' } },
    N45: { dec: 2, free: { base: 2.6, a: 0.2 }, link: { growth: 0.359, id: 'patent_transfer_licence_activity_yoy' } },
    N46: { dec: { sig: 4 }, free: { base: 0.12, a: 0.6 } },
    N47: { dec: { sig: 4 }, free: { base: 0.4, a: 1.5 }, link: { growth: 0.046, id: 'copyright_exports_per_yi_services_yoy' } },
    N48: { dec: 2, free: { base: 40, a: 0.3 }, link: { growth: 0.42, id: 'ip_pledge_amount_per_yi_gdp_yoy' } },
    N49: { dec: { sig: 4 }, free: { base: 0.012, a: 0.3 }, link: { growth: 0.348, id: 'ip_pledge_inclusive_loan_firm_share_yoy' } },
    N50: { dec: 2, free: { base: 7.5, a: 1.2 }, link: { growth: 0.092, id: 'patent_agencies_per_10k_apps_yoy' } },
    N51: { dec: 2, free: { base: 45, a: 0.3 }, link: { growth: 0.178, id: 'trademark_agencies_per_10k_apps_yoy' } },
    N52: { dec: 0, free: { base: 500, a: 1.0 }, link: { delta: 53, id: 'gi_core_production_bases_change' } },
    // ---- S4 知识产权公共服务 (9)
    N53: { dec: 2, interp: 'lin', fixed: { 2020: 87.1, 2021: 93.55, 2022: 100, 2023: 100, 2024: 100 }, note: 'sample: 27, 29, 31 of 31 provinces' },
    N54: { dec: 2, interp: 'lin', fixed: { 2020: 80.65, 2021: 87.1, 2022: 93.55, 2023: 100, 2024: 100 }, note: 'sample: 25…31 of 31 provinces' },
    N55: { dec: 1, interp: 'lin', fixed: { 2020: 36.0, 2023: D(48.6, 'prefecture_public_service_coverage_change', '52.6 − 4.0'), 2024: S('prefecture_public_service_coverage') } },
    N56: { dec: 2, free: { base: 4.0, a: 1.5 } },
    N57: {
      dec: { sig: 4 },
      fixed: { 2020: perPop(125, 2020), 2023: perPop(151, 2023), 2024: perPop(202, 2024) },
      note: 'sample: TISC count (202 seed L1038; 151 = 202 − 51 seed L1470) / sample population',
    },
    N58: { dec: { sig: 5 }, free: { base: 0.0095, a: 1.0 } },
    N59: { dec: 0, fixed: { 2020: 42, 2023: D(59, 'open_data_resource_types_change', '60 − 1'), 2024: S('open_data_resource_types') } },
    N60: { dec: 2, interp: 'lin', fixed: { 2020: 99.0, 2023: 99.5, 2024: 99.6 }, note: 'sample; +0.1 pp as seed L1474' },
    N61: { dec: 2, interp: 'lin', fixed: { 2020: 98.2, 2023: 99.3, 2024: 99.5 } },
    // ---- S5 知识产权人文社会环境 (7)
    N62: {
      dec: 2,
      fixed: { 2020: 9.2, 2023: n62_2024 / 1.037, 2024: n62_2024 },
      note: 'sample: 人才 超90万 (seed L1180) / sample employment; +3.7% as seed L1487',
    },
    N63: { dec: { sig: 5 }, free: { base: 0.2, a: 1.0 }, note: 'sample; absorbs the sub-index in 2024 (seed L1489 prints +0.1%, as for N66)' },
    N64: { dec: { sig: 4 }, free: { base: 1.25, a: 0.4 }, link: { growth: 0.158, id: 'patent_attorneys_per_10k_college_yoy' } },
    N65: {
      dec: { sig: 4 },
      fixed: { 2020: perPop(96, 2020, 100), 2023: perPop(111, 2023, 100), 2024: perPop(115, 2024, 100) },
      note: 'sample: universities (115 seed L1166; 111 ⇒ +3.7% seed L1495) per million of sample population',
    },
    N66: {
      dec: { sig: 4 },
      fixed: { 2020: perPop(36, 2020, 100), 2023: perPop(50, 2024, 100) / 1.001, 2024: perPop(50, 2024, 100) },
      note: 'sample: 50 disciplines (seed L1170) per million of sample population; +0.1% as seed L1497',
    },
    N67: { dec: 2, free: { base: 9.0, a: 0.4 }, link: { growth: 0.146, id: 'ip_undergrad_grads_per_10k_yoy' } },
    N68: { dec: 0, fixed: { 2020: 18, 2021: 20, 2022: 22, 2023: 26, 2024: S('ip_masters_programmes') } },
    // ---- S6 参与全球知识产权治理 (17)
    N69: { dec: 0, fixed: { 2020: 66000, 2023: 74200, 2024: S('pct_applications') } },
    N70: { dec: 0, fixed: { 2020: 3800, 2023: 4780, 2024: S('hague_design_applications') } },
    N71: { dec: 0, fixed: { 2020: 6000, 2023: 6900, 2024: S('madrid_applications') } },
    N72: { dec: 0, fixed: { 2020: 42000, 2022: D(50000, 'overseas_invention_grants_change', '5.3万 − 0.3万'), 2023: S('overseas_invention_grants'), 2024: carried(S('overseas_invention_grants')) } },
    N73: { dec: 1, fixed: { 2020: 600, 2023: D(771.2, 'ip_royalties_export_yoy', '731.1 / (1 − 5.2%)'), 2024: S('ip_royalties_export') } },
    N74: { dec: 0, fixed: { 2020: 1500, 2023: D(1574, 'iso_iec_standards_cumulative_yoy', '1831 / 1.163'), 2024: S('iso_iec_standards_cumulative') } },
    N75: { dec: 0, fixed: { 2020: 45, 2023: D(47, 'overseas_dispute_platforms_new', '80 − 33'), 2024: S('overseas_dispute_platforms') } },
    N76: { dec: 0, fixed: { 2020: 72, 2023: 83, 2024: S('pph_countries') } },
    N77: { dec: 0, free: { base: 40, a: 1.0 } },
    N78: { dec: 0, fixed: { 2020: 13, 2023: 16, 2024: S('country_guides') } },
    N79: { dec: 0, free: { base: 17, a: 1.0 } },
    N80: {
      dec: 0,
      fixed: { 2020: 14, 2021: 12, 2022: 11, 2023: 12, 2024: 11 },
      note: 'sample: GII rank of the data year; seed L517: GII 2025 (data 2025) first in the top 10',
    },
    N81: { dec: 2, fixed: { 2020: 1.5, 2023: D(1.76, 'brand_value_top5000_yoy', '1.81 / 1.0284'), 2024: S('brand_value_top5000') } },
    N82: { dec: 0, fixed: { 2020: 9, 2023: 11, 2024: S('foreign_patent_agency_rep_offices') } },
    N83: { dec: 0, free: { base: 150000, a: 0.8 } },
    N84: { dec: 0, free: { base: 250000, a: 0.6 } },
    N85: { dec: 0, free: { base: 250, a: 1.0 }, note: 'sample annual count (seed L1224 prints a cumulative 近2400次)' },
  };
}

// ================================================================================== 7. national solver
interface NatInd {
  code: string;
  group: string;
  dir: 1 | -1;
  w: number;
  spec: NatSpec;
}
const toCell = (c: number | Cell): Cell => (typeof c === 'number' ? { v: c } : c);

function solveNational(fw: Framework): { cells: Map<string, Map<number, Cell>>; targets: Record<string, Record<number, number>> } {
  const specs = nationalSpecs();
  const groups = fw.nodes.filter((n) => n.parent && !fw.nodes.find((m) => m.code === n.parent)?.parent);
  const inds: NatInd[] = fw.nodes
    .filter((n) => n.kind === 'raw')
    .map((n) => {
      let spec = specs[n.code];
      if (!spec) {
        console.error(`warning: no national calibration for ${n.code}; using a generic free indicator`);
        spec = { dec: n.unit === '%' || n.unit === '分' ? 2 : 0, free: { base: n.unit === '%' ? 50 : 1000, a: 1 } };
      }
      return { code: n.code, group: topGroup(fw, n.code), dir: n.direction === '-' ? -1 : 1, w: n.weight ?? 1, spec };
    });

  // ---- targets by data year
  const K: Record<string, number> = {};
  for (const g of groups) K[g.code] = inds.filter((i) => i.group === g.code).reduce((s, i) => s + i.w, 0);
  const targets: Record<string, Record<number, number>> = {};
  for (const g of groups) {
    const p = PRINTED_2025[g.code];
    const p22 = PRINTED_2022[g.code];
    if (!p || p22 === undefined) throw new Error(`no published scores for national sub-index ${g.code}`);
    if (!g.name?.zh?.includes(p[2])) throw new Error(`sub-index ${g.code} is "${g.name?.zh}", expected …${p[2]}…`);
    targets[g.code] = { 2020: 100, 2021: p22 + 0.0445, 2023: p[0] - p[1] + 0.03, 2024: p[0] };
  }
  // 2022 data (2023 edition): 市场运行 from its growth statement, the rest interpolated to total 120.0
  const t3 = targets.S3!;
  const growth23 = t3[2024]! / t3[2023]! - 1 - 0.061;
  t3[2022] = t3[2023]! / (1 + growth23);
  const W = Object.values(K).reduce((a, b) => a + b, 0);
  let rest = PUBLISHED_TOTALS[2022]! * W - K.S3! * t3[2022]!;
  let slope = 0;
  for (const g of groups) {
    if (g.code === 'S3') continue;
    rest -= K[g.code]! * targets[g.code]![2021]!;
    slope += K[g.code]! * (targets[g.code]![2023]! - targets[g.code]![2021]!);
  }
  const wInterp = rest / slope;
  for (const g of groups) {
    if (g.code === 'S3') continue;
    const tg = targets[g.code]!;
    tg[2022] = tg[2021]! + wInterp * (tg[2023]! - tg[2021]!);
  }
  log(`2022 interpolation weight ${wInterp.toFixed(3)}; 市场运行 2023-edition growth ${(growth23 * 100).toFixed(2)}%`);

  const cells = new Map<string, Map<number, Cell>>();
  const val = (code: string, t: number): number => cells.get(code)!.get(t)!.v;
  const score = (i: NatInd, t: number): number =>
    i.dir > 0 ? (100 * val(i.code, t)) / val(i.code, BASE_YEAR) : (100 * val(i.code, BASE_YEAR)) / val(i.code, t);

  for (const g of groups) {
    const T = targets[g.code]!;
    const gi = inds.filter((i) => i.group === g.code);
    const Wg = K[g.code]!;
    // 1. anchored paths: missing years follow the target path between anchors
    for (const i of gi) {
      cells.set(i.code, new Map());
      if (i.spec.fixed) {
        const anchors = Object.keys(i.spec.fixed).map(Number).sort((a, b) => a - b);
        if (anchors[0] !== BASE_YEAR || anchors[anchors.length - 1] !== 2024) throw new Error(`${i.code}: fixed values must include ${BASE_YEAR} and 2024`);
        for (const t of NAT_YEARS) {
          const given = i.spec.fixed[t];
          if (given !== undefined) {
            const c = toCell(given);
            cells.get(i.code)!.set(t, { ...c, v: roundTo(c.v, i.spec.dec) });
            continue;
          }
          const t0 = Math.max(...anchors.filter((a) => a < t));
          const t1 = Math.min(...anchors.filter((a) => a > t));
          const x0 = toCell(i.spec.fixed[t0]!).v;
          const x1 = toCell(i.spec.fixed[t1]!).v;
          const span = T[t1]! - T[t0]!;
          const phi = Math.abs(span) > 1e-9 ? Math.min(1, Math.max(0, (T[t]! - T[t0]!) / span)) : (t - t0) / (t1 - t0);
          const x = (i.spec.interp ?? 'geo') === 'geo' ? x0 * (x1 / x0) ** phi : x0 + phi * (x1 - x0);
          cells.get(i.code)!.set(t, { v: roundTo(x, i.spec.dec), note: i.spec.note });
        }
        for (const c of cells.get(i.code)!.values()) if (!c.source && !c.note) c.note = i.spec.note;
      } else if (i.spec.free) {
        cells.get(i.code)!.set(BASE_YEAR, { v: roundTo(i.spec.free.base, i.spec.dec), note: i.spec.note });
      }
    }
    // 2. years in order: linked values first, then the free indicators absorb the rest
    for (const t of NAT_YEARS.slice(1)) {
      const free: NatInd[] = [];
      for (const i of gi) {
        if (i.spec.fixed) continue;
        const link = i.spec.link;
        if (link && t === 2024) {
          const prev = val(i.code, 2023);
          const x = link.growth !== undefined ? prev * (1 + link.growth) : prev + (link.delta ?? 0);
          const f = fig(link.id);
          const how = link.growth !== undefined ? `+${(link.growth * 100).toFixed(1)}%` : `+${link.delta}`;
          cells.get(i.code)!.set(t, { v: roundTo(x, i.spec.dec), note: `sample level; 2024 vs 2023 ${how} as seed L${f.line}` });
        } else free.push(i);
      }
      if (!free.length) throw new Error(`national ${g.code} ${t}: no free indicator left to absorb the target`);
      const eps = (i: NatInd): number => 1 + 0.08 * z(`${i.code}|eps|${t}`);
      const others = gi.filter((i) => !free.includes(i)).reduce((s, i) => s + i.w * score(i, t), 0);
      const need = T[t]! * Wg - others;
      const Dt = (need - 100 * free.reduce((s, i) => s + i.w, 0)) / free.reduce((s, i) => s + i.w * i.spec.free!.a * eps(i), 0);
      log(`${g.code} ${t}: target ${T[t]!.toFixed(3)}  D=${Dt.toFixed(2)}  free=${free.map((i) => i.code).join(',')}`);
      for (const i of free) {
        const s = 100 + i.spec.free!.a * Dt * eps(i);
        if (s <= 5) throw new Error(`${i.code} ${t}: calibration needs an implausible score ${s.toFixed(1)}`);
        const base = val(i.code, BASE_YEAR);
        const x = i.dir > 0 ? (base * s) / 100 : (base * 100) / s;
        cells.get(i.code)!.set(t, { v: roundTo(x, i.spec.dec), note: i.spec.note });
      }
      // 3. rounding residual: try integer steps on the two or three finest free indicators
      const mean = (): number => gi.reduce((s, i) => s + i.w * score(i, t), 0) / Wg;
      const step = (i: NatInd): number => 10 ** -decimalsFor(val(i.code, t), i.spec.dec);
      const effect = (i: NatInd): number => {
        const x = val(i.code, t);
        const b = val(i.code, BASE_YEAR);
        const ds = i.dir > 0 ? (100 * step(i)) / b : (100 * b * step(i)) / (x * x);
        return (i.w * ds * i.dir) / Wg;
      };
      const fine = [...free].sort((a, b) => Math.abs(effect(a)) - Math.abs(effect(b))).slice(0, 3);
      let best = { err: Math.abs(T[t]! - mean()), moves: [] as [NatInd, number][] };
      const r0 = T[t]! - mean();
      for (let a = 0; a < fine.length; a++) {
        for (let b = a; b < fine.length; b++) {
          const ia = fine[a]!;
          const ib = fine[b]!;
          for (let ka = -40; ka <= 40; ka++) {
            const kb = a === b ? 0 : Math.round((r0 - ka * effect(ia)) / effect(ib));
            const err = Math.abs(r0 - ka * effect(ia) - (a === b ? 0 : kb * effect(ib)));
            if (err < best.err - 1e-12) best = { err, moves: a === b ? [[ia, ka]] : [[ia, ka], [ib, kb]] };
          }
        }
      }
      for (const [i, k] of best.moves) {
        const c = cells.get(i.code)!.get(t)!;
        c.v = roundTo(c.v + k * step(i), i.spec.dec);
      }
      const r = T[t]! - mean();
      if (Math.abs(r) > 0.002) throw new Error(`national ${g.code} ${t}: residual ${r.toFixed(4)} after rounding`);
    }
  }
  if (VERBOSE) {
    for (const i of inds) {
      const xs = NAT_YEARS.map((t) => val(i.code, t));
      const yoy = xs.slice(1).map((x, j) => `${(((x / xs[j]!) - 1) * 100).toFixed(1)}%`);
      log(`${i.code} ${i.spec.free ? 'free ' : 'fixed'} ${xs.join(' ')}  | scores ${NAT_YEARS.map((t) => score(i, t).toFixed(1)).join(' ')} | yoy ${yoy.join(' ')}`);
    }
  }
  return { cells, targets };
}

// ================================================================================== 8. regional specs
/** Province weights: w_p ∝ GDP^g · POP^p · inn^i · agri^a · exp^o · edu^e · noise · momentum. */
interface ShareModel {
  g?: number;
  p?: number;
  i?: number;
  a?: number;
  o?: number;
  e?: number;
  /** sd of the fixed province effect (log) */
  sd?: number;
  /** sd of the yearly province noise (log) */
  ysd?: number;
  /** multiplier of the province momentum */
  trend?: number;
}
type VarCode = 'POP' | 'EMPLOYED' | 'COLLEGE_POP';
interface RegSpec {
  /** count/value: allocated each year; stock: cumulative, never falls; rate: mean ± province effect; fn: computed */
  type: 'count' | 'value' | 'stock' | 'rate' | 'fn';
  dec: number;
  share?: ShareModel;
  /** national totals: explicit anchors (seed or sample), national code × denominator, or growth */
  total?: {
    anchors?: Record<number, number>;
    nat?: { code: string; per?: VarCode; factor?: number };
    growth: number;
    gsd?: number;
  };
  /** maximum per province */
  cap?: (k: number, t: number) => number;
  /** fixed group shares (%, by year) */
  groups?: { members: number[]; share: Record<number, number> }[];
  /** group share in 2023 = its 2024 share − pp (level from the model) */
  shareShift?: { members: number[]; pp: number };
  /** 2024 = 2023, flagged carried-forward */
  carry2024?: boolean;
  rate?: {
    mean: (t: number) => number;
    spread: number;
    min: number;
    max: number;
    /** correlation with the innovation factor */
    inn: number;
    groupChange?: { members: number[]; change: number };
  };
  fn?: (k: number, t: number) => number;
  /** province weights from other data (overrides share) */
  weights?: (k: number, t: number) => number;
  note?: string;
}

/** Values computed so far: code → [province][year index]. */
const REGV = new Map<string, number[][]>();
let NAT: Map<string, Map<number, Cell>> | undefined;
const natValue = (code: string, t: number): number => {
  const v = NAT?.get(code)?.get(t)?.v;
  if (v === undefined) throw new Error(`national value ${code} ${t} is needed for a regional total`);
  return v;
};
function reg(code: string): number[][] {
  const v = REGV.get(code);
  if (v) return v;
  const spec = REG[code];
  if (!spec) throw new Error(`no regional model for ${code}`);
  const out = computeRegional(code, spec);
  REGV.set(code, out);
  return out;
}
const rv = (code: string, k: number, t: number): number => reg(code)[k]![yi(t)]!;
const varSum = (c: VarCode, t: number): number => sumOver((k) => rv(c, k, t));

const innZ = (() => {
  const l = PROVS.map((p) => Math.log(p.inn));
  const m = l.reduce((a, b) => a + b, 0) / l.length;
  const s = Math.sqrt(l.reduce((a, b) => a + (b - m) ** 2, 0) / l.length);
  return l.map((x) => (x - m) / s);
})();

const REG: Record<string, RegSpec> = {
  // ---------------------------------------------------------------- denominators (variables)
  POP: { type: 'fn', dec: 2, fn: (k, t) => pop(k, t) },
  GDP: { type: 'fn', dec: 1, fn: (k, t) => gdp(k, t) },
  EXPORT: { type: 'fn', dec: 2, fn: (k, t) => gdp(k, t) * PROVS[k]!.exp * (1 + 0.04 * z(`EXP|${k}|${t}`)) },
  TRADE: { type: 'fn', dec: 2, fn: (k, t) => rv('EXPORT', k, t) * (1 + PROVS[k]!.imp * (1 + 0.05 * z(`IMP|${k}|${t}`))) },
  ENTITIES: { type: 'count', dec: 0, share: { g: 0.4, p: 0.6, sd: 0.08, ysd: 0.01 }, total: { anchors: { 2024: 189000000 }, growth: 0.09, gsd: 0.02 } },
  EMPLOYED: { type: 'fn', dec: 2, fn: (k, t) => pop(k, t) * employedRatio(k, t) },
  COLLEGE_POP: { type: 'fn', dec: 2, fn: (k, t) => (pop(k, t) * (PROVS[k]!.edu + 0.45 * (t - 2020))) / 100 },
  PATENT_VALID: { type: 'count', dec: 0, share: { g: 1, i: 1.2, sd: 0.15, ysd: 0.015 }, total: { anchors: { 2024: 20000000 }, growth: 0.12, gsd: 0.02 } },
  TM_VALID: { type: 'fn', dec: 0, fn: (k, t) => rv('R24', k, t), note: '= R24 (the same quantity)' },
  PATENT_APPS: { type: 'count', dec: 0, share: { g: 1, i: 0.9, sd: 0.15 }, total: { anchors: { 2024: 5300000 }, growth: 0.02, gsd: 0.04 } },
  TM_APPS: {
    type: 'count', dec: 0, share: { g: 0.9, i: 0.6, sd: 0.15 },
    total: { anchors: { 2019: 7800000, 2020: 9100000, 2021: 9450000, 2022: 7520000, 2023: 7180000, 2024: 7300000 }, growth: 0 },
  },
  TM_AGENCIES: {
    type: 'count', dec: 0, share: { g: 0.8, p: 0.2, i: 0.8, sd: 0.15 },
    total: { anchors: { 2019: 39000, 2020: 41000, 2021: 45000, 2022: 38000, 2023: 35500, 2024: fig('trademark_agencies').value }, growth: 0 },
  },
  PREF_CITIES: { type: 'fn', dec: 0, fn: (k) => PROVS[k]!.pref, note: 'prefecture-level divisions (municipalities: 1)' },
  BACHELOR_GRADS: { type: 'count', dec: 0, share: { p: 0.8, e: 1, sd: 0.1, ysd: 0.01 }, total: { anchors: { 2024: 4800000 }, growth: 0.035 } },
  IP_GRADS: {
    type: 'count', dec: 0, weights: (k, t) => rv('R84', k, t) * Math.exp(0.25 * z(`IPG|${k}`)),
    total: { anchors: { 2024: 6600 }, growth: 0.1, gsd: 0.03 },
  },

  // ---------------------------------------------------------------- 知识产权保护
  R01: { type: 'count', dec: 0, share: { g: 0.7, p: 0.3, i: 0.9 }, total: { anchors: { 2024: fig('civil_first_instance_closed').value }, growth: 0.06, gsd: 0.05 } },
  R02: { type: 'rate', dec: 2, rate: { mean: (t) => (t < 2020 ? natValue('N10', 2020) - 0.7 : natValue('N10', t)), spread: 2.0, min: 85, max: 97.5, inn: 0.4 } },
  R03: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.5 }, total: { nat: { code: 'N11' }, growth: 0.05 } },
  R04: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.5 }, total: { nat: { code: 'N12' }, growth: 0.05 } },
  R05: { type: 'count', dec: 0, share: { g: 0.5, p: 0.5, i: 0.5 }, total: { nat: { code: 'N13' }, growth: 0.12 } },
  R06: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.6 }, total: { anchors: { 2024: 18000 }, growth: 0.06, gsd: 0.05 } },
  R07: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.4 }, total: { anchors: { 2024: 38000 }, growth: 0.04, gsd: 0.08 } },
  R08: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.5 }, total: { anchors: { 2024: fig('copyright_enforcement_cases').value }, growth: 0.02, gsd: 0.07 } },
  R09: {
    type: 'count', dec: 0, share: { g: 0.8, p: 0.2, i: 0.8 }, total: { nat: { code: 'N17' }, growth: 0.1 },
    groups: [{ members: G.京津冀, share: { 2024: 21.7, 2023: 20.9 } }],
  },
  R10: {
    type: 'count', dec: 0, share: { g: 0.5, i: 0.8, o: 1 }, total: { nat: { code: 'N18' }, growth: 0.07 },
    groups: [{ members: G.广东, share: { 2024: 24.5, 2023: 23.4 } }],
  },
  R11: { type: 'count', dec: 0, share: { g: 0.6, p: 0.4, i: 0.4 }, total: { nat: { code: 'N19' }, growth: 0.06 } },
  R12: { type: 'rate', dec: 2, rate: { mean: (t) => (t < 2020 ? natValue('N20', 2020) - 4 : natValue('N20', t)), spread: 8, min: 35, max: 90, inn: 0.3 } },
  R13: { type: 'stock', dec: 0, share: { g: 0.6, i: 1.0, sd: 0.3 }, total: { nat: { code: 'N21' }, growth: 0.15 }, cap: () => 6 },
  R14: { type: 'stock', dec: 0, share: { g: 0.6, i: 0.8, o: 0.5, sd: 0.3 }, total: { anchors: { 2024: fig('overseas_dispute_platforms_local').value, 2023: 42, 2020: 16 }, growth: 0.3 }, cap: () => 6 },
  R15: {
    type: 'count', dec: 0, share: { g: 0.7, p: 0.3, i: 0.8 }, total: { nat: { code: 'N23' }, growth: 0.12 },
    groups: [{ members: G.京津冀, share: { 2024: 32.9, 2023: 32.9 - 15.2 } }],
  },
  R16: { type: 'count', dec: 0, share: { g: 0.8, p: 0.2, i: 0.7 }, total: { nat: { code: 'N24' }, growth: 0.1 } },
  R17: {
    type: 'rate', dec: 2,
    rate: { mean: (t) => (t < 2020 ? natValue('N26', 2020) - 0.5 : natValue('N26', t)), spread: 1.4, min: 78, max: 84.9, inn: 0.5, groupChange: { members: G.京津冀, change: 1.9 } },
  },

  // ---------------------------------------------------------------- 知识产权市场运行
  R18: {
    type: 'count', dec: 0, share: { g: 1, i: 1.5 },
    total: { anchors: { 2024: fig('high_value_invention_patents').value, 2023: fig('high_value_invention_patents').value / 1.188 }, nat: { code: 'N27', per: 'POP' }, growth: 0.2 },
  },
  R20: {
    type: 'count', dec: 0, share: { g: 1, i: 2.0, o: 0.5 }, total: { nat: { code: 'N72' }, growth: 0.08 }, carry2024: true,
    groups: [{ members: G.广东, share: { 2023: 39.0, 2022: 38.3 } }],
  },
  R22: { type: 'count', dec: 0, share: { g: 1, i: 2.0, o: 0.5 }, total: { nat: { code: 'N69' }, growth: 0.05 }, groups: [{ members: G.广东, share: { 2024: 34.5 } }] },
  R24: { type: 'count', dec: 0, share: { g: 0.8, p: 0.2, i: 0.7 }, total: { anchors: { 2024: 46000000 }, growth: 0.11, gsd: 0.02 } },
  R26: {
    type: 'count', dec: 0, share: { g: 0.8, i: 1.0, o: 1.0 }, total: { nat: { code: 'N71' }, growth: 0.05 },
    groups: [{ members: G.广东, share: { 2024: 31.7, 2023: 31.7 - 2.9 } }],
  },
  R28: { type: 'count', dec: 0, share: { g: 0.8, i: 1.5, sd: 0.35 }, total: { anchors: { 2024: fig('works_registered').value, 2023: 6420000 }, growth: 0.12, gsd: 0.05 } },
  R30: { type: 'count', dec: 0, share: { g: 1, i: 1.8 }, total: { anchors: { 2024: fig('software_copyright_registered').value }, growth: 0.1, gsd: 0.04 } },
  R32: { type: 'count', dec: 0, share: { g: 0.3, p: 0.6, a: 1.5, i: 0.3, sd: 0.3 }, total: { anchors: { 2024: 34000 }, growth: 0.12, gsd: 0.02 } },
  R34: { type: 'count', dec: 0, share: { g: 0.2, p: 0.5, a: 1.3, i: 0.2, sd: 0.4 }, total: { anchors: { 2024: 4300 }, growth: 0.13, gsd: 0.02 } },
  R36: {
    type: 'stock', dec: 0, share: { g: 0.2, p: 0.6, a: 2.0, i: -0.2, sd: 0.3 },
    total: { anchors: { 2024: 7470, 2023: 7470 - fig('gi_collective_cert_tm_registered').value }, growth: 0.035 },
    groups: [{ members: G.黄河流域, share: { 2024: 32.9 } }],
  },
  R38: {
    type: 'stock', dec: 0, share: { g: 0.2, p: 0.6, a: 2.0, i: -0.2, sd: 0.3 },
    total: { anchors: { 2024: 2544, 2023: 2544 - fig('gi_products_recognised').value }, growth: 0.015 },
    groups: [{ members: G.黄河流域, share: { 2024: 31.6 } }],
  },
  R40: { type: 'count', dec: 0, share: { g: 1, i: 2.5, sd: 0.3 }, total: { anchors: { 2024: fig('ic_layout_designs_registered').value }, growth: 0.05, gsd: 0.06 } },
  R42: {
    type: 'value', dec: 2, share: { g: 1, i: 0.5, sd: 0.1, ysd: 0.01 }, carry2024: true,
    total: { anchors: { 2023: fig('patent_intensive_va').value }, growth: 0.07, gsd: 0.02 },
  },
  R44: { type: 'value', dec: 2, share: { g: 1, i: 1.0, sd: 0.3 }, total: { anchors: { 2024: fig('patent_intensive_products_output').value }, growth: 0.15, gsd: 0.04 } },
  R45: {
    type: 'value', dec: 2, share: { g: 1, i: 0.6, sd: 0.1, ysd: 0.01 }, carry2024: true,
    total: { anchors: { 2023: fig('copyright_industry_va').value, 2022: fig('copyright_industry_va').value / 1.0452 }, growth: 0.06, gsd: 0.02 },
  },
  R47: {
    type: 'value', dec: 2, share: { g: 0.7, i: 2.0, sd: 0.3 },
    total: { anchors: { 2024: fig('ip_tech_contracts_value').value, 2023: fig('ip_tech_contracts_value').value / 1.09 }, growth: 0.15, gsd: 0.05 },
  },
  R49: {
    type: 'value', dec: 2, share: { g: 1, i: 1.5, o: 1, sd: 0.2 },
    total: { anchors: { 2024: fig('ip_royalties_total').value, 2023: fig('ip_royalties_total').value / 1.059 }, growth: 0.05, gsd: 0.04 },
    groups: [
      { members: G.广东, share: { 2024: 30.8, 2023: 30.0 } },
      { members: G.长三角, share: { 2024: 43.6, 2023: 43.1 } },
    ],
  },
  R51: {
    type: 'count', dec: 0, share: { g: 1, i: 1.6, sd: 0.15 },
    total: { anchors: { 2024: fig('patent_transfer_licence_filings').value, 2023: fig('patent_transfer_licence_filings').value / 1.299 }, growth: 0.15, gsd: 0.05 },
    shareShift: { members: G.长三角, pp: 3.7 },
  },
  R53: { type: 'count', dec: 0, share: { g: 0.9, i: 0.7, sd: 0.3 }, total: { anchors: { 2024: 45000 }, growth: 0.05, gsd: 0.06 } },
  R55: { type: 'rate', dec: 2, rate: { mean: (t) => (t < 2020 ? natValue('N39', 2020) - 1 : natValue('N39', t)), spread: 7, min: 50, max: 98, inn: 0.8 } },
  R56: {
    type: 'value', dec: 2, share: { g: 0.3, p: 0.6, a: 2.0, i: -0.2, sd: 0.3 },
    total: { anchors: { 2024: fig('gi_direct_output').value }, growth: 0.07, gsd: 0.02 },
    groups: [{ members: G.黄河流域, share: { 2024: 37.4, 2023: 37.4 - 1.2 } }],
  },
  R58: {
    type: 'stock', dec: 0, share: { g: 0.2, p: 0.6, a: 2.0, i: -0.2, sd: 0.3 }, total: { nat: { code: 'N52' }, growth: 0.1 },
    groups: [{ members: G.黄河流域, share: { 2024: 38.3 } }],
  },
  R59: {
    type: 'count', dec: 0, share: { g: 1, i: 1.0, sd: 0.25 },
    total: { anchors: { 2019: 15150000, 2020: 21800000, 2021: 31000000, 2022: 48600000, 2023: 85400000, 2024: 125000000 }, growth: 0.3 },
  },
  R61: { type: 'count', dec: 0, share: { g: 0.8, i: 1.0, sd: 0.25 }, total: { anchors: { 2024: fig('ip_pledge_inclusive_loan_firms').value }, growth: 0.3, gsd: 0.05 } },
  R63: { type: 'count', dec: 0, share: { g: 0.9, i: 1.0, sd: 0.4 }, total: { anchors: { 2024: 5000000 }, growth: 0.3, gsd: 0.08 } },

  // ---------------------------------------------------------------- 知识产权发展环境
  R65: { type: 'stock', dec: 0, share: { g: 0.3, p: 0.3, i: 0.5, sd: 0.3 }, total: { anchors: { 2024: 310 }, growth: 0.05 } },
  R66: { type: 'stock', dec: 0, share: { g: 0.4, p: 0.3, i: 0.6, sd: 0.3 }, total: { anchors: { 2024: 150 }, growth: 0.1 }, cap: (k) => PROVS[k]!.pref },
  R67: { type: 'count', dec: 0, share: { g: 0.3, p: 0.3, i: 0.4, sd: 0.3 }, total: { anchors: { 2024: 1100 }, growth: 0.06, gsd: 0.05 } },
  R68: { type: 'stock', dec: 0, share: { g: 0.9, i: 1.0 }, total: { anchors: { 2024: 12800 }, growth: 0.12 } },
  R69: {
    type: 'stock', dec: 0, share: { g: 0.3, i: 0.8, sd: 0.3 }, cap: (k) => PROVS[k]!.pref,
    total: { anchors: { 2024: fig('prefecture_public_service_institutions').value, 2023: 162 }, nat: { code: 'N55', factor: 3.33 }, growth: 0.2 },
  },
  R71: {
    type: 'stock', dec: 0, share: { g: 0.6, i: 1.2, sd: 0.3 }, cap: () => 25,
    total: { anchors: { 2024: fig('tisc_count').value, 2023: fig('tisc_count').value - fig('tisc_count_change').value }, nat: { code: 'N57', per: 'POP' }, growth: 0.15 },
  },
  R73: { type: 'stock', dec: 0, share: { e: 0.8, p: 0.5, i: 0.8, sd: 0.3 }, total: { anchors: { 2024: 220 }, growth: 0.2 } },
  R74: { type: 'count', dec: 0, share: { g: 0.5, p: 0.3, i: 0.8, sd: 0.3 }, total: { nat: { code: 'N58', per: 'POP' }, growth: 0.1 } },
  R75: { type: 'stock', dec: 0, share: { p: 0.5, g: 0.3, sd: 0.3 }, cap: (k) => PROVS[k]!.pref * 2 + 2, total: { anchors: { 2024: fig('trademark_service_windows').value }, growth: 0.06 } },
  R76: { type: 'stock', dec: 0, share: { g: 0.8, i: 1.6 }, total: { anchors: { 2024: fig('patent_agencies').value, 2023: 5350 }, growth: 0.15 } },
  R79: { type: 'count', dec: 0, share: { g: 0.7, p: 0.3, i: 1.0 }, total: { anchors: { 2024: fig('ip_talent_pool').value }, nat: { code: 'N62', per: 'EMPLOYED' }, growth: 0.08 } },
  R81: { type: 'count', dec: 0, share: { g: 0.7, i: 1.8 }, total: { nat: { code: 'N64', per: 'COLLEGE_POP' }, growth: 0.15 } },
  R83: { type: 'count', dec: 0, share: { g: 0.7, i: 1.2, sd: 0.3 }, total: { nat: { code: 'N63', per: 'EMPLOYED' }, growth: 0.1 } },
  R84: { type: 'stock', dec: 0, share: { p: 0.7, e: 1, i: 0.5, sd: 0.3 }, cap: () => 9, total: { nat: { code: 'N65', per: 'POP', factor: 0.01 }, growth: 0.05 } },
};

/** Cells deliberately left out (2024 only, small provinces) to exercise carry-forward. */
const GAPS_2024: [string, string][] = [
  ['西藏', 'R63'],
  ['青海', 'R53'],
  ['宁夏', 'R83'],
  ['海南', 'R06'],
];

// ================================================================================== 9. regional engine
/** Largest-remainder allocation of an integer total with optional caps. */
function allocate(total: number, weights: number[], caps?: number[]): number[] {
  const n = weights.length;
  const cap = caps ?? weights.map(() => Infinity);
  if (cap.reduce((a, b) => a + b, 0) < total) throw new Error(`allocation of ${total} exceeds the caps`);
  const real = new Array<number>(n).fill(0);
  let fixed = new Set<number>();
  for (let it = 0; it < 50; it++) {
    const free = [...Array(n).keys()].filter((k) => !fixed.has(k));
    const left = total - [...fixed].reduce((s, k) => s + cap[k]!, 0);
    const W = free.reduce((s, k) => s + weights[k]!, 0);
    let changed = false;
    for (const k of free) real[k] = W > 0 ? (left * weights[k]!) / W : left / free.length;
    const over = free.filter((k) => real[k]! > cap[k]!);
    for (const k of over) {
      real[k] = cap[k]!;
      changed = true;
    }
    fixed = new Set([...fixed, ...over]);
    if (!changed) break;
  }
  const out = real.map((r) => Math.floor(r + 1e-9));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = [...Array(n).keys()].sort((a, b) => real[b]! - Math.floor(real[b]! + 1e-9) - (real[a]! - Math.floor(real[a]! + 1e-9)) || a - b);
  for (let j = 0; rest > 0; j = (j + 1) % n) {
    const k = order[j]!;
    if (out[k]! < cap[k]!) {
      out[k]!++;
      rest--;
    }
  }
  return out;
}

function shareWeights(code: string, spec: RegSpec, t: number): number[] {
  if (spec.weights) return PROVS.map((_p, k) => spec.weights!(k, t));
  const m = spec.share ?? {};
  const w = PROVS.map((p, k) => {
    let lw = (m.g ?? 0) * Math.log(gdp(k, t)) + (m.p ?? 0) * Math.log(pop(k, t)) + (m.i ?? 0) * Math.log(p.inn);
    lw += (m.a ?? 0) * Math.log(p.agri) + (m.o ?? 0) * Math.log(p.exp) + (m.e ?? 0) * Math.log(p.edu);
    lw += (m.sd ?? 0.2) * z(`${code}|${p.code}`) + (m.trend ?? 1) * p.mom * (t - 2024) + (m.ysd ?? 0.03) * z(`${code}|${p.code}|${t}`);
    return Math.exp(lw);
  });
  const fixGroup = (share: number[], g: number[], target: number): number[] => {
    const inG = g.reduce((s, k) => s + share[k]!, 0);
    const out = share.map((x, k) => (g.includes(k) ? (x * target) / inG : (x * (1 - target)) / (1 - inG)));
    return out;
  };
  const W = w.reduce((a, b) => a + b, 0);
  let share = w.map((x) => x / W);
  if (spec.shareShift && t === 2023) {
    const s24 = shareWeights(code, { ...spec, shareShift: undefined }, 2024);
    const g24 = spec.shareShift.members.reduce((s, k) => s + s24[k]!, 0);
    share = fixGroup(share, spec.shareShift.members, g24 - spec.shareShift.pp / 100);
  }
  // disjoint groups: scale members to their share, the rest to the remainder. Years without a
  // printed share hold the nearest printed one (so a group does not jump when the pins start).
  const shareAt = (g: { share: Record<number, number> }): number => {
    const ys = Object.keys(g.share).map(Number).sort((a, b) => a - b);
    const y = t <= ys[0]! ? ys[0]! : t >= ys[ys.length - 1]! ? ys[ys.length - 1]! : t;
    return g.share[y]! / 100;
  };
  const gs = spec.groups ?? [];
  if (gs.length) {
    const inAny = new Set(gs.flatMap((g) => g.members));
    const restShare = 1 - gs.reduce((s, g) => s + shareAt(g), 0);
    const restNow = share.reduce((s, x, k) => s + (inAny.has(k) ? 0 : x), 0);
    const out = share.map((x, k) => (inAny.has(k) ? 0 : (x * restShare) / restNow));
    for (const g of gs) {
      const now = g.members.reduce((s, k) => s + share[k]!, 0);
      for (const k of g.members) out[k] = (share[k]! * shareAt(g)) / now;
    }
    share = out;
  }
  return share;
}

function regionalTotals(code: string, spec: RegSpec): Record<number, number> {
  const tot = spec.total!;
  const known: Record<number, number> = {};
  if (tot.nat) {
    for (const t of NAT_YEARS) {
      const per = tot.nat.per ? varSum(tot.nat.per, t) : 1;
      known[t] = natValue(tot.nat.code, t) * per * (tot.nat.factor ?? 1);
    }
  }
  for (const [t, v] of Object.entries(tot.anchors ?? {})) known[Number(t)] = v;
  const ks = Object.keys(known).map(Number).sort((a, b) => a - b);
  if (!ks.length) throw new Error(`${code}: no total anchor`);
  const out: Record<number, number> = { ...known };
  const g = (t: number): number => {
    const x = tot.growth + (tot.gsd ?? 0.03) * z(`${code}|total|${t}`);
    return spec.type === 'stock' ? Math.max(0.002, x) : x; // stocks never fall
  };
  for (let t = ks[0]! - 1; t >= REG_YEARS[0]!; t--) out[t] = out[t + 1]! / (1 + g(t + 1));
  for (let t = ks[ks.length - 1]! + 1; t <= 2024; t++) out[t] = out[t - 1]! * (1 + g(t));
  for (const t of REG_YEARS) {
    if (out[t] !== undefined) continue;
    const t0 = Math.max(...ks.filter((a) => a < t));
    const t1 = Math.min(...ks.filter((a) => a > t));
    out[t] = out[t0]! * (out[t1]! / out[t0]!) ** ((t - t0) / (t1 - t0));
  }
  return out;
}

function computeRegional(code: string, spec: RegSpec): number[][] {
  const out: number[][] = PROVS.map(() => REG_YEARS.map(() => 0));
  const years = spec.carry2024 ? REG_YEARS.filter((t) => t < 2024) : REG_YEARS;
  if (spec.type === 'fn') {
    for (const t of REG_YEARS) PROVS.forEach((_p, k) => (out[k]![yi(t)] = roundTo(spec.fn!(k, t), spec.dec)));
    return out;
  }
  if (spec.type === 'rate') {
    const r = spec.rate!;
    for (const t of REG_YEARS) {
      const mean = r.mean(t);
      let v = PROVS.map((p, k) => {
        const eff = r.inn * innZ[k]! + Math.sqrt(1 - r.inn * r.inn) * z(`${code}|${p.code}`);
        return mean + r.spread * (eff + 0.25 * z(`${code}|${p.code}|${t}`));
      });
      const clamp = (x: number): number => Math.min(r.max, Math.max(r.min, x));
      if (r.groupChange && t === 2024) {
        const g = r.groupChange.members;
        const prev = g.reduce((s, k) => s + out[k]![yi(2023)]!, 0) / g.length;
        const now = g.reduce((s, k) => s + v[k]!, 0) / g.length;
        const lift = prev + r.groupChange.change - now;
        v = v.map((x, k) => (g.includes(k) ? x + lift : x));
      }
      // re-centre the unweighted mean on the national value, keeping the group lift
      for (let it = 0; it < 5; it++) {
        v = v.map(clamp);
        const m = v.reduce((a, b) => a + b, 0) / v.length;
        const movable = PROVS.map((_p, k) => !(r.groupChange && t === 2024 && r.groupChange.members.includes(k)));
        const nMov = movable.filter(Boolean).length;
        v = v.map((x, k) => (movable[k] ? x + ((mean - m) * v.length) / nMov : x));
      }
      v.forEach((x, k) => (out[k]![yi(t)] = roundTo(clamp(x), spec.dec)));
    }
    return out;
  }
  const totals = regionalTotals(code, spec);
  const unit = 10 ** spec.dec;
  const capsUnits = (t: number): number[] | undefined => (spec.cap ? PROVS.map((_p, k) => spec.cap!(k, t) * unit) : undefined);
  if (spec.type === 'stock') {
    // 2024 level first, then remove the yearly increments going back: never falls, sums exact.
    const last = years[years.length - 1]!;
    let cur = allocate(Math.round(totals[last]! * unit), shareWeights(code, spec, last), capsUnits(last));
    cur.forEach((u, k) => (out[k]![yi(last)] = u / unit));
    for (let t = last - 1; t >= REG_YEARS[0]!; t--) {
      const target = Math.round(totals[t]! * unit);
      const dec = cur.reduce((a, b) => a + b, 0) - target;
      if (dec < 0) throw new Error(`${code}: stock total falls from ${t} to ${t + 1}`);
      const ideal = shareWeights(code, spec, t).map((s) => s * target);
      const excess = cur.map((u, k) => Math.max(0, u - ideal[k]!) + 1e-6 * u);
      const removed = allocate(dec, excess, cur);
      cur = cur.map((u, k) => u - removed[k]!);
      cur.forEach((u, k) => (out[k]![yi(t)] = u / unit));
    }
  } else {
    for (const t of years) {
      const units = allocate(Math.round(totals[t]! * unit), shareWeights(code, spec, t), capsUnits(t));
      units.forEach((u, k) => (out[k]![yi(t)] = u / unit));
    }
  }
  if (spec.carry2024) PROVS.forEach((_p, k) => (out[k]![yi(2024)] = out[k]![yi(2023)]!));
  return out;
}

// ================================================================================== 10. output
interface Row {
  unit: string;
  year: number;
  variable: string;
  value: string;
  flag: string;
  source: string;
  note: string;
}
const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const toCsv = (rows: Row[]): string =>
  ['unit,year,variable,value,flag,source,note', ...rows.map((r) => [r.unit, String(r.year), r.variable, r.value, r.flag, r.source, r.note].map(csvCell).join(','))].join('\n') + '\n';

function main(): void {
  const natFw = loadFramework('frameworks/cnipa-national-2025.yaml');
  const regFw = loadFramework('frameworks/cnipa-regional-2025.yaml');

  // ---- national
  const { cells, targets } = solveNational(natFw);
  NAT = cells;
  const natRows: Row[] = [];
  const natRaw = natFw.nodes.filter((n) => n.kind === 'raw');
  const natSpecs = nationalSpecs();
  for (const n of natRaw) {
    const dec = natSpecs[n.code]?.dec ?? 2;
    for (const t of NAT_YEARS) {
      const c = cells.get(n.code)!.get(t)!;
      natRows.push({ unit: 'CN', year: t, variable: n.code, value: fmt(c.v, dec), flag: c.flag ?? '', source: c.source ?? 'sample', note: c.note ?? '' });
    }
  }

  // ---- regional: every variable, then every raw node, in framework order
  const codes = [...(regFw.variables ?? []).map((v) => v.code), ...regFw.nodes.filter((n) => n.kind === 'raw').map((n) => n.code)];
  for (const c of codes) {
    if (!REG[c]) {
      const unit = regFw.nodes.find((n) => n.code === c)?.unit ?? '';
      console.error(`warning: no regional calibration for ${c} (${unit}); using a generic model`);
      REG[c] = unit === '%' || unit === '分'
        ? { type: 'rate', dec: 2, rate: { mean: () => 60, spread: 8, min: 0, max: 100, inn: 0.5 } }
        : { type: 'count', dec: 0, share: { g: 1, i: 1 }, total: { anchors: { 2024: 10000 }, growth: 0.08 } };
    }
  }
  const gaps = new Set(GAPS_2024.map(([s, c]) => `${PROVS[P_INDEX.get(s)!]!.code}|${c}`));
  const regRows: Row[] = [];
  PROVS.forEach((p, k) => {
    for (const c of codes) {
      const spec = REG[c]!;
      for (const t of REG_YEARS) {
        if (t === 2024 && gaps.has(`${p.code}|${c}`)) continue;
        const carriedRow = spec.carry2024 && t === 2024;
        regRows.push({
          unit: p.code, year: t, variable: c, value: fmt(rv(c, k, t), spec.dec),
          flag: carriedRow ? 'carried-forward:2023' : '', source: 'sample',
          note: carriedRow ? '2024 value not yet published; 2023 value' : (spec.note ?? ''),
        });
      }
    }
  });

  // ---- write
  mkdirSync(at('data/sample/'), { recursive: true });
  // Values the report only has for 2023 get no 2024 row: the engine carries the 2023 value
  // forward and flags it (the appendix's rule), so the data file holds only what was observed.
  const observed = (r: Row): boolean => !String(r.flag ?? '').startsWith('carried-forward');
  writeFileSync(at('data/sample/national.csv'), toCsv(natRows.filter(observed)));
  writeFileSync(at('data/sample/regional.csv'), toCsv(regRows.filter(observed)));

  // ---- checks printed every run: national calibration by edition
  const groups = natFw.nodes.filter((n) => n.parent && !natFw.nodes.find((m) => m.code === n.parent)?.parent);
  const score = (code: string, dir: number, t: number): number => {
    const x = cells.get(code)!.get(t)!.v;
    const b = cells.get(code)!.get(BASE_YEAR)!.v;
    return dir > 0 ? (100 * x) / b : (100 * b) / x;
  };
  console.log(`national.csv: ${natRows.length} rows; regional.csv: ${regRows.length} rows`);
  console.log('edition (data year)  ' + groups.map((g) => g.code).join('      ') + '      total  published');
  for (const t of NAT_YEARS) {
    let tot = 0;
    let W = 0;
    const subs = groups.map((g) => {
      const inds = natRaw.filter((n) => topGroup(natFw, n.code) === g.code);
      const w = inds.reduce((s, n) => s + (n.weight ?? 1), 0);
      const m = inds.reduce((s, n) => s + (n.weight ?? 1) * score(n.code, n.direction === '-' ? -1 : 1, t), 0) / w;
      const err = Math.abs(m - targets[g.code]![t]!);
      if (err > 0.002) throw new Error(`calibration failed: ${g.code} ${t} = ${m} vs ${targets[g.code]![t]}`);
      tot += m * w;
      W += w;
      return m.toFixed(3);
    });
    console.log(`${t + 1} (${t})          ${subs.join('  ')}  ${(tot / W).toFixed(3)}  ${PUBLISHED_TOTALS[t]?.toFixed(1) ?? '100 (base)'}`);
    if (PUBLISHED_TOTALS[t] !== undefined && (tot / W).toFixed(1) !== PUBLISHED_TOTALS[t]!.toFixed(1)) {
      throw new Error(`calibration failed: total ${t} = ${tot / W}, published ${PUBLISHED_TOTALS[t]}`);
    }
  }
}

main();
