/**
 * The child process of the store's kill trials (test/store-kill-trial.ts): imports one set of
 * observations (a JSON file) as a new vintage of the store, with the import's test pauses, so
 * that the parent can kill it at a random moment of the transaction. Not a test.
 *   node --import tsx test/store-kill-child.ts <store> <observations.json> <pauseMs>
 */
import { readFileSync } from 'node:fs';
import { parseFramework } from '../src/core/framework/parse.ts';
import type { Observation } from '../src/core/panel/types.ts';
import { openStore } from '../src/store/db.ts';
import { importVintage } from '../src/store/vintages.ts';

const [store, obsFile, pause] = process.argv.slice(2) as [string, string, string];
const fwFile = new URL('./fixtures/worked/framework.yaml', import.meta.url).pathname;
const text = readFileSync(fwFile, 'utf8');
const observations = JSON.parse(readFileSync(obsFile, 'utf8')) as Observation[];
const s = await openStore(store, { create: true });
const v = await importVintage(s, { framework: { framework: parseFramework(text, fwFile), text, file: fwFile }, observations, files: [{ file: obsFile, sha256: 'test', rows: observations.length }], slowMs: Number(pause) });
process.stderr.write(`ipindex: test: committed vintage ${v.id}\n`);
s.close();
