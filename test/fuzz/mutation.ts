/** What a mutator returns, and the hostile strings several mutators share. */
import type { Base, Bases } from './bases.ts';
import type { Rng } from './rng.ts';
import type { BaseId, Expect, RunSpec } from './types.ts';

/** One mutated input set and what it must get. */
export interface Mutation {
  description: string;
  expect: Expect;
  /** Case files; the base data file `data.csv` is added unless a file of that role is given. */
  files: Record<string, string | Uint8Array>;
  /** Overrides of the base run (framework, data, recipe, edition…). */
  run?: Partial<RunSpec>;
  /** Names an error must mention (case file names or argument strings). */
  culprits: string[];
  /** Whether an error must name a place too (default true). */
  needPlace?: boolean;
  /** A pattern (source) the error message must match, e.g. the encoding for a decoding error. */
  needWords?: string;
  renamed?: Record<string, string>;
  checkOutFolder?: boolean;
  /** A sub-family shown in the table after the mutator's name (`fw:formula/times-zero`). */
  variant?: string;
}

/** A family of mutations. */
export interface Mutator {
  name: string;
  /** Relative frequency in a run. */
  weight: number;
  /** Bases it applies to. */
  bases: readonly BaseId[];
  make(rng: Rng, base: Base, bases: Bases): Mutation;
}

/**
 * Text an office suite would evaluate as a formula, or a terminal would obey: must reach the
 * output files neutralised and the terminal without control characters.
 */
export const HOSTILE_TEXT = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://example.com","x")',
  '=1+1\n=2+2',
  '\u001b[31mred\u001b[0m',
  'bell\u0007',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '-',
  '"quoted", with comma',
] as const;

/** Names that are members of every JavaScript object: must never be taken for a built-in or a code. */
export const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable'] as const;

/**
 * Bytes a byte flip must not produce, since they could make another valid number: the characters
 * of numbers, and spaces and tabs (a digit turned into a space at either end of a cell is trimmed
 * away: `12345` → `1234 ` reads 1234).
 */
export const NUMERIC_BYTES = new Set([...'0123456789.+-eExXoO_ \t'].map((c) => c.charCodeAt(0)));
