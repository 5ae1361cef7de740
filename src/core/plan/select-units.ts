import { EditionsWithoutDataError, RecipeError } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import type { ResolvedRecipe } from '../recipe/types.ts';
import { WarningSink } from '../warnings.ts';
import type { Cube } from '../panel/cube.ts';

/** The units of a run and what the data says about its years. */
export interface UnitSelection {
  units: string[];
  warnings: WarningSink;
}

/**
 * The first and last year with a value of one of the framework's raw indicators or variables, or
 * undefined when the cube has none. Each year's row of each input is scanned up to its first value.
 */
export function frameworkYearRange(fw: Framework, cube: Cube): [number, number] | undefined {
  const codes = new Set([...fw.nodes.filter((n) => n.kind === 'raw').map((n) => n.code), ...fw.variables.map((v) => v.code)]);
  const U = cube.units.length;
  const Y = cube.years.length;
  const has = new Uint8Array(Y);
  cube.variables.forEach((code, v) => {
    if (!codes.has(code) || cube.firstSeen[v]! < 0) return;
    for (let y = 0; y < Y; y++) {
      if (has[y]) continue;
      const row = (v * Y + y) * U;
      for (let u = 0; u < U; u++) {
        const x = cube.values[row + u]!;
        if (x === x) {
          has[y] = 1;
          break;
        }
      }
    }
  });
  const first = has.indexOf(1);
  return first < 0 ? undefined : [cube.years[first]!, cube.years[has.lastIndexOf(1)]!];
}

/**
 * Chooses the units of a run — those with data for the framework's raw indicators and variables,
 * less those with far fewer indicators than the best-covered unit (e.g. a national total in a
 * provincial file) — and checks that every data year of the run has data.
 * @throws RecipeError when no observation names the framework, or a data year has no data at all
 */
export function selectUnits(fw: Framework, recipe: ResolvedRecipe, cube: Cube, dataYears: readonly number[], given?: string[]): UnitSelection {
  const sink = new WarningSink();
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate');
  const rawIndicators = new Set(leaves.filter((n) => n.kind === 'raw').map((n) => n.code));
  const rawCodes = new Set([...rawIndicators, ...fw.variables.map((v) => v.code)]);
  const derivedCodes = new Set(leaves.filter((n) => n.kind === 'derived').map((n) => n.code));
  const nodeCodes = new Set(fw.nodes.map((n) => n.code));
  const lastYear = dataYears[dataYears.length - 1]!;
  const U = cube.units.length;
  const Y = cube.years.length;
  const coverage = new Int32Array(U);
  const present = new Uint8Array(U);
  const yearsWithData = new Set<number>();
  const unknown: number[] = [];
  const derivedInData: number[] = [];
  cube.variables.forEach((code, v) => {
    if (cube.firstSeen[v]! < 0) return;
    if (!rawCodes.has(code)) {
      if (derivedCodes.has(code)) derivedInData.push(v);
      else if (!nodeCodes.has(code)) unknown.push(v);
      return;
    }
    const counts = rawIndicators.has(code) || rawIndicators.size === 0;
    const values = cube.values;
    const hit = new Uint8Array(U);
    for (let y = 0; y < Y; y++) {
      const year = cube.years[y]!;
      const inRun = counts && year <= lastYear;
      const base = (v * Y + y) * U;
      let any = false;
      for (let u = 0; u < U; u++) {
        const x = values[base + u]!;
        if (x !== x) continue;
        any = true;
        present[u] = 1;
        if (inRun) hit[u] = 1;
      }
      if (any) yearsWithData.add(year);
    }
    for (let u = 0; u < U; u++) coverage[u]! += hit[u]!;
  });
  const listed = (vs: number[]): string[] => vs.sort((a, b) => cube.firstSeen[a]! - cube.firstSeen[b]!).map((v) => cube.variables[v]!);
  const derivedList = listed(derivedInData);
  const unknownList = listed(unknown);
  const some = (l: string[]): string => `${l.slice(0, 8).join(', ')}${l.length > 8 ? ', …' : ''}`;
  if (derivedList.length) sink.add('derived-in-data', derivedList.join(','), `The data gives values for derived indicators (${some(derivedList)}); they are ignored and computed from their formulas`);
  if (unknownList.length) sink.add('unknown-variable', unknownList.join(','), `The data has variables that framework ${fw.id} does not use (${some(unknownList)}); they are ignored`);

  const coverOf = (unit: string): number => {
    const u = cube.unitIndex(unit);
    return u < 0 ? 0 : coverage[u]!;
  };
  let units = given ?? cube.units.filter((_, u) => present[u]).sort();
  if (!units.length) {
    throw new RecipeError(`No data for framework ${fw.id}: no observation names any of its indicators or variables (e.g. ${[...rawCodes].slice(0, 5).join(', ')})`);
  }
  if (!given) {
    const best = Math.max(...units.map(coverOf));
    const low = units.filter((u) => coverOf(u) < recipe.units.minCoverage * best);
    if (low.length) {
      const lowSet = new Set(low);
      units = units.filter((u) => !lowSet.has(u));
      sink.add('low-coverage', low.join(','), `Left out for too little data (fewer than ${Math.round(recipe.units.minCoverage * 100)}% of the ${best} indicators of the best-covered unit): ${low.map((u) => `${u} (${coverOf(u)})`).join(', ')}`);
    }
  }
  const minData = Math.min(...yearsWithData);
  const maxData = Math.max(...yearsWithData);
  const gaps = dataYears.filter((y) => !yearsWithData.has(y) && y > minData && y < maxData);
  if (gaps.length) sink.add('no-data-year', gaps.join(','), `No observation at all for data year${gaps.length > 1 ? 's' : ''} ${gaps.join(', ')}: ${gaps.length > 1 ? 'they are' : 'it is'} scored from imputed (carried-forward) values only`);
  const noData = dataYears.filter((y) => y < minData || y > maxData);
  if (noData.length) {
    const span = yearsWithData.size ? `the data covers ${minData}–${maxData}` : 'there is no data';
    const list = (ys: number[]): string => (ys.length > 10 ? `${ys.slice(0, 5).join(', ')}, … ${ys[ys.length - 1]}` : ys.join(', '));
    throw new EditionsWithoutDataError(`No data for data year${noData.length > 1 ? 's' : ''} ${list(noData)} (edition${noData.length > 1 ? 's' : ''} ${list(noData.map((y) => y + recipe.dataLag))}); ${span}. Choose editions whose data year (edition − ${recipe.dataLag}) has data, e.g. --first-edition/--edition`);
  }
  return { units, warnings: sink };
}
