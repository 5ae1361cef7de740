/**
 * Synthetic county-scale panels for benchmarks: many units built from the regional sample data,
 * deterministic for a seed. Each county is a scaled copy of one province's series:
 *
 * - a size factor drawn log-normally (median 1/92, about one county of a province's 92), applied
 *   alike to population and GDP, so GDP per head is the province's;
 * - other amounts and counts (units 件, 家, 个, 人, 户, 万人, 亿元, 万元) scaled by the size factor times
 *   a per-county profile factor (log-normal, σ 0.2) and a per-cell noise factor (σ 0.03); counts
 *   are rounded to whole numbers, never negative, and count denominators are at least 1;
 * - shares and scores (%, 分) kept, up to a small per-county factor (σ 0.05), shares capped at 100;
 * - years before the sample's first year are extrapolated backwards from the province's average
 *   growth (clamped to 0.85–1.2 a year); the province's missing cells stay missing, and a further
 *   `missing` share of cells (default 3 %) is dropped at random.
 *
 * Score such a panel with editions (first year + 1)..(last year + 1), e.g. 2016–2025 for 2015–2024.
 */
import { mulberry32, type Framework, type Observation } from '../src/core/index.ts';
import { inputVariables, regionalFramework, sampleInput, type DenseInput } from './peers/dump.ts';

/** Options of {@link countyPanel}. */
export interface CountyOptions {
  /** Number of counties (default 2844, China's county-level divisions). */
  units?: number;
  /** Number of data years, ending with `lastYear` (default 10). */
  years?: number;
  /** Last data year (default 2024). */
  lastYear?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Share of cells dropped at random (default 0.03). */
  missing?: number;
  /** The framework (default the built-in regional one). */
  framework?: Framework;
  /** The provincial panel the counties copy (default the regional sample data). */
  base?: DenseInput;
}

export { mulberry32 };

/** Standard normal draws from a uniform PRNG (Box–Muller). */
function normals(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const AMOUNT_UNITS = new Set(['件', '家', '个', '人', '户', '万人', '亿元', '万元']);
const COUNT_UNITS = new Set(['件', '家', '个', '人', '户']);
/** Scaled exactly by the size factor, so their ratio is the province's. */
const SIZE_VARIABLES = new Set(['POP', 'GDP']);

/**
 * A synthetic county panel: the same dense shape as {@link dumpInputs} takes — units `C00001`…,
 * variables the framework's raw indicators then its variables, years `lastYear − years + 1`..`lastYear`.
 */
export function countyPanel(options: CountyOptions = {}): DenseInput {
  const nUnits = options.units ?? 2844;
  const nYears = options.years ?? 10;
  const lastYear = options.lastYear ?? 2024;
  const missing = options.missing ?? 0.03;
  const fw = options.framework ?? regionalFramework();
  const base = options.base ?? sampleInput(fw);
  const variables = inputVariables(fw);
  if (!(nUnits >= 1) || !(nYears >= 1)) throw new Error(`countyPanel: need at least one unit and one year (got ${nUnits}, ${nYears})`);

  const unitOf = new Map<string, string>();
  for (const n of fw.nodes) if (n.unit) unitOf.set(n.code, n.unit);
  for (const v of fw.variables) unitOf.set(v.code, v.unit);
  const isVariable = new Set(fw.variables.map((v) => v.code));

  const P = base.units.length;
  const BY = base.years.length;
  const by0 = base.years[0]!;
  const baseV = new Map(base.variables.map((v, i) => [v, i]));
  const years = Array.from({ length: nYears }, (_, i) => lastYear - nYears + 1 + i);

  // the provinces' series on the county years: observed, or extrapolated at the average growth
  const V = variables.length;
  const Y = nYears;
  const prov = new Float64Array(V * Y * P).fill(NaN);
  for (let v = 0; v < V; v++) {
    const bv = baseV.get(variables[v]!);
    if (bv === undefined) continue;
    const share = unitOf.get(variables[v]!) === '%';
    for (let p = 0; p < P; p++) {
      const at = (t: number): number => base.values[(bv * BY + t) * P + p]!;
      let tF = -1;
      let tL = -1;
      let capped = share;
      for (let t = 0; t < BY; t++) {
        const x = at(t);
        if (Number.isNaN(x)) continue;
        if (tF < 0) tF = t;
        tL = t;
        if (x < 0 || x > 100) capped = false;
      }
      if (tF < 0) continue;
      const xF = at(tF);
      const xL = at(tL);
      const g = xF > 0 && xL > 0 && tL > tF ? Math.min(1.2, Math.max(0.85, (xL / xF) ** (1 / (tL - tF)))) : 1;
      for (let t = 0; t < Y; t++) {
        const bt = years[t]! - by0;
        let x: number;
        if (bt < 0) x = xF * g ** (bt - tF);
        else if (bt >= BY) x = xL * g ** (bt - tL);
        else x = at(bt);
        if (capped && x > 100) x = 100;
        prov[(v * Y + t) * P + p] = x;
      }
    }
  }

  const rand = mulberry32(options.seed ?? 1);
  const normal = normals(rand);
  const width = Math.max(5, String(nUnits).length);
  const units = Array.from({ length: nUnits }, (_, i) => `C${String(i + 1).padStart(width, '0')}`);
  const values = new Float64Array(V * Y * nUnits);
  const mu = Math.log(1 / 92);
  for (let u = 0; u < nUnits; u++) {
    const p = Math.floor(rand() * P);
    const size = Math.exp(mu + 0.8 * normal());
    for (let v = 0; v < V; v++) {
      const code = variables[v]!;
      const unit = unitOf.get(code) ?? '';
      const amount = AMOUNT_UNITS.has(unit);
      const count = COUNT_UNITS.has(unit);
      const profile = SIZE_VARIABLES.has(code) ? 1 : Math.exp((amount ? 0.2 : 0.05) * normal());
      for (let t = 0; t < Y; t++) {
        const noise = amount && !SIZE_VARIABLES.has(code) ? Math.exp(0.03 * normal()) : 1;
        const drop = rand() < missing;
        let x = prov[(v * Y + t) * P + p]!;
        if (amount) x *= size * profile * noise;
        else {
          const capped = unit === '%' && x >= 0 && x <= 100;
          x *= profile;
          if (capped && x > 100) x = 100;
        }
        if (count) x = Math.max(isVariable.has(code) ? 1 : 0, Math.round(x));
        else if (amount) x = Math.max(0, x);
        values[(v * Y + t) * nUnits + u] = drop ? NaN : x;
      }
    }
  }
  return { units, variables, years, values };
}

/** Tidy observations of a county panel (or of the panel `countyPanel(options)` builds), missing cells left out. */
export function* countyObservations(panel: DenseInput | CountyOptions = {}): Generator<Observation> {
  const d = 'values' in panel && panel.values instanceof Float64Array ? (panel as DenseInput) : countyPanel(panel as CountyOptions);
  const U = d.units.length;
  const Y = d.years.length;
  for (let u = 0; u < U; u++) {
    for (let v = 0; v < d.variables.length; v++) {
      for (let t = 0; t < Y; t++) {
        const value = d.values[(v * Y + t) * U + u]!;
        if (!Number.isNaN(value)) yield { unit: d.units[u]!, year: d.years[t]!, variable: d.variables[v]!, value };
      }
    }
  }
}
