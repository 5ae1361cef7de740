import { Cube } from './cube.ts';
import type { Observation } from './types.ts';

/**
 * Tidy observations indexed by (unit, variable, year). Later observations replace earlier ones
 * for the same key (a newer data vintage revises an older one).
 */
export class Panel {
  private readonly index = new Map<string, Map<number, Observation>>();
  private readonly unitSet = new Set<string>();
  private readonly yearSet = new Set<number>();
  private readonly variableSet = new Set<string>();
  private cubeCache: Cube | undefined;

  constructor(observations: Iterable<Observation> = []) {
    for (const o of observations) this.add(o);
  }

  /** Adds or replaces one observation. */
  add(o: Observation): void {
    this.cubeCache = undefined;
    const k = `${o.unit}|${o.variable}`;
    let m = this.index.get(k);
    if (!m) this.index.set(k, (m = new Map()));
    m.set(o.year, o);
    this.unitSet.add(o.unit);
    this.yearSet.add(o.year);
    this.variableSet.add(o.variable);
  }

  /** The observation for a cell, if any. */
  get(unit: string, variable: string, year: number): Observation | undefined {
    return this.index.get(`${unit}|${variable}`)?.get(year);
  }

  /** The value for a cell, null when missing. */
  value(unit: string, variable: string, year: number): number | null {
    return this.get(unit, variable, year)?.value ?? null;
  }

  /** Years with a non-missing value for a unit and variable, ascending. */
  yearsOf(unit: string, variable: string): number[] {
    const m = this.index.get(`${unit}|${variable}`);
    if (!m) return [];
    return [...m.values()].filter((o) => o.value !== null).map((o) => o.year).sort((a, b) => a - b);
  }

  units(): string[] {
    return [...this.unitSet];
  }
  years(): number[] {
    return [...this.yearSet].sort((a, b) => a - b);
  }
  variables(): string[] {
    return [...this.variableSet];
  }
  /** All observations. */
  *observations(): IterableIterator<Observation> {
    for (const m of this.index.values()) yield* m.values();
  }
  /** The observations as the columnar {@link Cube} the evaluation reads (made once, until the next `add`). */
  cube(): Cube {
    return (this.cubeCache ??= Cube.fromObservations(this.observations()));
  }
  get size(): number {
    let n = 0;
    for (const m of this.index.values()) n += m.size;
    return n;
  }
}
