/**
 * The inputs mutations start from: the bundled sample data, the two frameworks, the built-in
 * recipes (as `ipindex recipes <name>` prints them) and the groupings, read once per thread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { builtinRecipe } from '../../src/core/recipe/default.ts';
import { DEFAULT_GROUPINGS, ROOT } from '../../src/io/paths.ts';
import type { BaseId, RunSpec } from './types.ts';

/** A province of the reference table. */
export interface Province {
  code: string;
  short: string;
  full: string;
}

/** A base run: which framework, data and recipe, and how the case files stand in for them. */
export interface Base {
  id: BaseId;
  /** Built-in framework name and the framework file's text. */
  frameworkName: 'cnipa-regional' | 'cnipa-national';
  frameworkText: string;
  /** The data file's text (tidy CSV, LF, no BOM, no quotes in the sample). */
  dataText: string;
  /** Recipe argument of the base run (undefined: the framework's own). */
  recipeArg?: string;
  /** The recipe the base run uses, as JSON (what `ipindex recipes <name>` prints). */
  recipeJson: string;
  edition: number;
  /** Whether the regional groupings take part (a one-unit national run writes no groups.csv). */
  regional: boolean;
  /** Declared unit of every raw indicator and variable, by code. */
  units: Map<string, string>;
  /** Codes of derived indicators with their formulas. */
  formulas: Map<string, string>;
}

/** Everything the generator reads. */
export interface Bases {
  byId: Record<BaseId, Base>;
  groupingsText: string;
  provinces: Province[];
}

const read = (...p: string[]): string => readFileSync(join(ROOT, ...p), 'utf8');

/** Units and formulas a framework file declares (read with the YAML library, not the code under test). */
function declared(text: string): { units: Map<string, string>; formulas: Map<string, string> } {
  const doc = parseYaml(text) as { variables?: { code: string; unit?: string }[]; nodes: { code: string; unit?: string; kind?: string; formula?: string }[] };
  const units = new Map<string, string>();
  const formulas = new Map<string, string>();
  for (const v of doc.variables ?? []) if (v.unit) units.set(v.code, v.unit);
  for (const n of doc.nodes) {
    if (n.kind === 'raw' && n.unit) units.set(n.code, n.unit);
    if (n.kind === 'derived' && n.formula) formulas.set(n.code, n.formula);
  }
  return { units, formulas };
}

/** Provinces of the small regional base: eight, among them those with carried-forward values. */
export const SMALL_PROVINCES = ['110000', '310000', '320000', '330000', '440000', '460000', '540000', '630000'];

/** Reads the bases from the repository. */
export function loadBases(): Bases {
  const regionalCsv = read('data', 'sample', 'regional.csv');
  const nationalCsv = read('data', 'sample', 'national.csv');
  const [head, ...rows] = regionalCsv.split('\n');
  const small = new Set(SMALL_PROVINCES);
  const smallCsv = [head, ...rows.filter((r) => small.has(r.split(',')[0]!))].join('\n') + '\n';
  const regionalYaml = read('frameworks', 'cnipa-regional-2025.yaml');
  const nationalYaml = read('frameworks', 'cnipa-national-2025.yaml');
  const recipe = (name: string): string => JSON.stringify(builtinRecipe(name), null, 2) + '\n';
  const reg = declared(regionalYaml);
  const nat = declared(nationalYaml);
  const regional = (id: BaseId, dataText: string, recipeArg?: string): Base => ({
    id,
    frameworkName: 'cnipa-regional',
    frameworkText: regionalYaml,
    dataText,
    ...(recipeArg ? { recipeArg } : {}),
    recipeJson: recipe(recipeArg ?? 'cnipa-regional'),
    edition: 2025,
    regional: true,
    ...reg,
  });
  const byId: Record<BaseId, Base> = {
    regional: regional('regional', regionalCsv),
    'regional-small': regional('regional-small', smallCsv),
    'regional-default': regional('regional-default', smallCsv, 'default'),
    national: { id: 'national', frameworkName: 'cnipa-national', frameworkText: nationalYaml, dataText: nationalCsv, recipeJson: recipe('cnipa-national'), edition: 2025, regional: false, ...nat },
  };
  const [, ...prov] = read('data', 'reference', 'provinces.csv').trim().split('\n');
  const provinces = prov.map((l) => {
    const [code, short, full] = l.split(',');
    return { code: code!, short: short!, full: full! };
  });
  return { byId, groupingsText: readFileSync(DEFAULT_GROUPINGS, 'utf8'), provinces };
}

/** The run of a base with its pristine inputs: the data as a case file, framework and recipe by name. */
export function baseRun(base: Base): { files: Record<string, string>; run: RunSpec } {
  return {
    files: { 'data.csv': base.dataText },
    run: { commands: ['evaluate'], framework: base.frameworkName, data: ['@data.csv'], ...(base.recipeArg ? { recipe: base.recipeArg } : {}), edition: base.edition },
  };
}
