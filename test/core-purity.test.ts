/**
 * Architecture guard: the core runs in the browser (the dashboard's what-if runs on it), so it
 * must bundle for the browser with no Node built-in anywhere in its import graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

test('src/core bundles for the browser without Node built-ins', async () => {
  const r = await build({
    entryPoints: [new URL('../src/core/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  assert.equal(r.errors.length, 0);
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.some((f) => f.endsWith('src/core/recipe/run.ts')));
  // the analyses and chart models are part of the browser's core too
  for (const m of ['analysis/uncertainty/replicate.ts', 'analysis/attribution.ts', 'analysis/coherence/index.ts', 'analysis/gap.ts', 'charts/rank-intervals.ts']) assert.ok(inputs.some((f) => f.endsWith(`src/core/${m}`)), m);
  assert.deepEqual(inputs.filter((f) => !f.startsWith('src/core/') && !f.includes('node_modules/yaml/')), []);
  const size = r.outputFiles[0]!.contents.length;
  assert.ok(size > 50_000, `bundle of ${size} bytes`);
});
