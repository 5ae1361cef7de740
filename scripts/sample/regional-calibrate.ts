/**
 * EXPERIMENTAL calibration of the regional sample to target pillar scores
 * (scripts/sample/regional-targets.ts) under the cnipa-regional recipe: efficacy coefficient
 * 60 + 40·(x − L)/(U − L) with L, U pooled over the data years 2020–2024 (editions 2021–2025),
 * indicators equal within their group, groups equal within their pillar. `npm run sample --
 * --calibrate` writes its result; the bundled data does not use it yet, because the market pillar
 * (P2) of 广东, 北京, 上海, 江苏, 浙江 cannot reach the printed figures (data/sample/README.md,
 * "Calibration to chapter 3", has the arithmetic). The 保护 (P1) and 发展环境 (P3) targets are met.
 *
 * Method. The share model (regional.ts) gives every code a plausible base series; then:
 *   - a *driver* is a raw indicator, or the numerator variable of a derived one (TM_AGENCIES for
 *     R78, IP_GRADS for R86); it moves every indicator computed from it (R18 moves R18 and R19);
 *   - per (province, year, pillar) one factor e^θ scales the free drivers of the pillar
 *     (bisection on θ), every value kept within the indicator's bounds; values are rounded to
 *     their decimals and the finest drivers then move unit by unit until the pillar score is
 *     within 2·10⁻⁵ of its target;
 *   - rates (R02, R12, R17, R55) and the drivers of printed protection shares (FROZEN) keep their
 *     base values; the drivers of the market shares chapter 3 prints (SHARES) are scaled too, and
 *     after each year every printed group and the rest of the provinces return to their base
 *     sums (so the shares and the share model's national totals hold);
 *   - market pairs (a count and its intensity) have a designed holder of both maxima, 北京 for
 *     CAPITAL_PAIRS and 广东 for the others, set just above every other cell; everyone else stays
 *     below it;
 *   - cells the engine carries forward (2024 gaps) keep the calibrated 2023 value; stocks do not
 *     fall (their floor is last year's value) except where the final bounds forbid it;
 *   - four passes; the last freezes the cells holding each pooled minimum or maximum, so the
 *     bounds of the data are those the pass used (`moved` lists the few indicators where a share
 *     remainder or a stock floor still moves them).
 * Data year 2019 (outside the default run) gets the 2020 factor of each cell.
 */
import type { Framework, FrameworkNode } from '../../src/core/index.ts';
import { evaluateFormula, formulaVariables, parseFormula, type Expr } from '../../src/core/expr/index.ts';
import { PROVS, P_INDEX, REG_YEARS, yi } from './inputs.ts';
import type { RegSpec } from './regional.ts';
import { EDITIONS, type Targets } from './regional-targets.ts';

/** Drivers whose values stay as the share model makes them (the 京津冀 and 广东 protection shares, the 京津冀 satisfaction change). */
export const FROZEN = ['R09', 'R10', 'R15', 'R17'];
/**
 * Drivers behind the group shares chapter 3 prints (L1707–1829): after each year's calibration
 * every group and the rest of the provinces return to their base sums, so the shares and the
 * national totals of the share model hold.
 */
/** Market pairs whose count and intensity maxima 北京 holds (广东 holds the others'; see calibrateRegional). */
export const CAPITAL_PAIRS = ['R18', 'R24', 'R28', 'R30', 'R40', 'R47', 'R51', 'R53', 'R61'];
/** Share codes in which 广东 is a part by itself: its value is the share model's, the others stay below it. */
const OWN_PART = ['R20', 'R22', 'R26', 'R49'];
/** Small-denominator leaders whose share-code values are kept where the others can make up a part's sum. */
const LEADERS = ['北京', '上海'].map((n) => P_INDEX.get(n)!);
const YRB = ['青海', '四川', '甘肃', '宁夏', '内蒙古', '陕西', '山西', '河南', '山东'];
const YRD = ['上海', '江苏', '浙江', '安徽'];
const idx = (names: string[]): number[] => names.map((n) => P_INDEX.get(n)!);
export const SHARES: Record<string, number[][]> = {
  R20: [idx(['广东'])], R22: [idx(['广东'])], R26: [idx(['广东'])], R49: [idx(['广东']), idx(YRD)], R51: [idx(YRD)],
  R36: [idx(YRB)], R38: [idx(YRB)], R56: [idx(YRB)], R58: [idx(YRB)],
};
/** Variables that are denominators only (never scaled). */
const FIXED_VARS = new Set(['POP', 'GDP', 'EXPORT', 'TRADE', 'ENTITIES', 'EMPLOYED', 'COLLEGE_POP', 'PATENT_VALID', 'TM_VALID', 'PATENT_APPS', 'TM_APPS', 'PREF_CITIES', 'BACHELOR_GRADS']);
/** Data years of the default run (editions 2021–2025). */
const RUN_YEARS = EDITIONS.map((e) => e - 1);

interface Leaf {
  node: FrameworkNode;
  driver: string;
  expr?: Expr;
  L: number;
  U: number;
}
interface Group {
  code: string;
  leaves: Leaf[];
  drivers: string[];
}

/** Options of {@link calibrateRegional}. */
export interface CalibrateOptions {
  fw: Framework;
  /** Base values, code → [province][year index of REG_YEARS]. */
  base: (code: string) => number[][];
  spec: (code: string) => RegSpec;
  targets: Targets;
  /** (province index, code) pairs whose 2024 row is left out (the engine carries 2023 forward). */
  gaps: Set<string>;
  /** Aliases: a variable equal to a raw code (TM_VALID = R24). */
  alias?: Record<string, string>;
}

/** What the calibration gives: the calibrated values and its diagnostics. */
export interface Calibrated {
  values: Map<string, number[][]>;
  /** Largest |pillar score − target| per edition. */
  maxError: Record<number, number>;
  /** Targets not reached in unprinted editions (edition: count). */
  unreached: Record<number, number>;
  /** The (edition, province, pillar, error) of every pillar target missed by more than 2·10⁻⁵. */
  misses: { edition: number; unit: string; pillar: string; error: number }[];
  /** Indicators whose pooled bounds in the calibrated data differ from those the last pass used. */
  moved: string[];
}

/** Scales the regional base data so that every province's pillar scores hit their targets. */
export function calibrateRegional(o: CalibrateOptions): Calibrated {
  const { fw } = o;
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const root = byCode.get(fw.root)!;
  const pillars = root.children.map((c) => byCode.get(c)!);
  const alias = o.alias ?? {};
  const P = PROVS.length;

  // current values: a copy of the base for every code the framework reads
  const cur = new Map<string, number[][]>();
  const codes = [...(fw.variables ?? []).map((v) => v.code), ...fw.nodes.filter((n) => n.kind === 'raw').map((n) => n.code)];
  for (const c of codes) cur.set(c, o.base(c).map((r) => [...r]));
  const get = (c: string, p: number, t: number): number => cur.get(alias[c] ?? c)![p]![yi(t)]!;
  const set = (c: string, p: number, t: number, v: number): void => {
    cur.get(c)![p]![yi(t)] = v;
    for (const [a, target] of Object.entries(alias)) if (target === c) cur.get(a)![p]![yi(t)] = v;
  };
  const carried = (c: string, p: number, t: number): boolean => t === 2024 && (o.spec(c).carry2024 === true || o.gaps.has(`${p}|${c}`));

  // the model of every indicator: its driver, and its value per unit of the driver
  const leafOf = (n: FrameworkNode): Leaf => {
    if (n.kind === 'raw') return { node: n, driver: n.code, L: 0, U: 0 };
    const expr = parseFormula(n.formula!);
    const drivers = formulaVariables(expr).filter((v) => !FIXED_VARS.has(v));
    if (drivers.length !== 1) throw new Error(`${n.code}: expected one driver in ${n.formula}, found ${drivers.join(', ')}`);
    return { node: n, driver: drivers[0]!, expr, L: 0, U: 0 };
  };
  const ratio = (l: Leaf, p: number, t: number): number => (l.expr ? evaluateFormula(l.expr, (name) => (name === l.driver ? 1 : get(name, p, t)))! : 1);
  /** The indicator's value as the engine sees it (a carried cell: the 2023 value). */
  const value = (l: Leaf, p: number, t: number): number => (carried(l.driver, p, t) ? value(l, p, 2023) : get(l.driver, p, t) * ratio(l, p, t));
  const groups: Group[][] = pillars.map((pl) =>
    pl.children.map((g) => {
      const leaves = byCode.get(g)!.children.map((c) => leafOf(byCode.get(c)!));
      return { code: g, leaves, drivers: [...new Set(leaves.map((l) => l.driver))] };
    }),
  );
  const allLeaves = groups.flat().flatMap((g) => g.leaves);
  // pooled bounds of the base data, and the cells that hold them
  let frozen = new Set<string>();
  /** Pooled bounds from the current values; with `freeze`, the cells holding them are frozen. */
  const setBounds = (freeze: boolean): void => {
    frozen = new Set<string>();
    for (const l of allLeaves) {
      const vs = RUN_YEARS.flatMap((t) => PROVS.map((_p, p) => value(l, p, t)));
      l.L = Math.min(...vs);
      l.U = Math.max(...vs);
      if (!freeze) continue;
      for (const t of RUN_YEARS) for (let p = 0; p < P; p++) if (value(l, p, t) === l.L || value(l, p, t) === l.U) frozen.add(`${l.driver}|${p}|${t}`);
    }
  };
  /** How far a value may go beyond the current bounds in a pass before the last (the bounds then follow). */
  let slack = 0;
  /** The last pass: every value strictly within the bounds (which are then the engine's). */
  let strict = false;
  const isFrozen = (d: string, p: number, t: number): boolean => FROZEN.includes(d) || carried(d, p, t) || frozen.has(`${d}|${p}|${t}`);
  const score = (l: Leaf, p: number, t: number): number => 60 + (40 * (value(l, p, t) - l.L)) / (l.U - l.L);
  const groupScore = (g: Group, p: number, t: number): number => g.leaves.reduce((s, l) => s + score(l, p, t), 0) / g.leaves.length;
  const pillarScore = (j: number, p: number, t: number): number => groups[j]!.reduce((s, g) => s + groupScore(g, p, t), 0) / groups[j]!.length;
  /** The values a driver may take at (p, t): every indicator it moves within its bounds; a stock not below last year. */
  const limits = (g: Group, d: string, p: number, t: number): [number, number] => {
    let lo = 0;
    let hi = Infinity;
    for (const l of g.leaves) {
      if (l.driver !== d) continue;
      const r = ratio(l, p, t);
      lo = Math.max(lo, (l.L * (1 - slack)) / r);
      hi = Math.min(hi, (l.U * (1 + slack)) / r);
    }
    // a designed pair: every other province below the holder's count and intensity
    const h = designed.get(d);
    if (h !== undefined && h !== p) {
      const leaf = g.leaves.find((l) => l.driver === d && l.expr)!;
      const us = Math.max(...RUN_YEARS.map((t2) => get(d, h, t2)));
      const ui = Math.max(...RUN_YEARS.map((t2) => get(d, h, t2) * ratio(leaf, h, t2)));
      hi = Math.min(hi, us, ui / ratio(leaf, p, t));
    }
    if (o.spec(d).type === 'stock' && t > RUN_YEARS[0]!) lo = Math.max(lo, get(d, p, t - 1));
    // in the last pass the bounds are final: a stock's floor gives way rather than move them
    return strict ? [Math.min(lo, hi), hi] : [lo, Math.max(lo, hi)];
  };
  const unit = (d: string): number => 10 ** -o.spec(d).dec;
  const round = (d: string, v: number): number => Number(v.toFixed(o.spec(d).dec));
  /** Rounded to the code's decimals without leaving [lo, hi] (down or up by one unit when rounding would). */
  const roundWithin = (d: string, v: number, [lo, hi]: [number, number]): number => {
    const u = unit(d);
    let r = round(d, v);
    if (r > hi) r = round(d, Math.floor(hi / u + 1e-9) * u);
    if (r < lo) r = round(d, Math.ceil(lo / u - 1e-9) * u);
    return r;
  };

  const target = (e: number, j: number, p: number): number => o.targets[e]![j]![p]!;
  const original = new Map([...cur].map(([c, v]) => [c, v.map((r) => [...r])]));
  // Leaders' profiles (market pillar). A province with a small denominator (北京, 上海) and one with
  // a large one (广东) cannot both score high on a count and on its intensity: pos_count(北京) ×
  // pos_intensity(广东) ≤ D(北京)/D(广东). So the market pairs take turns: in CAPITAL_PAIRS 北京 holds
  // both maxima (its count the largest, 广东 and 上海 may come near it), in the other pairs 广东 holds
  // both. The holder's values are set before each pass (its base path, lifted just above every
  // other cell of the pair) and frozen; all others are solved below them.
  const gd = P_INDEX.get('广东')!;
  const bj = P_INDEX.get('北京')!;
  const mp = groups.findIndex((gs) => gs.some((g) => g.code === 'G21'));
  const designed = new Map<string, number>(); // driver → holder province
  for (const g of groups[mp] ?? []) {
    for (const d of g.drivers) {
      const paired = g.leaves.some((l) => l.driver === d && l.expr) && g.leaves.some((l) => l.driver === d && !l.expr);
      if (paired && o.spec(d).type !== 'rate') designed.set(d, CAPITAL_PAIRS.includes(d) ? bj : gd);
    }
  }
  const designHolders = (): void => {
    for (const [d, h] of designed) {
      if (OWN_PART.includes(d)) continue;
      const g = groups[mp]!.find((x) => x.drivers.includes(d))!;
      const leaf = g.leaves.find((l) => l.driver === d && l.expr)!;
      let need = 0; // the factor over the holder's base path that puts its 2024 value above every other cell
      const b = original.get(d)![h]![yi(2024)]!;
      for (const t of RUN_YEARS) {
        for (let p = 0; p < P; p++) {
          if (p !== h) need = Math.max(need, get(d, p, t) / b, (get(d, p, t) * ratio(leaf, p, t)) / (b * ratio(leaf, h, 2024)));
        }
      }
      const f = Math.max(1, need) * 1.002;
      for (const t of REG_YEARS) set(d, h, t, round(d, original.get(d)![h]![yi(t)]! * f));
    }
  };
  const isHolder = (d: string, p: number): boolean => designed.get(d) === p;
  const pillarOf = (d: string): number => groups.findIndex((gs) => gs.some((g) => g.drivers.includes(d)));
  // rates (R02, R12, R17, R55: a share or a score with a domain) keep the share model's values
  const movable = (d: string, p: number, t: number, exclude: readonly string[]): boolean => o.spec(d).type !== 'rate' && !isHolder(d, p) && !exclude.includes(d) && !isFrozen(d, p, t) && original.get(d)![p]![yi(t)]! > 0;
  /** One province's pillar: each group's free drivers scaled to its group target, then the pillar target exactly. */
  const solvePillar = (p: number, t: number, j: number, exclude: readonly string[]): void => {
    const e = t + 1;
    const gs = groups[j]!;
    // one factor e^θ for every free driver of the pillar (bisection), values rounded
    const free = gs.flatMap((g) => g.drivers.filter((d) => movable(d, p, t, exclude)).map((d) => ({ d, lim: limits(g, d, p, t) })));
    const apply = (theta: number, rounded: boolean): void =>
      free.forEach(({ d, lim }) => {
        const v = Math.min(lim[1], Math.max(lim[0], original.get(d)![p]![yi(t)]! * Math.exp(theta)));
        set(d, p, t, rounded ? roundWithin(d, v, lim) : v);
      });
    {
      const target = o.targets[e]![j]![p]!;
      let lo = -9;
      let hi = 9;
      for (let it = 0; it < 60; it++) {
        const mid = (lo + hi) / 2;
        apply(mid, false);
        if (pillarScore(j, p, t) < target) lo = mid;
        else hi = mid;
      }
      apply((lo + hi) / 2, true);
    }
    // the pillar's target exactly: the finest drivers move unit by unit
    const target = o.targets[e]![j]![p]!;
    const cand = gs.flatMap((g) =>
      g.drivers
        .filter((d) => movable(d, p, t, exclude))
        .map((d) => {
          const slope = g.leaves.filter((l) => l.driver === d).reduce((s, l) => s + (40 * ratio(l, p, t)) / (l.U - l.L), 0) / g.leaves.length / gs.length;
          return { g, d, slope, step: slope * unit(d) };
        }),
    );
    cand.sort((a, b) => a.step - b.step);
    for (let pass = 0; pass < 3; pass++) {
      for (const c of cand) {
        const r = target - pillarScore(j, p, t);
        if (Math.abs(r) < 2e-5) break;
        const [l0, h0] = limits(c.g, c.d, p, t);
        const now = get(c.d, p, t);
        const v = round(c.d, Math.min(h0, Math.max(l0, now + r / c.slope)));
        set(c.d, p, t, v < l0 || v > h0 ? now : v);
      }
    }
  };
  /**
   * A share code in one year: every part (each printed group, and the other provinces) back to
   * its base sum, its movable cells scaled by one factor; so the printed shares and the national
   * total hold, while the spread within a part is the calibrated one.
   */
  const imposeShares = (d: string, t: number): void => {
    const g = groups[pillarOf(d)]!.find((x) => x.drivers.includes(d))!;
    const inAny = new Set(SHARES[d]!.flat());
    const parts = [...SHARES[d]!, PROVS.map((_p, p) => p).filter((p) => !inAny.has(p))];
    for (const part of parts) {
      const want = part.reduce((s, p) => s + original.get(d)![p]![yi(t)]!, 0);
      // the leaders keep their calibrated values when the rest of the part can make up the sum
      const keep = part.filter((p) => LEADERS.includes(p) && movable(d, p, t, []));
      const keptSum = keep.reduce((s, p) => s + get(d, p, t), 0);
      const others = part.filter((p) => movable(d, p, t, []) && !keep.includes(p));
      const fixedNow = part.filter((p) => !movable(d, p, t, [])).reduce((s, p) => s + get(d, p, t), 0);
      const room = others.reduce((s, p) => s + limits(g, d, p, t)[1], 0);
      const floor = others.reduce((s, p) => s + limits(g, d, p, t)[0], 0);
      const free = fixedNow + keptSum + floor < want && fixedNow + keptSum + room >= want ? others : part.filter((p) => movable(d, p, t, []));
      if (!free.length) continue;
      const fixedSum = part.filter((p) => !free.includes(p)).reduce((s, p) => s + get(d, p, t), 0);
      const start = free.map((p) => get(d, p, t));
      const lim = free.map((p) => limits(g, d, p, t));
      const sumAt = (c: number): number => free.reduce((s, _p, i) => s + Math.min(lim[i]![1], Math.max(lim[i]![0], start[i]! * Math.exp(c))), fixedSum);
      let lo = -9;
      let hi = 9;
      for (let it = 0; it < 80; it++) {
        const mid = (lo + hi) / 2;
        if (sumAt(mid) < want) lo = mid;
        else hi = mid;
      }
      free.forEach((p, i) => set(d, p, t, roundWithin(d, Math.min(lim[i]![1], Math.max(lim[i]![0], start[i]! * Math.exp((lo + hi) / 2))), lim[i]!)));
      // the rounding remainder on the cell with most room (within its limits: a part the limits
      // cannot fit keeps a small share error)
      const rest = round(d, want - part.reduce((s, p) => s + get(d, p, t), 0));
      const roomOf = (p: number): number => {
        const [l0, h0] = lim[free.indexOf(p)]!;
        return rest > 0 ? h0 - get(d, p, t) : get(d, p, t) - l0;
      };
      const big = free.reduce((a, b) => (roomOf(b) > roomOf(a) ? b : a));
      const [bl, bh] = lim[free.indexOf(big)]!;
      set(d, big, t, roundWithin(d, Math.min(bh, Math.max(bl, get(d, big, t) + rest)), [bl, bh]));
    }
  };

  const maxError: Record<number, number> = {};
  const unreached: Record<number, number> = {};
  const misses: Calibrated['misses'] = [];
  const shareCodes = Object.keys(SHARES);
  const sharePillars = [...new Set(shareCodes.map(pillarOf))];
  const PASSES = 4;
  for (let pass = 0; pass < PASSES; pass++) {
    const last = pass === PASSES - 1;
    designHolders();
    setBounds(last);
    misses.length = 0;
    for (const l of allLeaves) if (!(l.U > l.L)) throw new Error(`bounds of ${l.node.code} in pass ${pass}: ${l.L} ${l.U}`);
    slack = 0;
    strict = last;
    // movable cells are set from the base (× e^θ) in every pass; frozen ones keep what the last pass left
    for (const t of RUN_YEARS) {
      const e = t + 1;
      // carried cells first: the engine reads the calibrated 2023 value
      for (let p = 0; p < P; p++) for (const c of codes) if (carried(c, p, t)) set(c, p, t, get(c, p, 2023));
      for (let p = 0; p < P; p++) groups.forEach((_gs, j) => solvePillar(p, t, j, []));
      for (const d of shareCodes) imposeShares(d, t);
      for (let p = 0; p < P; p++) for (const j of sharePillars) solvePillar(p, t, j, shareCodes);
      maxError[e] = 0;
      unreached[e] = 0;
      for (let p = 0; p < P; p++) {
        groups.forEach((_gs, j) => {
          const err = target(e, j, p) - pillarScore(j, p, t);
          if (Math.abs(err) > 2e-5) {
            unreached[e]!++;
            misses.push({ edition: e, unit: PROVS[p]!.short, pillar: pillars[j]!.code, error: err });
          }
          maxError[e] = Math.max(maxError[e]!, Math.abs(err));
        });
      }
    }
  }
  // the bounds the engine will find, for the caller's check (a few cells still leave them; see the header)
  const used = allLeaves.map((l) => [l.L, l.U] as const);
  setBounds(false);
  const moved = allLeaves.filter((l, i) => l.L !== used[i]![0] || l.U !== used[i]![1]).map((l) => l.node.code);
  // data year 2019: the 2020 factor of each cell (stocks not above their 2020 value)
  for (const c of codes) {
    if (FIXED_VARS.has(c)) continue;
    for (let p = 0; p < P; p++) {
      const b20 = original.get(c)![p]![yi(2020)]!;
      const b19 = original.get(c)![p]![yi(2019)]!;
      if (b20 > 0) set(c, p, 2019, Math.min(round(c, (b19 * get(c, p, 2020)) / b20), o.spec(c).type === 'stock' ? get(c, p, 2020) : Infinity));
    }
  }
  return { values: cur, maxError, unreached, misses, moved };
}

/** Province index by short name (for the generator's own checks). */
export const provinceIndex = (s: string): number => P_INDEX.get(s)!;
export { REG_YEARS };
