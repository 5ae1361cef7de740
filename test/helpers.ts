import { readFileSync } from 'node:fs';
import { Panel, parseFramework, parseTidyCsv, type Framework } from '../src/core/index.ts';

/** Reads a file next to the tests. */
export const fixture = (path: string): string => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');
export const frameworkFile = (name: string): Framework => parseFramework(readFileSync(new URL(`../frameworks/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
export const worked = (): Framework => parseFramework(fixture('worked/framework.yaml'), 'worked/framework.yaml');
export const panelOf = (csv: string): Panel => new Panel(parseTidyCsv(csv));
/** Absolute difference check with a message. */
export function close(actual: number | null | undefined, expected: number, tol = 1e-9, what = ''): void {
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, got ${actual}`);
  }
}
