import { Arena, DIRECT } from './arena.ts';
import type { Cube } from '../panel/cube.ts';
import type { Expr } from '../expr/formula.ts';

/** Reads a variable's values as one table (NaN = missing). */
export type TableOf = (code: string) => Float64Array;

/**
 * Evaluates a formula over whole tables at once, cell by cell with the same arithmetic as
 * {@link evaluateFormula}: a missing input or a zero denominator gives a missing cell, and so does
 * a result that is not finite.
 */
export function evaluateTable(e: Expr, size: number, get: TableOf, arena = DIRECT): Float64Array {
  const r = evalNode(e, size, get, arena); // always a new array
  for (let k = 0; k < size; k++) if (!Number.isFinite(r[k]!)) r[k] = NaN;
  return r;
}

/** A node's values, in a new array. */
function evalNode(e: Expr, size: number, get: TableOf, arena: Arena): Float64Array {
  switch (e.kind) {
    case 'num':
      return arena.f64(size).fill(e.value);
    case 'var': {
      const t = get(e.name);
      const out = arena.f64(size);
      for (let k = 0; k < size; k++) out[k] = Number.isFinite(t[k]!) ? t[k]! : NaN;
      return out;
    }
    case 'neg': {
      const a = evalNode(e.arg, size, get, arena);
      for (let k = 0; k < size; k++) a[k] = -a[k]!;
      return a;
    }
    case 'pow': {
      const a = evalNode(e.base, size, get, arena);
      for (let k = 0; k < size; k++) a[k] = a[k] !== a[k] ? NaN : Math.pow(a[k]!, e.exp);
      return a;
    }
    case 'bin': {
      const a = evalNode(e.left, size, get, arena);
      const b = evalNode(e.right, size, get, arena);
      switch (e.op) {
        case '+':
          for (let k = 0; k < size; k++) a[k] = a[k]! + b[k]!;
          break;
        case '-':
          for (let k = 0; k < size; k++) a[k] = a[k]! - b[k]!;
          break;
        case '*':
          for (let k = 0; k < size; k++) a[k] = a[k]! * b[k]!;
          break;
        case '/':
          for (let k = 0; k < size; k++) a[k] = b[k] === 0 || a[k] !== a[k] ? NaN : a[k]! / b[k]!;
          break;
      }
      return a;
    }
  }
}

/** The variable codes a formula reads. */
export function formulaInputs(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'var':
      out.add(e.name);
      break;
    case 'neg':
      formulaInputs(e.arg, out);
      break;
    case 'pow':
      formulaInputs(e.base, out);
      break;
    case 'bin':
      formulaInputs(e.left, out);
      formulaInputs(e.right, out);
      break;
  }
  return out;
}

/** A what-if change of one input cell: a variable (or indicator) of a unit in a data year. */
export interface CellChange {
  code: string;
  unit: string;
  /** Data year. */
  year: number;
  /** The new value; null = missing. */
  value: number | null;
}

/** Cell changes by code, as `[table index, value]` pairs. */
export type TableOverrides = Map<string, [number, number][]>;

/** Where the derive stage reads from. */
export interface DeriveSource {
  cube: Cube;
  years: readonly number[];
  yearCube: Int32Array;
  unitCube: Int32Array;
  /** Formulas of derived indicators by code. */
  formulas: ReadonlyMap<string, Expr>;
}

/**
 * The derive stage: the years × units table of each requested code — read from the cube for raw
 * indicators and variables, evaluated from the formula for derived ones (a formula may read other
 * derived indicators) — with what-if overrides applied. `reuse` gives tables that need not be
 * computed again.
 */
export function deriveTables(src: DeriveSource, codes: Iterable<string>, overrides?: TableOverrides, reuse?: (code: string) => Float64Array | undefined, arena = DIRECT): Map<string, Float64Array> {
  const { cube, years, yearCube, unitCube, formulas } = src;
  const U = unitCube.length;
  const T = years.length;
  const CU = cube.units.length;
  const CY = cube.years.length;
  // the run's units are the cube's, in its order, and its years a run of the cube's: a raw
  // table is then a view of the cube (read-only), not a copy
  const y0 = yearCube[0] ?? -1;
  const aligned = U === CU && unitCube.every((uc, u) => uc === u) && y0 >= 0 && yearCube.every((yc, y) => yc === y0 + y);
  const memo = new Map<string, Float64Array>();
  const get = (code: string): Float64Array => {
    let t = memo.get(code);
    if (t) return t;
    t = reuse?.(code);
    if (!t) {
      const f = formulas.get(code);
      const o = overrides?.get(code);
      if (f) t = evaluateTable(f, T * U, get, arena);
      else {
        const v = cube.variableIndex(code);
        if (v >= 0 && aligned && !o) t = cube.values.subarray((v * CY + y0) * CU, (v * CY + y0 + T) * CU);
        else {
          t = arena.f64(T * U).fill(NaN);
          if (v >= 0) {
            for (let y = 0; y < T; y++) {
              const yc = yearCube[y]!;
              if (yc < 0) continue;
              const row = (v * CY + yc) * CU;
              for (let u = 0; u < U; u++) {
                const uc = unitCube[u]!;
                if (uc >= 0) t[y * U + u] = cube.values[row + uc]!;
              }
            }
          }
        }
      }
      if (o) for (const [k, x] of o) t[k] = x;
    }
    memo.set(code, t);
    return t;
  };
  const out = new Map<string, Float64Array>();
  for (const code of codes) out.set(code, get(code));
  return out;
}
