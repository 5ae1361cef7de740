import { relative } from 'node:path';
import type { EvaluationResult, Framework, ResolvedRecipe } from '../core/index.ts';
import { ROOT } from './paths.ts';
import { sha256File, type DataFileInfo } from './read.ts';
import { softwareVersion } from './write.ts';

/** What a run manifest records. */
export interface RunManifestInput {
  framework: Framework;
  /** The framework file read. */
  frameworkFile: string;
  /** The recipe file or the built-in recipe name, and the resolved recipe the run used. */
  recipe: ({ file: string } | { builtin: string }) & { spec: ResolvedRecipe };
  data: DataFileInfo[];
  result: EvaluationResult;
  sampleData: boolean;
  /** Creation time (default: now, or SOURCE_DATE_EPOCH: {@link runTime}). */
  createdAt?: Date;
}

/**
 * The time a run records: now, or the time SOURCE_DATE_EPOCH (whole seconds since 1970, the
 * reproducible-builds convention) sets, so that two runs of the same inputs write identical files.
 */
export function runTime(): Date {
  const s = process.env.SOURCE_DATE_EPOCH;
  return s !== undefined && /^\d{1,12}$/.test(s) ? new Date(Number(s) * 1000) : new Date();
}

/** A path relative to the installation when it lies inside it, else as given. */
function rel(f: string): string {
  const r = relative(ROOT, f);
  return r.startsWith('..') ? f : r;
}

/**
 * The run manifest (manifest.json): software version, time, framework and recipe (with SHA-256
 * of their files, and the resolved recipe itself), data files with hashes and row counts, the
 * editions and data years, bounds, effective weights and every warning — enough to repeat and
 * audit the run.
 */
export function runManifest(m: RunManifestInput): Record<string, unknown> {
  const { framework, result } = m;
  return {
    software: { name: 'ipindex', version: softwareVersion(), node: process.version },
    createdAt: (m.createdAt ?? runTime()).toISOString(),
    sampleData: m.sampleData,
    framework: { id: framework.id, version: framework.version, file: rel(m.frameworkFile), sha256: sha256File(m.frameworkFile) },
    recipe: { ...('file' in m.recipe ? { file: rel(m.recipe.file), sha256: sha256File(m.recipe.file) } : { builtin: m.recipe.builtin }), spec: m.recipe.spec },
    data: m.data.map((f) => ({ ...f, file: rel(f.file) })),
    firstEdition: result.firstEdition,
    baseEdition: result.baseEdition,
    editions: result.editions,
    dataYears: result.dataYears,
    units: result.units.length,
    nodes: result.nodes.length,
    bounds: result.bounds,
    weights: result.weights,
    warnings: result.warnings,
  };
}
