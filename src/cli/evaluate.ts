import { getHeapStatistics } from 'node:v8';
import {
  Panel,
  attribute,
  compile,
  topDrivers,
  groupStats,
  summarise,
  toCsv,
  DataError,
  IpIndexError,
  EditionsWithoutDataError,
  type EvaluationResult,
  type Framework,
  type GroupStat,
  type Grouping,
  type ResolvedRecipe,
} from '../core/index.ts';
import { SAMPLE_LABEL, isSampleData, sampleNotice } from '../core/analysis/sample-label.ts';
import { unitKind } from '../core/analysis/summary.ts';
import { frameworkDataYears } from '../core/recipe/default.ts';
import { DEFAULT_GROUPINGS, groupsTable, indicatorsRows, loadFramework, loadGroupings, loadRegistry, readDataFiles, scoresRows, writeFilesAtomically } from '../io/index.ts';
import { chooseRecipe, type ChosenRecipe } from '../io/recipe.ts';
import { runManifest } from '../io/manifest.ts';
import { runNotices } from '../io/notices.ts';
import { readRunData } from './run-data.ts';
import { suspectUnits as findSuspectUnits } from '../core/panel/unknown-units.ts';
import type { Observation } from '../core/panel/types.ts';
import type { DataFileInfo } from '../io/read.ts';

/** Options of one evaluation run from files. */
export interface EvaluateFilesOptions {
  framework: string;
  data: string[];
  edition: number;
  recipe?: string;
  firstEdition?: number;
  groupings?: string | false;
  out?: string;
  /** `en` adds English name columns to the CSV files and words the notices in English. */
  lang?: 'zh' | 'en';
  /** Mapping file for data files whose columns and codes are not ours (docs/import.md). */
  mapping?: string;
  /** Text encoding of CSV/JSON data files: `utf-8` (default, strict), `auto` or `gb18030` (GBK). */
  encoding?: 'utf-8' | 'auto' | 'gb18030';
  /** Observations already read (a vintage of the store) instead of `data` files, with what the manifest records of them. */
  preread?: { observations: Observation[]; files: DataFileInfo[] };
}

/** What a run produced. */
export interface EvaluateFilesResult {
  result: EvaluationResult;
  framework: Framework;
  recipe: ResolvedRecipe;
  /** Where the recipe came from (argument, framework file, default). */
  recipeChoice: ChosenRecipe;
  stats: GroupStat[];
  groupings: Grouping[];
  summary: { zh: string[]; en: string[] };
  sampleData: boolean;
  manifest: Record<string, unknown>;
  files: Record<string, string>;
  /** Lines for stderr: misspelt-looking units, unknown variables, left-out units, the edition hint. */
  notices: string[];
  /** The observations read (for reports: plan targets on variables). */
  panel: Panel;
  /** The unit registry (names in Chinese and English). */
  registry: RunInputs['registry'];
  /** The data files read, with their SHA-256. */
  dataFiles: RunInputs['files'];
}

/** The inputs of a run, read and checked: framework, data, recipe and groupings. */
export interface RunInputs {
  registry: ReturnType<typeof loadRegistry>;
  framework: Framework;
  fwFile: string;
  observations: ReturnType<typeof readDataFiles>['observations'];
  files: ReturnType<typeof readDataFiles>['files'];
  suspectUnits: ReturnType<typeof readDataFiles>['suspectUnits'];
  dataYears: number[];
  chosen: ChosenRecipe;
  recipe: ResolvedRecipe;
  panel: Panel;
  allGroupings: Grouping[];
}

/** Reads a run's inputs from files (what `evaluate` and `whatif` share). */
export function readRunInputs(opts: Pick<EvaluateFilesOptions, 'framework' | 'data' | 'recipe' | 'groupings' | 'mapping' | 'encoding' | 'lang' | 'preread'>): RunInputs {
  const registry = loadRegistry();
  const { framework, file: fwFile } = loadFramework(opts.framework);
  if (!opts.preread && !opts.data.length) throw new IpIndexError('No data: pass --data <file…> (CSV or JSON with columns unit,year,variable,value)');
  const { observations, files, suspectUnits } = opts.preread ? { ...opts.preread, suspectUnits: findSuspectUnits(opts.preread.observations, registry) } : readRunData(opts, framework, registry);
  // a header without rows (or only blank rows) is said so, with the files, not as "no data for the framework"
  if (!observations.length) {
    const names = files.map((f) => f.file).join(', ');
    throw new DataError(`${files.length > 1 ? 'Data files' : 'Data file'} ${names} ${files.length > 1 ? 'hold' : 'holds'} no data rows (a header at most); expected rows unit,year,variable,value`);
  }
  // the data years set the default recipe's first edition, so the data is read first
  const dataYears = frameworkDataYears(framework, observations);
  const chosen = chooseRecipe(framework, fwFile, opts.recipe, dataYears);
  const panel = new Panel(observations);
  const allGroupings = opts.groupings === false ? [] : loadGroupings(opts.groupings ?? DEFAULT_GROUPINGS, registry);
  return { registry, framework, fwFile, observations, files, suspectUnits, dataYears, chosen, recipe: chosen.recipe, panel, allGroupings };
}

/**
 * Memory one row of scores.csv or indicators.csv needs while the files are made, in bytes: about
 * 230 measured on a million-row county panel (1 473 units, 1.36 million rows), with room to spare.
 */
export const OUTPUT_ROW_BYTES = 400;

/**
 * Refuses a run whose scores.csv and indicators.csv would not fit in this process's memory (half
 * of the JavaScript heap, at {@link OUTPUT_ROW_BYTES} a row), before they are made: a clear error
 * instead of an out-of-memory abort. Units × editions × (nodes + indicators) rows.
 * @throws IpIndexError naming the rows, the limit and the ways out
 */
export function checkOutputSize(result: EvaluationResult, framework: Framework): void {
  const leaves = framework.nodes.filter((n) => n.kind !== 'aggregate').length;
  const rows = result.units.length * result.editions.length * (result.nodes.length + leaves);
  const heap = getHeapStatistics().heap_size_limit;
  const max = Math.floor((heap / 2) / OUTPUT_ROW_BYTES);
  if (rows > max) {
    throw new IpIndexError(
      `This run would write ${rows} rows to scores.csv and indicators.csv (${result.units.length} units × ${result.editions.length} editions × ${result.nodes.length + leaves} nodes and indicators), more than this process's memory holds (about ${max} rows with ${Math.round(heap / 2 ** 20)} MiB of JavaScript heap). Evaluate fewer units or editions (--first-edition), or give Node more memory (NODE_OPTIONS=--max-old-space-size=16384)`,
    );
  }
}

/**
 * Compiles the run's plan; when its editions have no data and they came from the recipe file
 * (its `firstEdition`, not `--first-edition`), the error names the file and the field.
 * @throws RecipeError naming the recipe file and `firstEdition` where they are the cause
 */
export function compileRun(inputs: Pick<RunInputs, 'framework' | 'recipe' | 'panel' | 'allGroupings' | 'chosen'>, o: { edition: number; firstEdition?: number }): ReturnType<typeof compile> {
  try {
    return compile(inputs.framework, inputs.recipe, inputs.panel.cube(), { edition: o.edition, groupings: inputs.allGroupings, locate: (u, v, y) => inputs.panel.get(u, v, y), ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}) });
  } catch (e) {
    if (e instanceof EditionsWithoutDataError && !o.firstEdition && inputs.chosen.file) {
      throw new EditionsWithoutDataError(`${inputs.chosen.file}: firstEdition ${inputs.recipe.firstEdition} (the run's first edition, from this recipe file): ${e.message.replace(/, e\.g\. --first-edition\/--edition$/, '')}; change firstEdition in the recipe or pass --first-edition`, e.problems);
    }
    throw e;
  }
}

/** Reads the inputs, evaluates, and (with `out`) writes scores.csv, groups.csv, indicators.csv, summaries and manifest.json. */
export function evaluateFiles(opts: EvaluateFilesOptions): EvaluateFilesResult {
  const lang = opts.lang ?? 'zh';
  const { registry, framework, fwFile, observations, files, suspectUnits, dataYears, chosen, recipe, panel, allGroupings } = readRunInputs(opts);
  const plan = compileRun({ framework, recipe, panel, allGroupings, chosen }, { edition: opts.edition, ...(opts.firstEdition ? { firstEdition: opts.firstEdition } : {}) });
  const result = plan.run();
  // the index's top drivers of the last edition's change feed the summary (变化来源)
  const drivers = result.editions.length > 1 ? topDrivers(attribute(plan, result, { editions: [opts.edition], nodes: [framework.root] }), { n: 3 }) : undefined;
  checkOutputSize(result, framework);
  const multi = result.units.length > 1;
  // only groupings with members in this run are reported
  const groupings = multi ? allGroupings.filter((g) => g.groups.some((gr) => gr.members.some((m) => result.units.includes(m)))) : [];
  const stats = multi ? groupStats(result, groupings) : [];
  const sampleData = isSampleData(observations);
  const kind = unitKind(result.units);
  const summaryIn = (l: 'zh' | 'en'): string[] => [
    ...(sampleData ? [SAMPLE_LABEL[l]] : []),
    ...summarise(result, framework, { lang: l, unitName: (c: string) => registry.name(c, l), groupings, stats, unitKind: kind, adaptToRun: true, ...(drivers ? { drivers } : {}) }),
  ];
  const summary = { zh: summaryIn('zh'), en: summaryIn('en') };
  const manifest = runManifest({ framework, frameworkFile: fwFile, recipe: { ...(chosen.file ? { file: chosen.file } : { builtin: chosen.builtin! }), spec: recipe }, data: files, result, sampleData });
  const lookup = (unit: string, variable: string, year: number) => panel.get(unit, variable, year);
  // CSV with a UTF-8 byte-order mark, so that Excel shows the Chinese names correctly
  const BOM = '\ufeff';
  const out: Record<string, string> = {
    // rows made one at a time, not as tables: a county panel writes a million rows
    'scores.csv': BOM + toCsv(scoresRows(result, framework, registry, { lang })),
    'indicators.csv': BOM + toCsv(indicatorsRows(result, framework, registry, lookup, { lang })),
    'summary.zh.txt': summary.zh.join('\n') + '\n',
    'summary.en.txt': summary.en.join('\n') + '\n',
    'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
  };
  if (sampleData) out['SAMPLE-DATA.txt'] = sampleNotice();
  if (multi) {
    const allName = kind === 'provinces' ? { zh: '全国', en: 'All provinces' } : { zh: '全部单位', en: 'All units' };
    // a change that is floating-point noise of two equal means (1.4e-14) is written as 0
    // until the pinned regression fixture (test/fixtures/regression) is refreshed — see docs/recipes.md
    out['groups.csv'] = BOM + toCsv(groupsTable(stats, framework, groupings, recipe.reporting.threshold, { lang, allName, zeroNoise: true }));
  }
  // an empty folder name is refused by the writer, not taken as "write nothing"
  if (opts.out !== undefined) writeFilesAtomically(opts.out, out);
  const notices = runNotices({ result, framework, registry, suspectUnits, dataYears, lang });
  return { result, framework, recipe, recipeChoice: chosen, stats, groupings, summary, sampleData, manifest, files: out, notices, panel, registry, dataFiles: files };
}
