import { toCsv, type EvaluationResult, type Plan } from '../../core/index.ts';
import { isSampleData, sampleNotice } from '../../core/analysis/sample-label.ts';
import { runManifest } from '../../io/manifest.ts';
import { writeFilesAtomically } from '../../io/index.ts';
import { compileRun, readRunInputs, type EvaluateFilesOptions, type RunInputs } from '../evaluate.ts';

/** Options every `ipindex analyse …` command takes. */
export interface AnalyseOptions extends Pick<EvaluateFilesOptions, 'framework' | 'data' | 'edition' | 'recipe' | 'firstEdition' | 'groupings'> {
  out?: string;
  lang: 'zh' | 'en';
  /** Command-specific options, as commander parsed them. */
  [key: string]: unknown;
}

/** The inputs read once, the compiled plan and its nominal result: what every analysis starts from. */
export interface Prepared {
  inputs: RunInputs;
  plan: Plan;
  result: EvaluationResult;
  sampleData: boolean;
  /** Unit display name in the run's language. */
  unitName: (code: string) => string;
}

/** Reads the inputs, compiles the plan and runs it once. */
export function prepare(o: AnalyseOptions): Prepared {
  const inputs = readRunInputs(o);
  const plan = compileRun(inputs, { edition: o.edition, ...(o.firstEdition ? { firstEdition: o.firstEdition } : {}) });
  const result = plan.run();
  return { inputs, plan, result, sampleData: isSampleData(inputs.observations), unitName: (c) => inputs.registry.name(c, o.lang) };
}

/** What an analysis produced: tables (written as CSV with BOM), JSON documents, console lines. */
export interface AnalysisOutput {
  /** file name (without extension) → rows, first row the header. */
  tables: Record<string, unknown[][]>;
  /** file name (without extension) → JSON value. */
  json?: Record<string, unknown>;
  /** Other files by name (charts as SVG…). */
  files?: Record<string, string>;
  /** Lines printed on stdout. */
  lines: string[];
  /** What the manifest records beyond the run (seed, samples, spec, timings…). */
  manifest?: Record<string, unknown>;
}

const BOM = '\ufeff';

/** Files of one analysis: its tables as CSV, its JSON, manifest.json (and the sample notice). */
export function analysisFiles(kind: string, p: Prepared, out: AnalysisOutput): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, rows] of Object.entries(out.tables)) files[`${name}.csv`] = BOM + toCsv(rows);
  for (const [name, value] of Object.entries(out.json ?? {})) files[`${name}.json`] = JSON.stringify(value, null, 2) + '\n';
  Object.assign(files, out.files ?? {});
  const run = runManifest({
    framework: p.inputs.framework,
    frameworkFile: p.inputs.fwFile,
    recipe: { ...(p.inputs.chosen.file ? { file: p.inputs.chosen.file } : { builtin: p.inputs.chosen.builtin! }), spec: p.inputs.recipe },
    data: p.inputs.files,
    result: p.result,
    sampleData: p.sampleData,
  });
  files['manifest.json'] = JSON.stringify({ analysis: { kind, ...(out.manifest ?? {}) }, ...run }, null, 2) + '\n';
  if (p.sampleData) files['SAMPLE-DATA.txt'] = sampleNotice();
  return files;
}

/** Writes an analysis into its output folder, whole or not at all. */
export function writeAnalysis(dir: string, files: Record<string, string>): void {
  writeFilesAtomically(dir, files, Object.keys(files).concat('SAMPLE-DATA.txt'));
}
