/**
 * Writes the regression fixtures under test/fixtures/regression/: the outputs of the sample run
 * (`npm start`) and full evaluation results for a set of recipe variants on the sample data, the
 * COINr ASEM example and the worked example. They were made with the engine as it stood before
 * the evaluation plan (commit ab25430) and are compared bit for bit by test/regression.test.ts.
 * Run only to re-baseline on purpose:  node --import tsx scripts/make-regression-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { regressionCases, resultToJson } from '../test/regression-cases.ts';
import { evaluateFiles } from '../src/cli/evaluate.ts';

const OUT = new URL('../test/fixtures/regression/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

// 1. the sample run's output files, as `npm start` writes them
for (const name of ['cnipa-national', 'cnipa-regional']) {
  const data = join(new URL('../data/sample/', import.meta.url).pathname, name === 'cnipa-national' ? 'national.csv' : 'regional.csv');
  const r = evaluateFiles({ framework: name, data: [data], edition: 2025 });
  const files: Record<string, string> = {};
  for (const [f, text] of Object.entries(r.files)) files[f] = f === 'manifest.json' ? stableManifest(text) : text;
  writeFileSync(join(OUT, `sample-${name}.json.gz`), gzipSync(JSON.stringify(files)));
}

// 2. whole results of recipe variants
const all: Record<string, unknown> = {};
for (const c of regressionCases()) all[c.id] = resultToJson(c.run());
writeFileSync(join(OUT, 'variants.json.gz'), gzipSync(JSON.stringify(all)));
console.log(`wrote ${Object.keys(all).length} variants to ${OUT}`);

/** The manifest without what changes from run to run (time, software version, Node version). */
export function stableManifest(text: string): string {
  const m = JSON.parse(text) as Record<string, unknown>;
  delete m.createdAt;
  delete m.software;
  return JSON.stringify(m, null, 2);
}
