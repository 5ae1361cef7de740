/** The regional sample engine: province shares, national totals and the allocation between them. */
import { roundTo } from './format.ts';
import { type Cell, NAT_YEARS, PROVS, REG_YEARS, gdp, pop, sumOver, yi } from './inputs.ts';
import { z } from './random.ts';
import { REG, innZ } from './regional-specs.ts';

// ================================================================================== 8. regional specs
/** Province weights: w_p ∝ GDP^g · POP^p · inn^i · agri^a · exp^o · edu^e · noise · momentum. */
export interface ShareModel {
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
export type VarCode = 'POP' | 'EMPLOYED' | 'COLLEGE_POP';
export interface RegSpec {
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
export const REGV = new Map<string, number[][]>();
let NAT: Map<string, Map<number, Cell>> | undefined;
/** Sets the national sample values the regional totals are derived from (before any regional value is computed). */
export function setNational(cells: Map<string, Map<number, Cell>>): void {
  NAT = cells;
}
export const natValue = (code: string, t: number): number => {
  const v = NAT?.get(code)?.get(t)?.v;
  if (v === undefined) throw new Error(`national value ${code} ${t} is needed for a regional total`);
  return v;
};
export function reg(code: string): number[][] {
  const v = REGV.get(code);
  if (v) return v;
  const spec = REG[code];
  if (!spec) throw new Error(`no regional model for ${code}`);
  const out = computeRegional(code, spec);
  REGV.set(code, out);
  return out;
}
export const rv = (code: string, k: number, t: number): number => reg(code)[k]![yi(t)]!;
export const varSum = (c: VarCode, t: number): number => sumOver((k) => rv(c, k, t));

// ================================================================================== 9. regional engine
/** Largest-remainder allocation of an integer total with optional caps. */
export function allocate(total: number, weights: number[], caps?: number[]): number[] {
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

export function shareWeights(code: string, spec: RegSpec, t: number): number[] {
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

export function regionalTotals(code: string, spec: RegSpec): Record<number, number> {
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

export function computeRegional(code: string, spec: RegSpec): number[][] {
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
