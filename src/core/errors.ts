/**
 * Typed errors. Every error names what a user must fix: the file, line/row, field, unit or
 * indicator, and what was expected.
 */

/** One located problem: used to report many problems at once. */
export interface Problem {
  /** File name or other source label, if known. */
  file?: string;
  /** 1-based line (YAML) or row (CSV, counting the header as row 1). */
  line?: number;
  /** Column/field name. */
  field?: string;
  /** Framework node / indicator / variable code. */
  node?: string;
  /** What is wrong and what was expected. */
  message: string;
}

/** Formats a problem as `file:line [node] field: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  const parts: string[] = [];
  if (where) parts.push(where);
  if (p.node) parts.push(`[${p.node}]`);
  if (p.field) parts.push(`${p.field}:`);
  parts.push(p.message);
  return parts.join(' ');
}

/** How many problems an error message lists (all are kept in `problems`). */
const MAX_SHOWN = 20;

/** Base class of every error ipindex throws on purpose. */
export class IpIndexError extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    const shown = problems.slice(0, MAX_SHOWN).map((p) => '  - ' + formatProblem(p));
    if (problems.length > MAX_SHOWN) shown.push(`  … and ${problems.length - MAX_SHOWN} more`);
    super(problems.length ? `${message}\n${shown.join('\n')}` : message);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/** A framework definition is invalid (unknown parent, cycle, bad formula, units…). */
export class FrameworkError extends IpIndexError {}
/** A data file is invalid (bad value, unknown unit, duplicate row…). */
export class DataError extends IpIndexError {}
/** A recipe (pipeline specification) is invalid. */
export class RecipeError extends IpIndexError {}
/** The run's editions include data years with no data at all (the first edition too early, or the edition too late). */
export class EditionsWithoutDataError extends RecipeError {}
/** A method was called with invalid input or parameters. */
export class MethodError extends IpIndexError {}
/** A formula cannot be parsed or its units do not compose. */
export class FormulaError extends IpIndexError {}
/** A unit string cannot be parsed. */
export class UnitError extends IpIndexError {}
