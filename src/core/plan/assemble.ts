import { WarningSink } from '../warnings.ts';
import type { Compiled } from './compiled.ts';
import type { EvaluationResult } from './result.ts';
import type { RunState } from './state.ts';

/**
 * A result from a run's state: every editon, or only those given (as edition indices). Warnings
 * come in the order of the stages that raised them: unit selection, imputation, treatment,
 * normalisation, aggregation, and indices that could not be computed.
 */
export function assembleResult(c: Compiled, s: RunState, only?: readonly number[]): EvaluationResult {
  const U = c.units.length;
  const E = c.editions.length;
  const slice = only && !(only.length === E && only.every((e, i) => e === i)) ? only : undefined;
  const cut = (a: Float64Array): Float64Array => {
    if (!slice) return a;
    const out = new Float64Array(slice.length * U);
    slice.forEach((e, i) => out.set(a.subarray(e * U, (e + 1) * U), i * U));
    return out;
  };
  const cutFlags = (a: (string | undefined)[]): (string | undefined)[] => (slice ? slice.flatMap((e) => a.slice(e * U, (e + 1) * U)) : a);

  const values: Record<string, Float64Array> = {};
  const flags: Record<string, (string | undefined)[]> = {};
  const scores: Record<string, Float64Array> = {};
  const bounds: Record<string, [number, number]> = {};
  const weights: Record<string, number> = {};
  const ranks: Record<string, Float64Array> = {};
  c.leaves.forEach((l, i) => {
    const st = s.leaves[i]!;
    values[l.node.code] = cut(st.values);
    flags[l.node.code] = cutFlags(st.flags);
  });
  c.leaves.forEach((l, i) => {
    const st = s.leaves[i]!;
    scores[l.node.code] = cut(st.scores);
    if (st.bounds) bounds[l.node.code] = st.bounds;
  });
  c.aggregates.forEach((a, i) => {
    const st = s.aggregates[i]!;
    a.node.children.forEach((ch, k) => (weights[ch] = st.weights[k]!));
    scores[a.node.code] = cut(st.scores);
  });
  // ranks are computed when first read, then kept as a plain property
  c.tree.codes.forEach((code, at) => {
    Object.defineProperty(ranks, code, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = cut(s.ranks.get(at));
        Object.defineProperty(ranks, code, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  });

  const editions = slice ? slice.map((e) => c.editions[e]!) : c.editions;
  const dataYears = slice ? slice.map((e) => c.dataYears[e]!) : c.dataYears;
  return {
    recipe: c.recipe,
    firstEdition: c.firstEdition,
    baseEdition: c.baseEdition,
    framework: { id: c.framework.id, version: c.framework.version },
    editions: [...editions],
    dataYears: [...dataYears],
    units: [...c.units],
    nodes: [...c.tree.codes],
    values,
    scores,
    ranks,
    flags,
    bounds,
    weights,
    warnings: warningsOf(c, s, scores[c.framework.root]!, editions),
  };
}

function warningsOf(c: Compiled, s: RunState, root: Float64Array, editions: readonly number[]): EvaluationResult['warnings'] {
  const sink = new WarningSink();
  for (const w of c.selectionWarnings) sink.add(w.code, w.path, w.message);
  const filled = new Map<string, Map<string, string[]>>(); // method → code → cells
  c.leaves.forEach((l, i) => {
    for (const [method, cells] of s.leaves[i]!.notes) {
      let m = filled.get(method);
      if (!m) filled.set(method, (m = new Map()));
      const list = m.get(l.node.code);
      if (list) list.push(...cells);
      else m.set(l.node.code, [...cells]);
    }
  });
  const some = (list: string[]): string => `${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}`;
  const plural = (k: number): string => `${k} value${k > 1 ? 's' : ''}`;
  for (const [method, byCode] of filled) {
    for (const [code, list] of byCode) {
      if (method === 'carry-forward') sink.add('carried-forward', code, `${code}: ${plural(list.length)} carried forward from an earlier year (${some(list)})`);
      else sink.add('imputed', code, `${code}: ${plural(list.length)} imputed by ${method} (${some(list)})`);
    }
  }
  c.leaves.forEach((l, i) => {
    const list = s.leaves[i]!.missing;
    if (list.length) sink.add('missing-dropped', l.node.code, `${l.node.code}: ${plural(list.length)} still missing after imputation (${some(list)}); dropped from aggregation with weights renormalised`);
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
