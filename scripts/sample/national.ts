/** The national sample: published sub-index scores, per-indicator specs, and the solver that meets them. */
import { type Dec, decimalsFor, roundTo } from './format.ts';
import type { Framework } from '../../src/core/index.ts';
import { BASE_YEAR, type Cell, D, NAT_YEARS, S, VERBOSE, carried, fig, log, pop, sumOver, topGroup } from './inputs.ts';
import { z } from './random.ts';

// ================================================================================== 5. national targets
/**
 * Published sub-index scores by DATA year (edition − 1). 2024 data: the 2025 edition as printed.
 * 2023 data: 2025 score − printed change, +0.03 so that the count-weighted total rounds to the
 * 2024 edition's published 125.5 (every sub-index still rounds to the printed value).
 * 2021 data: the 2022 edition's sub-indices, +0.0445 so that the total rounds to its published 116.3.
 * 2022 data: not printed; 市场运行 from "增速较上年提升6.1个百分点", the others interpolated
 * between 2021 and 2023 with one common weight so that the total is the published 120.0.
 */
export const PRINTED_2025: Record<string, [number, number, string]> = {
  S1: [122.5, 2.1, '制度'], S2: [135.3, 4.8, '保护'], S3: [134.1, 11.7, '市场运行'],
  S4: [133.3, 5.9, '公共服务'], S5: [137.8, 6.5, '人文社会环境'], S6: [125.5, 1.9, '全球知识产权治理'],
};
export const PRINTED_2022: Record<string, number> = { S1: 112.4, S2: 119.3, S3: 114.8, S4: 117.5, S5: 121.3, S6: 114.1 };
export const PUBLISHED_TOTALS: Record<number, number> = { 2021: 116.3, 2022: 120.0, 2023: 125.5, 2024: 131.8 };

// ================================================================================== 6. national specs
/**
 * fixed: values for some years (seed pins or sample); missing years in between are filled along
 * the sub-index's target path (so anchored indicators rise when the sub-index rises).
 * free: base (2020) value and weight a of the indicator's share in the sub-index's movement.
 * link: the 2024 value follows from 2023 by the change the seed prints (growth or delta).
 */
export interface NatSpec {
  dec: Dec;
  interp?: 'geo' | 'lin';
  fixed?: Record<number, number | Cell>;
  free?: { base: number; a: number };
  link?: { growth?: number; delta?: number; id: string };
  note?: string;
}
/** National population and employment, 万人 (sums of the regional sample). */
export const natPop = (t: number): number => sumOver((k) => pop(k, t));
export const employedRatio = (k: number, t: number): number => (0.515 + 0.02 * z(`EMPr|${k}`)) * (1 - 0.003 * (t - 2023));
export const natEmployed = (t: number): number => sumOver((k) => pop(k, t) * employedRatio(k, t));

export function nationalSpecs(): Record<string, NatSpec> {
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
export interface NatInd {
  code: string;
  group: string;
  dir: 1 | -1;
  w: number;
  spec: NatSpec;
}
export const toCell = (c: number | Cell): Cell => (typeof c === 'number' ? { v: c } : c);

export function solveNational(fw: Framework): { cells: Map<string, Map<number, Cell>>; targets: Record<string, Record<number, number>> } {
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
      return { code: n.code, group: topGroup(fw, n.code), dir: n.direction, w: n.weight, spec };
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
