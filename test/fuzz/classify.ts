/**
 * Classifies what a case got against what it must get (see {@link Expect}): pure, so the rules
 * are tested on their own.
 */
import type { FuzzCase, OutcomeLabel, RunDigest, RunOutcome, Verdict } from './types.ts';

/** The longest error message that is still "one clear message" (a cycle of 10 000 nodes must not list them all). */
export const MAX_MESSAGE = 20_000;

/** Patterns of a place in a message: `file:line`, row/line/column/field words, `[node]`, a field path after the file. */
const PLACE = [
  /:\d+/,
  /\b(rows?|lines?|columns?|fields?|bytes?|offset|position|index|key)\b/i,
  /\[[^\]\n]{1,120}\]/,
  /\.(csv|json|ya?ml|txt)\s+[\w$.[\]-]+:/i,
  // a field path after the file: `recipe.json weights.set.P1`
  /\.(csv|json|ya?ml|txt)\s+[\w$-]+(\.[\w$-]+)+/i,
  /第\s*\d+\s*[行列]/,
];

/** A cell an office suite would take for a formula: starts with = + - @ TAB CR and is not a plain number. */
export function unsafeCell(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cell);
}

/** Whether a message names a place. */
export function namesPlace(message: string): boolean {
  return PLACE.some((re) => re.test(message));
}

/** Whether a message names one of the culprits (as given, or its last path part). */
export function namesCulprit(message: string, culprits: readonly string[]): boolean {
  if (!culprits.length) return true;
  return culprits.some((c) => message.includes(c) || message.includes(c.split('/').at(-1)!));
}

/** The first difference of two digests (keyed by edition, unit and node), or '' when they agree bit for bit. */
export function digestDifference(base: RunDigest, got: RunDigest, renamed: Record<string, string> = {}): string {
  if (base.editions.join() !== got.editions.join()) return `editions ${got.editions.join(',')} instead of ${base.editions.join(',')}`;
  const gotUnits = new Map(got.units.map((u, i) => [u, i]));
  if (got.units.length !== base.units.length || base.units.some((u) => !gotUnits.has(u))) return `units ${got.units.length} (${got.units.slice(0, 5).join(',')}…) instead of ${base.units.length}`;
  const cells = base.editions.length * base.units.length;
  const gotNode = new Map(got.nodes.map((n, i) => [Object.hasOwn(renamed, n) ? renamed[n]! : n, i]));
  const gu = base.units.map((u) => gotUnits.get(u)!);
  for (let n = 0; n < base.nodes.length; n++) {
    const node = base.nodes[n]!;
    const gn = gotNode.get(node);
    if (gn === undefined) return `node ${node} missing`;
    for (let e = 0; e < base.editions.length; e++) {
      for (let u = 0; u < base.units.length; u++) {
        const b = n * cells + e * base.units.length + u;
        const g = gn * cells + e * got.units.length + gu[u]!;
        if (!Object.is(base.scores[b], got.scores[g])) return `score ${node} ${base.units[u]} ${base.editions[e]}: ${got.scores[g]} instead of ${base.scores[b]}`;
        if (!Object.is(base.ranks[b], got.ranks[g])) return `rank ${node} ${base.units[u]} ${base.editions[e]}: ${got.ranks[g]} instead of ${base.ranks[b]}`;
      }
    }
  }
  return '';
}

/** Warnings and notices of `got` that the base run does not have. */
export function newWarnings(base: RunDigest, got: RunDigest): string[] {
  const seen = new Set([...base.warnings, ...base.notices]);
  return [...got.warnings, ...got.notices].filter((w) => !seen.has(w));
}

const firstLine = (s: string): string => s.split('\n')[0]!.slice(0, 300);

/** The verdict on one case. */
export function classify(c: FuzzCase, outcome: RunOutcome, baseline: RunDigest | undefined): Verdict {
  const v = (label: OutcomeLabel, why = ''): Verdict => ({ index: c.index, mutator: c.mutator, label, ms: outcome.ms, why, description: c.description });
  switch (outcome.kind) {
    case 'hang':
      return v('hang', `no answer after ${Math.round(outcome.ms)} ms`);
    case 'oom':
      return v('oom', outcome.message);
    case 'died':
      return v('crash', `worker died: ${outcome.message}`);
    case 'error': {
      if (!outcome.clean) return v('crash', `${outcome.name}: ${firstLine(outcome.message)}${outcome.stack ? ` @ ${outcome.stack.split('\n').slice(1, 3).join(' ').trim()}` : ''}`);
      if (c.expect === 'same') return v('refused', `a harmless rewrite was refused: ${firstLine(outcome.message)}`);
      const lacks: string[] = [];
      if (!namesCulprit(outcome.message, c.culprits)) lacks.push(`names none of ${c.culprits.join(', ')}`);
      if (c.needPlace && !namesPlace(outcome.message)) lacks.push('names no place (row, line, column, node, field)');
      if (c.needWords && !new RegExp(c.needWords, 'i').test(outcome.message)) lacks.push(`does not say /${c.needWords}/`);
      if (outcome.message.length > MAX_MESSAGE) lacks.push(`is ${outcome.message.length} characters long`);
      if (/\[object Object\]|\bundefined\b/.test(outcome.message) && !/undefined|object/i.test(c.description)) lacks.push('shows undefined or [object Object]');
      return lacks.length ? v('vague', `the error ${lacks.join('; ')}: ${firstLine(outcome.message)}`) : v('error');
    }
    case 'ok': {
      if (outcome.problems.length) return v('unsafe-output', outcome.problems.slice(0, 3).join('; '));
      if (!outcome.digest || !baseline) return c.expect === 'error' ? v('ignored', 'accepted; must be refused') : v('same');
      const diff = digestDifference(baseline, outcome.digest, c.renamed);
      const fresh = newWarnings(baseline, outcome.digest);
      const warned = fresh.length > 0;
      const said = warned ? ` (warned: ${firstLine(fresh[0]!)})` : '';
      switch (c.expect) {
        case 'same':
          return diff ? v('silent', `a harmless rewrite changed the result: ${diff}${said}`) : v('same');
        case 'report':
          return !diff ? v('same') : warned ? v('warned') : v('silent', `changed without a warning: ${diff}`);
        case 'notice':
          return warned ? v('warned') : diff ? v('silent', `changed without a warning: ${diff}`) : v('ignored', 'accepted without a word; must be refused or warned about');
        case 'effect':
          return diff ? v(warned ? 'warned' : 'changed') : warned ? v('warned') : v('ignored', 'the edit has no effect and nothing says so');
        case 'error':
          return v(diff && !warned ? 'silent' : 'ignored', `accepted; must be refused${diff ? ` (${diff})` : ''}${said}`);
        case 'any':
          return !diff ? v('same') : v(warned ? 'warned' : 'changed');
      }
    }
  }
}
