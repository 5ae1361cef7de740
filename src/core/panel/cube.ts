import { DataError } from '../errors.ts';
import type { Observation } from './types.ts';

/** The dense input of {@link Cube.fromDense}: values laid out `[variable][year][unit]`. */
export interface DenseInput {
  units: readonly string[];
  variables: readonly string[];
  /** Ascending, consecutive years (one row per calendar year). */
  years: readonly number[];
  /** `values[(v · Y + y) · U + u]`, NaN = missing. Taken over, not copied. */
  values: Float64Array;
}

/**
 * The one data shape of a run: a panel of units × variables × years as flat typed arrays, with
 * index maps and parallel flag and source arrays. Built once from the observations; the
 * evaluation plan reads it and never changes it.
 *
 * Layout: cell `(u, v, y)` is at `(v · Y + y) · U + u`, so one variable's years × units table is
 * one contiguous block ({@link Cube.block}). Years run consecutively from `years[0]`.
 * Flags and sources are ids into {@link Cube.tags} (0 = none).
 * @example Cube.fromObservations([{ unit: 'A', year: 2020, variable: 'X', value: 3 }]).value('A', 'X', 2020) // => 3
 */
export class Cube {
  readonly units: readonly string[];
  readonly variables: readonly string[];
  readonly years: readonly number[];
  readonly values: Float64Array;
  readonly flags: Int32Array;
  readonly sources: Int32Array;
  /** String table of flags and sources; `tags[0]` is the empty string. */
  readonly tags: readonly string[];
  /**
   * Per variable: the position of its first observation with a value among all observations
   * (−1: no value at all). Reports list variables in this order, as they first appear in the data.
   */
  readonly firstSeen: Int32Array;
  private readonly unitIx: Map<string, number>;
  private readonly varIx: Map<string, number>;

  private constructor(d: DenseInput, flags: Int32Array, sources: Int32Array, tags: string[], firstSeen: Int32Array) {
    this.units = d.units;
    this.variables = d.variables;
    this.years = d.years;
    this.values = d.values;
    this.flags = flags;
    this.sources = sources;
    this.tags = tags;
    this.firstSeen = firstSeen;
    this.unitIx = new Map(d.units.map((u, i) => [u, i]));
    this.varIx = new Map(d.variables.map((v, i) => [v, i]));
  }

  /**
   * A cube from dense values (e.g. generated or read from a binary file); no flags or sources.
   * @throws DataError when the sizes do not match or the years are not consecutive
   */
  static fromDense(d: DenseInput): Cube {
    const U = d.units.length;
    const V = d.variables.length;
    const Y = d.years.length;
    if (d.values.length !== U * V * Y) throw new DataError(`Cube: ${d.values.length} values for ${V} variables × ${Y} years × ${U} units (expected ${U * V * Y})`);
    for (let y = 1; y < Y; y++) if (d.years[y] !== d.years[0]! + y) throw new DataError(`Cube: years must be consecutive, but ${d.years[y]} follows ${d.years[y - 1]}`);
    const firstSeen = new Int32Array(V).fill(-1);
    for (let v = 0, n = 0; v < V; v++) {
      const block = d.values.subarray(v * Y * U, (v + 1) * Y * U);
      if (block.some((x) => Number.isFinite(x))) firstSeen[v] = n++;
    }
    return new Cube(d, new Int32Array(U * V * Y), new Int32Array(U * V * Y), [''], firstSeen);
  }

  /**
   * A cube from tidy observations, in one pass over them; a later observation of the same cell
   * replaces an earlier one (a newer vintage revises an older one). Missing values (`null`) are
   * kept as NaN cells, and their years count in the cube's year range. Units are sorted by code.
   */
  static fromObservations(observations: Iterable<Observation>): Cube {
    const unitIx = new Map<string, number>();
    const varIx = new Map<string, number>();
    const tagIx = new Map<string, number>([['', 0]]);
    const tags = [''];
    const tag = (s: string | undefined): number => {
      if (!s) return 0;
      let i = tagIx.get(s);
      if (i === undefined) {
        tagIx.set(s, (i = tags.length));
        tags.push(s);
      }
      return i;
    };
    let n = 0;
    let cap = 1024;
    let cu = new Int32Array(cap);
    let cv = new Int32Array(cap);
    let cy = new Int32Array(cap);
    let cx = new Float64Array(cap);
    let cf = new Int32Array(cap);
    let cs = new Int32Array(cap);
    const firstSeenList: number[] = [];
    let seenCount = 0;
    let minYear = Infinity;
    let maxYear = -Infinity;
    for (const o of observations) {
      if (n === cap) {
        cap *= 2;
        const grow = <T extends Int32Array | Float64Array>(a: T): T => {
          const b = new (a.constructor as new (k: number) => T)(cap);
          b.set(a);
          return b;
        };
        [cu, cv, cy, cf, cs] = [grow(cu), grow(cv), grow(cy), grow(cf), grow(cs)];
        cx = grow(cx);
      }
      let u = unitIx.get(o.unit);
      if (u === undefined) unitIx.set(o.unit, (u = unitIx.size));
      let v = varIx.get(o.variable);
      if (v === undefined) {
        varIx.set(o.variable, (v = varIx.size));
        firstSeenList.push(-1);
      }
      const x = o.value === null || !Number.isFinite(o.value) ? NaN : o.value;
      if (x === x && firstSeenList[v] === -1) firstSeenList[v] = seenCount++;
      cu[n] = u;
      cv[n] = v;
      cy[n] = o.year;
      cx[n] = x;
      cf[n] = tag(o.flag);
      cs[n] = tag(o.source);
      if (o.year < minYear) minYear = o.year;
      if (o.year > maxYear) maxYear = o.year;
      n++;
    }
    // units in sorted order (the order runs list them in), so that a run over all of them reads
    // the cube's tables as they are
    const unitCodes = [...unitIx.keys()].sort();
    const unitAt = new Int32Array(unitIx.size);
    unitCodes.forEach((code, i) => (unitAt[unitIx.get(code)!] = i));
    const U = unitIx.size;
    const V = varIx.size;
    const Y = n ? maxYear - minYear + 1 : 0;
    const values = new Float64Array(U * V * Y).fill(NaN);
    const flags = new Int32Array(U * V * Y);
    const sources = new Int32Array(U * V * Y);
    for (let i = 0; i < n; i++) {
      const k = (cv[i]! * Y + (cy[i]! - minYear)) * U + unitAt[cu[i]!]!;
      values[k] = cx[i]!;
      flags[k] = cf[i]!;
      sources[k] = cs[i]!;
    }
    const years = Array.from({ length: Y }, (_, y) => minYear + y);
    return new Cube({ units: unitCodes, variables: [...varIx.keys()], years, values }, flags, sources, tags, Int32Array.from(firstSeenList));
  }

  /** Index of a unit, or −1. */
  unitIndex(unit: string): number {
    return this.unitIx.get(unit) ?? -1;
  }
  /** Index of a variable, or −1. */
  variableIndex(variable: string): number {
    return this.varIx.get(variable) ?? -1;
  }
  /** Index of a year in the year axis, or −1 outside the cube's years. */
  yearIndex(year: number): number {
    const y = year - (this.years[0] ?? 0);
    return Number.isInteger(y) && y >= 0 && y < this.years.length ? y : -1;
  }
  /** Flat index of a cell, or −1 when the unit, variable or year is not in the cube. */
  index(unit: string, variable: string, year: number): number {
    const u = this.unitIndex(unit);
    const v = this.variableIndex(variable);
    const y = this.yearIndex(year);
    return u < 0 || v < 0 || y < 0 ? -1 : (v * this.years.length + y) * this.units.length + u;
  }
  /** A cell's value, null when missing or outside the cube. */
  value(unit: string, variable: string, year: number): number | null {
    const k = this.index(unit, variable, year);
    const x = k < 0 ? NaN : this.values[k]!;
    return x === x ? x : null;
  }
  /** A cell's source (provider, file), if any. */
  source(unit: string, variable: string, year: number): string | undefined {
    const k = this.index(unit, variable, year);
    return k < 0 || !this.sources[k] ? undefined : this.tags[this.sources[k]!];
  }
  /** A cell's data flag (e.g. `estimated`), if any. */
  flag(unit: string, variable: string, year: number): string | undefined {
    const k = this.index(unit, variable, year);
    return k < 0 || !this.flags[k] ? undefined : this.tags[this.flags[k]!];
  }
  /** One variable's years × units values, a view (do not write to it). */
  block(v: number): Float64Array {
    const size = this.years.length * this.units.length;
    return this.values.subarray(v * size, (v + 1) * size);
  }
}
