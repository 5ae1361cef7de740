import { DataError, UnitError, type Problem } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { DEFAULT_MAX_MAGNITUDE, type ResolvedRecipe } from '../recipe/types.ts';
import { unitDomain } from '../units/unit.ts';
import type { WarningSink } from '../warnings.ts';
import type { Cube } from '../panel/cube.ts';

/** Where a cell of the data was read from (file and row), for messages. */
export type LocateCell = (unit: string, variable: string, year: number) => { file?: string; row?: number } | undefined;

/** The values an input of the framework may take, and why (for messages). */
export interface ValueDomain {
  min?: number;
  max?: number;
  why: string;
  /** The unit implied the domain (rather than a `range` in the framework). */
  fromUnit: boolean;
}

/** A number for messages: large magnitudes in exponent form (1e+20, not 100000000000000000000). */
const num = (x: number): string => (Math.abs(x) >= 1e9 ? x.toExponential() : String(x));

/** How many out-of-range cells an error lists (all are counted). */
const MAX_LISTED = 200;
/** How many cells a warning names before "…". */
const SHOWN = 6;

/**
 * The domain of each raw input of a framework (raw indicators and variables): its `range` when
 * the framework gives one, else what its unit implies ({@link unitDomain}: a count or duration
 * ≥ 0, a share in % within 0–100); inputs with neither are left out.
 */
export function inputDomains(fw: Framework): Map<string, ValueDomain> {
  const out = new Map<string, ValueDomain>();
  const inputs = [...fw.nodes.filter((n) => n.kind === 'raw'), ...fw.variables];
  for (const n of inputs) {
    if (n.range) {
      const [lo, hi] = n.range;
      if (lo === null && hi === null) continue;
      out.set(n.code, { ...(lo !== null ? { min: lo } : {}), ...(hi !== null ? { max: hi } : {}), why: `the framework gives ${n.code} the range [${lo ?? 'null'}, ${hi ?? 'null'}]`, fromUnit: false });
      continue;
    }
    if (!n.unit) continue;
    try {
      const d = unitDomain(n.unit, { custom: fw.customUnits ?? [] });
      if (d) out.set(n.code, { ...d, fromUnit: true });
    } catch (e) {
      if (!(e instanceof UnitError)) throw e; // a unit the framework check refuses: nothing implied
    }
  }
  return out;
}

/** Why a value lies outside its domain, or undefined when it lies within. */
export function outsideDomain(x: number, d: ValueDomain): string | undefined {
  if (d.min !== undefined && x < d.min) return `${num(x)} is below ${num(d.min)}`;
  if (d.max !== undefined && x > d.max) return `${num(x)} is above ${num(d.max)}`;
  return undefined;
}

/** The advice appended to an out-of-range message. */
function advice(code: string, d: ValueDomain): string {
  if (!d.fromUnit) return 'correct the value, or widen the range in the framework';
  return d.max !== undefined
    ? `correct the value; if ${code} is not a share (a growth rate, say), give it a range in the framework (e.g. range: [-100, null])`
    : `correct the value; if ${code} can be negative, give it a range in the framework (e.g. range: [null, null])`;
}

/**
 * Checks the data a framework reads against what its inputs may be: a value outside its domain
 * (a negative count, a share above 100 %, a value outside a framework `range`) is an error naming
 * the file and row (when `locate` knows them), the unit, the indicator and the year; a value whose
 * magnitude exceeds the recipe's `checks.maxMagnitude` (default 10¹⁵) is used but raises the
 * warning `implausible-value`, naming the cells. One pass over the framework's inputs in the cube.
 * @throws DataError listing the values outside their domain
 */
export function checkDataValues(fw: Framework, recipe: ResolvedRecipe, cube: Cube, domains: ReadonlyMap<string, ValueDomain>, sink: WarningSink, locate?: LocateCell): void {
  const maxMagnitude = recipe.checks?.maxMagnitude ?? DEFAULT_MAX_MAGNITUDE;
  const codes = [...new Set([...fw.nodes.filter((n) => n.kind === 'raw').map((n) => n.code), ...fw.variables.map((v) => v.code)])];
  const U = cube.units.length;
  const Y = cube.years.length;
  const values = cube.values;
  const problems: Problem[] = [];
  let outside = 0;
  const where = (u: number, code: string, y: number): string => {
    const at = locate?.(cube.units[u]!, code, cube.years[y]!);
    return at?.file !== undefined ? ` (${at.file}${at.row !== undefined ? ` row ${at.row}` : ''})` : '';
  };
  for (const code of codes) {
    const v = cube.variableIndex(code);
    if (v < 0) continue;
    const d = domains.get(code);
    const lo = d?.min ?? -Infinity;
    const hi = d?.max ?? Infinity;
    const big: string[] = [];
    let bigCount = 0;
    // one pass over the variable's block; a value within both the domain and the magnitude limit
    // (nearly all of them) costs two comparisons, NaN and the rest take the slow path
    const fastLo = Math.max(lo, -maxMagnitude);
    const fastHi = Math.min(hi, maxMagnitude);
    const start = v * Y * U;
    const end = start + Y * U;
    for (let k = start; k < end; k++) {
      const x = values[k]!;
      if (x >= fastLo && x <= fastHi) continue;
      if (x !== x) continue;
      const y = Math.floor((k - start) / U);
      const u = k - start - y * U;
      if (x < lo || x > hi) {
        outside++;
        if (problems.length < MAX_LISTED) {
          const at = locate?.(cube.units[u]!, code, cube.years[y]!);
          problems.push({
            ...(at?.file !== undefined ? { file: at.file } : {}),
            ...(at?.row !== undefined ? { line: at.row } : {}),
            node: code,
            field: 'value',
            message: `${cube.units[u]}, ${cube.years[y]}: ${outsideDomain(x, d!)} — ${d!.why}; ${advice(code, d!)}`,
          });
        }
      } else if (bigCount++ < SHOWN) big.push(`${cube.units[u]} ${cube.years[y]} = ${num(x)}${where(u, code, y)}`);
    }
    if (bigCount) {
      sink.add(
        'implausible-value',
        code,
        `${code}: ${bigCount} value${bigCount > 1 ? 's' : ''} beyond ±${num(maxMagnitude)} (${big.join(', ')}${bigCount > SHOWN ? ', …' : ''}); used as given — check the data, or set checks.maxMagnitude in the recipe`,
      );
    }
  }
  if (outside) {
    throw new DataError(`The data has ${outside} value${outside > 1 ? 's' : ''} outside what ${outside > 1 ? 'their indicators allow' : 'its indicator allows'}; nothing was evaluated`, problems);
  }
}
