/** Calibration of every regional indicator: how its national total is set and shared among the provinces. */
import { G, PROVS, fig, gdp, pop } from './inputs.ts';
import { employedRatio } from './national.ts';
import { z } from './random.ts';
import { type RegSpec, natValue, rv } from './regional.ts';

export const innZ = (() => {
  const l = PROVS.map((p) => Math.log(p.inn));
  const m = l.reduce((a, b) => a + b, 0) / l.length;
  const s = Math.sqrt(l.reduce((a, b) => a + (b - m) ** 2, 0) / l.length);
  return l.map((x) => (x - m) / s);
})();

export const REG: Record<string, RegSpec> = {
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
export const GAPS_2024: [string, string][] = [
  ['西藏', 'R63'],
  ['青海', 'R53'],
  ['宁夏', 'R83'],
  ['海南', 'R06'],
];
