import { WarningSink } from '../warnings.ts';
import type { Compiled } from './compiled.ts';
import type { EvaluationResult } from './result.ts';
import type { RunState } from './state.ts';
import { describeFilled, flagsOf, stepMethod } from './impute-stage.ts';
import { DIRECT, type Arena } from './arena.ts';

/**
 * A result from a run's state: every edition, or only those given (as edition indices). Warnings
 * come in the order of the stages that raised them: unit selection, imputation, treatment,
 * normalisation, aggregation, and indices that could not be computed.
 */
export function assembleResult(c: Compiled, s: RunState, only?: readonly number[], arena: Arena = DIRECT): EvaluationResult {
  const E = c.editions.length;
  const slice = only && !(only.length === E && only.every((e, i) => e === i)) ? only : undefined;
  const ctx: Ctx = { c, s, arena, ...(slice ? { slice } : {}) };
  const cut = (a: Float64Array): Float64Array => cutEditions(ctx, a);

  const bounds: Record<string, [number, number]> = {};
  const weights: Record<string, number> = {};
  c.leaves.forEach((l, i) => {
    const b = s.leaves[i]!.bounds;
    if (b) bounds[l.node.code] = b;
  });
  c.aggregates.forEach((a, i) => a.node.children.forEach((ch, k) => (weights[ch] = s.aggregates[i]!.weights[k]!)));
  const makeValues = (): Record<string, Float64Array> => {
    const values: Record<string, Float64Array> = {};
    c.leaves.forEach((l, i) => (values[l.node.code] = cut(s.leaves[i]!.values)));
    return values;
  };
  const makeScores = (): Record<string, Float64Array> => {
    const scores: Record<string, Float64Array> = {};
    c.leaves.forEach((l, i) => (scores[l.node.code] = cut(s.leaves[i]!.scores)));
    c.aggregates.forEach((a, i) => (scores[a.node.code] = cut(s.aggregates[i]!.scores)));
    return scores;
  };
  const editions = slice ? slice.map((e) => c.editions[e]!) : c.editions;
  const dataYears = slice ? slice.map((e) => c.dataYears[e]!) : c.dataYears;
  const result: Omit<EvaluationResult, 'warnings' | 'ranks' | 'flags' | 'values' | 'scores'> = {
    recipe: c.recipe,
    firstEdition: c.firstEdition,
    baseEdition: c.baseEdition,
    framework: { id: c.framework.id, version: c.framework.version },
    editions: [...editions],
    dataYears: [...dataYears],
    units: [...c.units],
    nodes: [...c.tree.codes],
    bounds,
    weights,
  };
  const r = result as unknown as Record<string, unknown>;
  // values and scores are the state's own arrays; only a result of some editions copies them,
  // when first read. Ranks, flags and warnings are made when first read: a what-if or a Monte
  // Carlo replication reads the ranks of a few nodes (a re-run ranks only those it changed).
  if (slice) {
    lazy(r, 'values', makeValues);
    lazy(r, 'scores', makeScores);
  } else {
    r.values = makeValues();
    r.scores = makeScores();
  }
  lazy(r, 'ranks', () => {
    const ranks: Record<string, Float64Array> = {};
    c.tree.codes.forEach((code, at) => (ranks[code] = cut(s.ranks.get(at))));
    return ranks;
  });
  // the data sets between the steps, where the recipe has the step (COINr's Treated, Denominated)
  if (c.recipe.treatment.method !== 'none' || Object.keys(c.recipe.treatment.byIndicator ?? {}).length) {
    lazy(r, 'treated', () => {
      const treated: Record<string, Float64Array> = {};
      c.leaves.forEach((l, i) => (treated[l.node.code] = cut(s.leaves[i]!.treated ?? s.leaves[i]!.values)));
      return treated;
    });
  }
  if (c.recipe.denominate) {
    lazy(r, 'denominated', () => {
      const U = c.units.length;
      const first = c.editionRow[0]!;
      const out: Record<string, Float64Array> = {};
      c.leaves.forEach((l, i) => {
        const t = s.leaves[i]!.denominated ?? s.leaves[i]!.derived;
        out[l.node.code] = cut(t.subarray(first * U, (first + c.editions.length) * U));
      });
      return out;
    });
  }
  lazy(r, 'flags', () => {
    const flags: Record<string, (string | undefined)[]> = {};
    c.leaves.forEach((l, i) => (flags[l.node.code] = cutFlags(ctx, leafFlags(ctx, i))));
    return flags;
  });
  lazy(r, 'warnings', () => warningsOf(c, s, (r.scores as Record<string, Float64Array>)[c.framework.root]!, editions));
  return result as EvaluationResult;
}

/** What the lazy properties of one result read from. */
interface Ctx {
  c: Compiled;
  s: RunState;
  arena: Arena;
  /** Edition indices, when the result has only some editions. */
  slice?: readonly number[];
}

/** The result's editions of an edition-major array. */
function cutEditions(ctx: Ctx, a: Float64Array): Float64Array {
  if (!ctx.slice) return a;
  const U = ctx.c.units.length;
  const out = ctx.arena.f64(ctx.slice.length * U);
  ctx.slice.forEach((e, i) => out.set(a.subarray(e * U, (e + 1) * U), i * U));
  return out;
}

function cutFlags(ctx: Ctx, a: (string | undefined)[]): (string | undefined)[] {
  const U = ctx.c.units.length;
  return ctx.slice ? ctx.slice.flatMap((e) => a.slice(e * U, (e + 1) * U)) : a;
}

/** An indicator's flags, made once per leaf state. */
function leafFlags(ctx: Ctx, i: number): (string | undefined)[] {
  const st = ctx.s.leaves[i]!;
  return (st.flags ??= flagsOf(ctx.c, st, st.marks));
}

/** A property computed when first read, then kept as a plain one. */
function lazy<T>(obj: Record<string, T>, key: string, make: () => T): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = make();
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

function warningsOf(c: Compiled, s: RunState, root: Float64Array, editions: readonly number[]): EvaluationResult['warnings'] {
  const sink = new WarningSink();
  for (const w of c.selectionWarnings) sink.add(w.code, w.path, w.message);
  // derived values a formula left undefined although its inputs were present
  c.leaves.forEach((l, i) => {
    const cells = s.leaves[i]!.undefinedCells;
    if (!cells?.length) return;
    const shown = cells.slice(0, 6).map((k) => describeFilled(c, k));
    sink.add('formula-undefined', l.node.code, `${l.node.code} = ${l.node.formula ?? ''}: undefined for ${cells.length} cell${cells.length > 1 ? 's' : ''} whose inputs are present (${shown.join(', ')}${cells.length > 6 ? ', …' : ''}): a zero denominator or an overflow; left missing`);
  });
  // imputed cells by method, then indicator, in the order they were filled; only the first six
  // of each list are written out, so only those are made into text
  const filled = new Map<string, Map<string, { count: number; shown: string[] }>>();
  const SHOWN = 6;
  c.leaves.forEach((l, i) => {
    for (const n of s.leaves[i]!.notes) {
      const method = stepMethod(c, n.step);
      let m = filled.get(method);
      if (!m) filled.set(method, (m = new Map()));
      let list = m.get(l.node.code);
      if (!list) m.set(l.node.code, (list = { count: 0, shown: [] }));
      for (let j = 0; j < n.cells.length && list.shown.length < SHOWN + 1; j++) list.shown.push(describeFilled(c, n.cells[j]!, n.from?.[j]));
      list.count += n.cells.length;
    }
  });
  const some = (list: { count: number; shown: string[] }): string => `${list.shown.slice(0, SHOWN).join(', ')}${list.count > SHOWN ? ', …' : ''}`;
  const plural = (k: number): string => `${k} value${k > 1 ? 's' : ''}`;
  for (const [method, byCode] of filled) {
    for (const [code, list] of byCode) {
      if (method === 'carry-forward') sink.add('carried-forward', code, `${code}: ${plural(list.count)} carried forward from an earlier year (${some(list)})`);
      else sink.add('imputed', code, `${code}: ${plural(list.count)} imputed by ${method} (${some(list)})`);
    }
  }
  const U0 = c.units.length;
  c.leaves.forEach((l, i) => {
    const m = s.leaves[i]!.missing;
    if (!m.length) return;
    const shown = m.slice(0, SHOWN).map((k) => `${c.units[k % U0]} ${c.dataYears[Math.floor(k / U0)]}`);
    sink.add('missing-dropped', l.node.code, `${l.node.code}: ${plural(m.length)} still missing after imputation (${shown.join(', ')}${m.length > SHOWN ? ', …' : ''}); dropped from aggregation with weights renormalised`);
  });
  c.leaves.forEach((l, i) => {
    const w = s.leaves[i]!.treatWarning;
    if (w) sink.add('treated', l.node.code, w);
  });
  c.leaves.forEach((l, i) => {
    for (const [code, message] of s.leaves[i]!.normWarnings) sink.add(code, l.node.code, message);
  });
  c.aggregates.forEach((a, i) => {
    for (const [code, message] of s.aggregates[i]!.warnings) sink.add(code, a.node.code, message);
  });
  const U = c.units.length;
  for (let k = 0; k < root.length; k++) {
    if (!Number.isFinite(root[k]!)) sink.add('no-score', c.framework.root, `${c.units[k % U]}, edition ${editions[Math.floor(k / U)]}: no index score (no indicator has data)`);
  }
  return sink.list;
}
