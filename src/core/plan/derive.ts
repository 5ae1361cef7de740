import { Arena, DIRECT } from './arena.ts';
import type { Cube } from '../panel/cube.ts';
import { postOrder, type Expr } from '../expr/formula.ts';

/** Reads a variable's values as one table (NaN = missing). */
export type TableOf = (code: string) => Float64Array;

/**
 * Evaluates a formula over whole tables at once, cell by cell with the same arithmetic as
 * {@link evaluateFormula}: a missing input or a zero denominator gives a missing cell, and so does
 * a result that is not finite. With `undefinedCells`, the cells missing although every input of
 * the formula is present (a zero denominator, an overflow) are appended to it.
 */
export function evaluateTable(e: Expr, size: number, get: TableOf, arena = DIRECT, undefinedCells?: number[]): Float64Array {
  const r = evalNode(e, size, get, arena); // always a new array
  let inputs: Float64Array[] | undefined;
  for (let k = 0; k < size; k++) {
    if (Number.isFinite(r[k]!)) continue;
    r[k] = NaN;
    if (!undefinedCells) continue;
    inputs ??= [...formulaInputs(e)].map(get);
    let present = true;
    for (const t of inputs) if (!Number.isFinite(t[k]!)) present = false;
    if (present) undefinedCells.push(k);
  }
  return r;
}

/**
 * A formula's values over whole tables, in a new array: its nodes in post-order over a stack of
 * operand tables (no recursion, so a formula of any length evaluates). Every operand on the stack
 * is an array of its own, which its operator overwrites with the result.
 */
function evalNode(e: Expr, size: number, get: TableOf, arena: Arena): Float64Array {
  const stack: Float64Array[] = [];
  for (const x of postOrder(e)) {
    switch (x.kind) {
      case 'num':
        stack.push(arena.f64(size).fill(x.value));
        break;
      case 'var': {
        const t = get(x.name);
        const out = arena.f64(size);
        for (let k = 0; k < size; k++) out[k] = Number.isFinite(t[k]!) ? t[k]! : NaN;
        stack.push(out);
        break;
      }
      case 'neg': {
        const a = stack[stack.length - 1]!;
        for (let k = 0; k < size; k++) a[k] = -a[k]!;
        break;
      }
      case 'pow': {
        const a = stack[stack.length - 1]!;
        for (let k = 0; k < size; k++) a[k] = a[k] !== a[k] ? NaN : Math.pow(a[k]!, x.exp);
        break;
      }
      case 'bin': {
        const b = stack.pop()!;
        const a = stack[stack.length - 1]!;
        switch (x.op) {
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
        break;
      }
    }
  }
  return stack.pop()!;
}

/** The variable codes a formula reads. */
export function formulaInputs(e: Expr, out = new Set<string>()): Set<string> {
  for (const x of postOrder(e)) if (x.kind === 'var') out.add(x.name);
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
 * computed again. With `undefinedCells`, the cells of each derived table that are missing
 * although the formula's inputs are present (see {@link evaluateTable}) are recorded by code.
 */
export function deriveTables(
  src: DeriveSource,
  codes: Iterable<string>,
  overrides?: TableOverrides,
  reuse?: (code: string) => Float64Array | undefined,
  arena = DIRECT,
  undefinedCells?: Map<string, number[]>,
): Map<string, Float64Array> {
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
      if (f) {
        const cells: number[] | undefined = undefinedCells ? [] : undefined;
        t = evaluateTable(f, T * U, get, arena, cells);
        if (cells?.length) undefinedCells!.set(code, cells);
      }
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
      if (o) {
        for (const [k, x] of o) t[k] = x;
        const cells = undefinedCells?.get(code);
        if (cells) undefinedCells!.set(code, cells.filter((k) => t![k] !== t![k]));
      }
    }
    memo.set(code, t);
    return t;
  };
  const out = new Map<string, Float64Array>();
  for (const code of codes) out.set(code, get(code));
  return out;
}
