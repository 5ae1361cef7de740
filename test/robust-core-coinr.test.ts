/**
 * Issue 7 (robustness), part B: COINr's Unit column is free text. Now that every unit of a
 * framework is checked, an import declares the texts the unit model does not know as custom
 * units of the framework (so `Thousand seats` stays the unit shown), and refuses a text that
 * cannot be a unit (a spreadsheet formula, control characters), naming the iMeta row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FrameworkError, parseCsv, parseFramework } from '../src/core/index.ts';
import { coinrToFramework } from '../src/core/formats/coinr.ts';
import { stringify } from 'yaml';

const iMeta = (): string[][] => parseCsv(readFileSync(new URL('./fixtures/coinr-asem/ASEM_iMeta.csv', import.meta.url), 'utf8'));

test('ASEM: the Unit texts ipindex does not know become custom_units; those it knows do not', () => {
  const { raw, framework } = coinrToFramework(iMeta(), { file: 'ASEM_iMeta.csv' });
  const texts = new Set(iMeta().slice(1).map((r) => r[5]!).filter((u) => u !== 'NA'));
  // every distinct text but "1" (dimensionless, known), in the order of the tree
  assert.deepEqual(new Set(raw.custom_units), new Set([...texts].filter((u) => u !== '1')));
  assert.ok(raw.custom_units!.includes('Thousand seats'));
  assert.deepEqual(framework.customUnits, raw.custom_units);
  assert.equal(framework.nodes.find((n) => n.code === 'Flights')!.unit, 'Thousand seats');
  // what the import writes parses back as it is
  const again = parseFramework(stringify(raw), 'framework.yaml');
  assert.deepEqual(again.customUnits, raw.custom_units);
});

test('a Unit that cannot be a unit is refused with the iMeta row', () => {
  const t = iMeta();
  const row = t.findIndex((r) => r[1] === 'Flights');
  t[row]![5] = "=cmd|' /C calc'!A0";
  const t2 = iMeta();
  t2[row]![5] = 'seats\u001b[31m';
  for (const [table, re] of [
    [t, /ASEM_iMeta\.csv row 3 \(iCode Flights\): Unit: custom unit "=cmd\|' \/C calc'!A0" must not start with = \+ - or @/],
    [t2, /ASEM_iMeta\.csv row 3 \(iCode Flights\): Unit: custom unit "seats\\u001b\[31m" holds control characters/],
  ] as const) {
    assert.throws(() => coinrToFramework(table as string[][], { file: 'ASEM_iMeta.csv' }), (e: Error) => e instanceof FrameworkError && re.test(e.message), String(re));
  }
});
