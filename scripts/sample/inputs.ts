/**
 * Inputs of the sample: the frameworks (read and validated by the core, through src/io), the seed
 * figures, the provinces (the reference table src/io reads) and their GDP and population.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from '../../src/core/index.ts';
import { ROOT } from '../../src/io/paths.ts';
import { loadFramework as loadFrameworkFile, loadProvinces as loadProvinceTable } from '../../src/io/read.ts';
import { roundTo } from './format.ts';
import { z } from './random.ts';

// ================================================================================== 0. set-up
/** A path under the repository root. */
export const at = (rel: string): string => join(ROOT, rel);
export const VERBOSE = process.argv.includes('--verbose');
export const log = (...a: unknown[]): void => {
  if (VERBOSE) console.error(...a);
};

export const REG_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
export const NAT_YEARS = [2020, 2021, 2022, 2023, 2024];
export const BASE_YEAR = 2020; // data year of the 2021 edition, the base (=100) of the national index

// ================================================================================== 3. inputs
/** A framework file under the repository root, parsed and validated by the core. */
export function loadFramework(rel: string): Framework {
  return loadFrameworkFile(at(rel)).framework;
}
/** The top-level group (child of the root) a node belongs to. */
export function topGroup(fw: Framework, code: string): string {
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  let n = byCode.get(code);
  while (n?.parent && byCode.get(n.parent)?.parent) n = byCode.get(n.parent);
  if (!n) throw new Error(`${fw.id}: unknown node ${code}`);
  return n.code;
}

export interface SeedFigure {
  id: string;
  value: number;
  unit: string;
  line: number;
  year: number;
  qualifier?: string;
}
export const SEED_FIGS = new Map<string, SeedFigure>(
  (JSON.parse(readFileSync(at('data/sample/seed-figures.json'), 'utf8')) as { figures: SeedFigure[] }).figures.map((f) => [f.id, f]),
);
export function fig(id: string): SeedFigure {
  const f = SEED_FIGS.get(id);
  if (!f) throw new Error(`data/sample/seed-figures.json has no figure "${id}"`);
  return f;
}

/** One output cell before formatting. */
export interface Cell {
  v: number;
  source?: string; // default "sample"
  note?: string;
  flag?: string;
}
/** A value printed in the seed (optionally converted with mult, e.g. 亿元 → 万元). */
export function S(id: string, mult = 1): Cell {
  const f = fig(id);
  const q = f.qualifier ? `${f.qualifier === '近' || f.qualifier === '约' ? 'approximate' : 'lower bound'}: printed with ${f.qualifier}` : '';
  return { v: f.value * mult, source: `seed:${f.line}`, note: q };
}
/** A value computed exactly from seed figures (e.g. 2024 level minus printed change). */
export function D(v: number, id: string, how: string): Cell {
  return { v, source: `seed:${fig(id).line}`, note: `derived: ${how}` };
}
/** The 2024 row of a figure the report only has for 2023: the 2023 value, flagged. */
export function carried(c: Cell): Cell {
  return { ...c, flag: 'carried-forward:2023', note: '2024 value not yet published; the report uses the 2023 value' };
}

export interface Province {
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
export const PROVINCE_PARAMS: Record<string, [number, number, number, number, number, number, number, number]> = {
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
export function loadProvinces(): Province[] {
  return loadProvinceTable().map((r) => {
    const code = r.code!;
    const p = PROVINCE_PARAMS[code];
    if (!p) throw new Error(`no sample parameters for province ${code}`);
    const [inn, exp, imp, edu, agri, mom, popg, pref] = p;
    return {
      code, short: r.short_zh!, region4: r.region4!,
      gdp23: Number(r.gdp_2023_yi_yuan), pop23: Number(r.pop_2023_wan),
      inn, exp, imp, edu, agri, mom, popg, pref,
    };
  });
}
export const PROVS = loadProvinces();
export const P_INDEX = new Map(PROVS.map((p, k) => [p.short, k]));
export const members = (...shorts: string[]): number[] =>
  shorts.map((s) => {
    const k = P_INDEX.get(s);
    if (k === undefined) throw new Error(`unknown province ${s}`);
    return k;
  });
/** Groups the report quotes shares for (footnote 14). 粤港澳大湾区 = 广东. */
export const G = {
  广东: members('广东'),
  京津冀: members('北京', '天津', '河北'),
  长三角: members('上海', '江苏', '浙江', '安徽'),
  黄河流域: members('青海', '四川', '甘肃', '宁夏', '内蒙古', '陕西', '山西', '河南', '山东'),
};

// ================================================================================== 4. denominators
// GDP and population: the 2023 values of data/reference/provinces.csv, grown ~5 %/yr nominal
// (GDP) and almost flat (population), back to 2019 and forward to 2024.
export const gdpGrowth = (k: number, t: number): number => 0.05 + 0.008 * z(`GDPg|${k}`) + 0.004 * z(`GDPg|${k}|${t}`);
export const GDP: number[][] = PROVS.map((p, k) => {
  const v: Record<number, number> = { 2023: p.gdp23 };
  for (let t = 2022; t >= 2019; t--) v[t] = v[t + 1]! / (1 + gdpGrowth(k, t + 1));
  v[2024] = p.gdp23 * (1 + gdpGrowth(k, 2024));
  return REG_YEARS.map((t) => roundTo(v[t]!, 1));
});
export const POP: number[][] = PROVS.map((p, k) =>
  REG_YEARS.map((t) => roundTo(p.pop23 * (1 + p.popg + 0.0008 * z(`POPg|${k}`)) ** (t - 2023), 2)),
);
export const yi = (t: number): number => REG_YEARS.indexOf(t);
export const gdp = (k: number, t: number): number => GDP[k]![yi(t)]!;
export const pop = (k: number, t: number): number => POP[k]![yi(t)]!;
export const sumOver = (f: (k: number) => number): number => PROVS.reduce((s, _p, k) => s + f(k), 0);
