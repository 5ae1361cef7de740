/**
 * The shapes the fuzz suite passes around: a generated case, what a worker reports back, and the
 * classification of an outcome. Plain data (structured-cloneable), so cases cross worker threads.
 */

/**
 * What a mutated input must get:
 * - `same`: a harmless rewrite (CRLF, BOM, quoting, Chinese headers, row order…): success with
 *   results identical to the base run;
 * - `report`: a bad input: a clean error, or success with a new warning/notice, or success with
 *   unchanged results;
 * - `notice`: a bad input that must not pass unnoticed (misspelt keys, implausible units): a clean
 *   error or a new warning/notice;
 * - `effect`: a legitimate edit that must not be silently ignored (a framework weight): changed
 *   results, or a clean error, or a new warning/notice;
 * - `error`: a clean error and nothing else (short rows, cycles, `R18 / POP * 0`…);
 * - `any`: anything but a crash, a hang, an out-of-memory or a vague error (truncation at a line
 *   boundary, legitimate year choices: the result may change).
 */
export type Expect = 'same' | 'report' | 'notice' | 'effect' | 'error' | 'any';

/** The base runs mutations start from; each has a baseline result. */
export type BaseId = 'regional' | 'regional-small' | 'regional-default' | 'national';

/** What a case runs, as the CLI would: file arguments may name case files as `@name`. */
export interface RunSpec {
  /** `check`: `framework check` (loadFramework + its summary); `evaluate`: `evaluate` (evaluateFiles); both in order. */
  commands: ('check' | 'evaluate')[];
  framework: string;
  data: string[];
  recipe?: string;
  edition: number;
  firstEdition?: number;
  groupings?: string;
  /** Output folder (`@name` for one inside the case folder). */
  out?: string;
  lang?: 'zh' | 'en';
}

/** One generated case. */
export interface FuzzCase {
  /** Case number within the run (with the seed, it regenerates the case). */
  index: number;
  /** Mutator name, e.g. `data:byte-flip`. */
  mutator: string;
  /** What was done, for a finding's report (file, row, bytes…). */
  description: string;
  expect: Expect;
  base: BaseId;
  /** Files written into the case folder before the run. */
  files: Record<string, string | Uint8Array>;
  run: RunSpec;
  /** Names (case file names or argument strings) one of which an error message must contain. */
  culprits: string[];
  /** Whether an error must also name a place (row, line, column, node, field path). */
  needPlace: boolean;
  /** A pattern (source, case-insensitive) an error message must match, e.g. the encoding of a decoding error. */
  needWords?: string;
  /** Node codes renamed by the mutation (new → base), so results compare with the base run. */
  renamed?: Record<string, string>;
  /** Output checks on success: the folder `run.out` must hold exactly the run's files. */
  checkOutFolder?: boolean;
}

/** A compact digest of a successful run, compared with the base run's. */
export interface RunDigest {
  editions: number[];
  units: string[];
  nodes: string[];
  /** Scores then ranks, `[node][edition × units + unit]`, flattened in `nodes` order. */
  scores: Float64Array;
  ranks: Float64Array;
  /** `code|path|message` of every warning. */
  warnings: string[];
  /** The CLI's stderr notices. */
  notices: string[];
}

/** What a worker reports for one case. */
export type RunOutcome =
  | { kind: 'ok'; digest?: RunDigest; ms: number; problems: string[] }
  | { kind: 'error'; ms: number; clean: boolean; name: string; message: string; stack?: string }
  | { kind: 'hang'; ms: number }
  | { kind: 'oom'; ms: number; message: string }
  | { kind: 'died'; ms: number; message: string };

/** Outcome labels of the table; the first four are acceptable, the rest are findings. */
export const OUTCOMES = ['same', 'warned', 'changed', 'error', 'crash', 'hang', 'oom', 'silent', 'ignored', 'refused', 'vague', 'unsafe-output'] as const;
export type OutcomeLabel = (typeof OUTCOMES)[number];
export const ACCEPTABLE: ReadonlySet<OutcomeLabel> = new Set(['same', 'warned', 'changed', 'error']);

/** A classified case. */
export interface Verdict {
  index: number;
  mutator: string;
  label: OutcomeLabel;
  ms: number;
  /** Why it is a finding (empty for acceptable outcomes). */
  why: string;
  description: string;
}
