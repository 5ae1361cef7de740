/**
 * Dense inputs for the numpy peer (bench/peers/regional.py): a panel laid out
 * [variable][year][unit] as float64 (NaN = missing), plus the framework and the run in meta.json.
 * `node --import tsx bench/peers/run.ts --dump <dir>` writes such dumps from the command line.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RECIPES, Panel, parseFramework, parseTidyCsv, resolveRecipe, type Framework, type Observation, type Recipe } from '../../src/core/index.ts';
import { BUILTIN_FRAMEWORKS, SAMPLE_DATA, loadRegistry } from '../../src/io/index.ts';

/** A dense panel: `values[(v * years.length + t) * units.length + u]`, NaN = missing. */
export interface DenseInput {
  units: string[];
  variables: string[];
  years: number[];
  values: Float64Array;
}

/** The run the peer reproduces: editions firstEdition..edition of a recipe (default cnipa-regional, 2021–2025). */
export interface DumpRun {
  edition?: number;
  firstEdition?: number;
  recipe?: Recipe;
}

/** The regional framework file, parsed. */
export function regionalFramework(): Framework {
  const file = BUILTIN_FRAMEWORKS['cnipa-regional']!;
  return parseFramework(readFileSync(file, 'utf8'), file);
}

/** The codes a dense input holds for a framework: its raw indicators, then its variables. */
export function inputVariables(framework: Framework): string[] {
  return [...framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code), ...framework.variables.map((v) => v.code)];
}

/** The recipe of a run, resolved, checked to be one the numpy peer implements. */
function peerRecipe(framework: Framework, run: DumpRun): ReturnType<typeof resolveRecipe> {
  const r = resolveRecipe(run.recipe ?? BUILTIN_RECIPES['cnipa-regional']!, framework);
  const problems: string[] = [];
  if (r.normalisation.method !== 'efficacy' && r.normalisation.method !== 'minmax') problems.push(`normalisation ${r.normalisation.method}`);
  if (r.normalisation.scope !== 'pooled') problems.push(`normalisation scope ${r.normalisation.scope}`);
  if (r.normalisation.byIndicator && Object.keys(r.normalisation.byIndicator).length) problems.push('per-indicator normalisation');
  if (r.missing.steps.some((s) => s.method !== 'carry-forward') || r.missing.maxCarryYears !== null || r.missing.aggregate !== 'drop') problems.push('imputation other than unlimited carry-forward');
  if (r.treatment.method !== 'none' || r.treatment.byIndicator) problems.push('outlier treatment');
  if (r.weights.scheme !== 'equal' && r.weights.scheme !== 'framework') problems.push(`weights ${r.weights.scheme}`);
  if (Object.keys(r.weights.byNode).length) problems.push('per-node weights');
  if (r.aggregation.method !== 'arithmetic' || Object.keys(r.aggregation.byNode).length) problems.push(`aggregation ${r.aggregation.method}`);
  if (problems.length) throw new Error(`The numpy peer does not implement: ${problems.join(', ')}`);
  return r;
}

/**
 * Writes `meta.json` (units, variables, years, framework nodes, the run) and `raw.f64`
 * (little-endian float64, [variable][year][unit]) to `dir`.
 */
export function dumpInputs(dir: string, input: DenseInput, framework: Framework, run: DumpRun = {}): void {
  const { units, variables, years, values } = input;
  if (values.length !== variables.length * years.length * units.length) {
    throw new Error(`values has ${values.length} cells; expected ${variables.length} variables × ${years.length} years × ${units.length} units`);
  }
  const recipe = peerRecipe(framework, run);
  const firstEdition = run.firstEdition ?? recipe.firstEdition;
  const edition = run.edition ?? 2025;
  const p = recipe.normalisation.params;
  const [low, span] = recipe.normalisation.method === 'efficacy' ? [Number(p.low), Number(p.span)] : [Number(p.l), Number(p.u) - Number(p.l)];
  const meta = {
    units,
    variables,
    years,
    framework: { id: framework.id, version: framework.version, root: framework.root, variables: framework.variables.map((v) => v.code) },
    nodes: framework.nodes.map((n) => ({
      code: n.code,
      parent: n.parent,
      kind: n.kind,
      level: n.level,
      direction: n.direction,
      weight: n.weight,
      formula: n.formula ?? null,
      children: n.children,
    })),
    recipe: {
      id: recipe.id,
      dataLag: recipe.dataLag,
      firstEdition,
      edition,
      editions: Array.from({ length: edition - firstEdition + 1 }, (_, i) => firstEdition + i),
      normalisation: { method: recipe.normalisation.method, low, span },
      weightScheme: recipe.weights.scheme,
      weights: recipe.weights.set,
    },
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 1));
  let bytes: Buffer;
  if (endianness() === 'LE') bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  else {
    bytes = Buffer.alloc(values.length * 8);
    values.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
  }
  writeFileSync(join(dir, 'raw.f64'), bytes);
}

/**
 * Fills a dense input from tidy observations (later ones replace earlier ones, as in a Panel).
 * Units: those the engine would take — with a value for a raw code, less those with data for
 * fewer than `minCoverage` of the best-covered unit's raw indicators up to the last data year —
 * sorted. Years: every year from the first to the last of the observations.
 */
export function denseFromPanel(panel: Panel, framework: Framework, run: DumpRun = {}): DenseInput {
  const recipe = resolveRecipe(run.recipe ?? BUILTIN_RECIPES['cnipa-regional']!, framework);
  const lastYear = (run.edition ?? 2025) - recipe.dataLag;
  const variables = inputVariables(framework);
  const vIndex = new Map(variables.map((v, i) => [v, i]));
  const rawIndicators = new Set(framework.nodes.filter((n) => n.kind === 'raw').map((n) => n.code));
  const covered = new Map<string, Set<string>>();
  for (const o of panel.observations()) {
    if (o.value === null || !vIndex.has(o.variable)) continue;
    let c = covered.get(o.unit);
    if (!c) covered.set(o.unit, (c = new Set()));
    if (o.year <= lastYear && (rawIndicators.has(o.variable) || rawIndicators.size === 0)) c.add(o.variable);
  }
  let units = [...covered.keys()].sort();
  const best = Math.max(...units.map((u) => covered.get(u)!.size));
  units = units.filter((u) => covered.get(u)!.size >= recipe.units.minCoverage * best);
  const py = panel.years();
  const years: number[] = [];
  for (let y = py[0]!; y <= py[py.length - 1]!; y++) years.push(y);
  const U = units.length;
  const Y = years.length;
  const uIndex = new Map(units.map((u, i) => [u, i]));
  const values = new Float64Array(variables.length * Y * U).fill(NaN);
  for (const o of panel.observations()) {
    const v = vIndex.get(o.variable);
    const u = uIndex.get(o.unit);
    if (v === undefined || u === undefined || o.value === null) continue;
    values[(v * Y + (o.year - years[0]!)) * U + u] = o.value;
  }
  return { units, variables, years, values };
}

/** The bundled regional sample data (data/sample/regional.csv) as observations. */
export function sampleObservations(): Observation[] {
  return parseTidyCsv(readFileSync(SAMPLE_DATA.regional, 'utf8'), { registry: loadRegistry(), file: SAMPLE_DATA.regional });
}

/** The bundled regional sample data as a dense input (31 provinces, 2019–2024). */
export function sampleInput(framework = regionalFramework()): DenseInput {
  return denseFromPanel(new Panel(sampleObservations()), framework);
}
