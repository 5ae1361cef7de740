import { IpIndexError, RecipeError } from '../../errors.ts';
import type { Framework } from '../../framework/types.ts';
import type { Grouping } from '../../panel/groupings.ts';
import { compile } from '../../plan/compile.ts';
import type { Plan } from '../../plan/plan.ts';
import type { EvaluationResult } from '../../plan/result.ts';
import { schemeOf } from '../../plan/weight-schemes.ts';
import type { ResolvedRecipe } from '../../recipe/types.ts';

/** How removing one node moves the ranks of the index in one edition. */
export interface RemovalEffect {
  /** The node removed. */
  node: string;
  /** The node taken out of the tree: the node itself, or its highest ancestor that has no other child. */
  removed: string;
  /** Mean and largest |rank without the node − nominal rank| over the units ranked in both. */
  meanAbsRankShift: number;
  maxRankShift: number;
  /** Units compared. */
  n: number;
  /** `zero-weight`: a re-run of the plan with the node's weight 0 (exactly the removal under this recipe); `recompiled`: a plan compiled without the node. */
  method: 'zero-weight' | 'recompiled';
  /** Why the removal could not be evaluated (then the shifts are NaN), e.g. an AHP matrix that names it. */
  note?: string;
}

/** Options of {@link removalEffects}. */
export interface RemovalOptions {
  /** The edition whose ranks are compared (default: the result's last). */
  edition?: number;
  /** Nodes to remove one at a time (default: every node below the root). */
  nodes?: string[];
  /** Groupings of the units, when the recipe imputes by group (`missing.grouping`). */
  groupings?: Grouping[];
}

/** Weight schemes that give each remaining child the same weight whether or not a sibling is there. */
const SIBLING_FREE = new Set(['framework', 'equal', 'leaf-count', 'child-count']);

/**
 * Whether a zero weight on node `at` gives exactly the evaluation of the framework without it:
 * missing children are dropped (not filled with the row mean, which a zero-weight child still
 * enters); its parent's scheme weighs each remaining child alone (framework, equal, leaf-count,
 * child-count — or every sibling has an explicit weight); and no ancestor weighs the path's child
 * by the indicators or children below it (leaf-count, child-count), which the removal changes.
 */
export function zeroWeightRemoves(plan: Plan, at: number): boolean {
  const c = plan.compiled;
  const recipe = c.recipe;
  const tree = c.tree;
  if (recipe.missing.aggregate !== 'drop') return false;
  const set = recipe.weights.set;
  const code = tree.codes[at]!;
  const p = tree.parent[at]!;
  const parent = tree.nodes[p]!;
  const allSet = parent.children.every((ch) => ch === code || set[ch] !== undefined);
  if (!allSet && !SIBLING_FREE.has(schemeOf(recipe, parent))) return false;
  for (let q = p, g = tree.parent[p]!; g >= 0; q = g, g = tree.parent[g]!) {
    const s = schemeOf(recipe, tree.nodes[g]!);
    const explicit = set[tree.codes[q]!] !== undefined;
    if (!explicit && (s === 'leaf-count' || (s === 'child-count' && q === p))) return false;
  }
  return true;
}

/** The framework without node `code` and the nodes below it. */
export function withoutNode(fw: Framework, code: string): Framework {
  const drop = new Set<string>();
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const add = (c: string): void => {
    drop.add(c);
    for (const k of byCode.get(c)?.children ?? []) add(k);
  };
  add(code);
  const parent = byCode.get(code)?.parent;
  return { ...fw, nodes: fw.nodes.filter((n) => !drop.has(n.code)).map((n) => (n.code === parent ? { ...n, children: n.children.filter((c) => c !== code) } : n)) };
}

/** The recipe without the settings of the nodes dropped. */
function recipeWithout(recipe: ResolvedRecipe, fw: Framework): ResolvedRecipe {
  const codes = new Set(fw.nodes.map((n) => n.code));
  const keep = <T>(o: Record<string, T> | undefined): Record<string, T> => Object.fromEntries(Object.entries(o ?? {}).filter(([k]) => codes.has(k)));
  const n = recipe.normalisation;
  return {
    ...recipe,
    normalisation: { ...n, ...(n.bounds ? { bounds: keep(n.bounds) } : {}), ...(n.byIndicator ? { byIndicator: keep(n.byIndicator) } : {}) },
    treatment: { ...recipe.treatment, ...(recipe.treatment.byIndicator ? { byIndicator: keep(recipe.treatment.byIndicator) } : {}) },
    weights: { ...recipe.weights, set: keep(recipe.weights.set), byNode: keep(recipe.weights.byNode), ahp: keep(recipe.weights.ahp) },
    aggregation: { ...recipe.aggregation, byNode: keep(recipe.aggregation.byNode) },
  };
}

/**
 * The effect of removing each node on the ranks of the index in one edition: the mean and the
 * largest absolute rank shift over the units. The plan's compiled evaluation is re-run with the
 * node's weight 0 where that is exactly the removal ({@link zeroWeightRemoves}; a node that is
 * its parent's only child takes that parent with it), else a plan is compiled without the node
 * over the same units. Reference: OECD/JRC Handbook (2008) §7 (excluding one indicator at a time);
 * Saisana, Saltelli & Tarantola (2005), J. R. Stat. Soc. A 168(2), 307–323.
 * @throws RecipeError for an edition not in the result or a node not in the framework
 */
export function removalEffects(plan: Plan, result: EvaluationResult, options: RemovalOptions = {}): RemovalEffect[] {
  const c = plan.compiled;
  const tree = c.tree;
  const root = tree.codes[tree.root]!;
  const edition = options.edition ?? result.editions[result.editions.length - 1]!;
  const e = result.editions.indexOf(edition);
  if (e < 0) throw new RecipeError(`removal: edition ${edition} is not in the result (editions ${result.editions.join(', ')})`);
  const U = result.units.length;
  const nominal = result.ranks[root]!.subarray(e * U, (e + 1) * U);
  const codes = options.nodes ?? tree.codes.filter((_, i) => i !== tree.root);
  const out: RemovalEffect[] = [];
  for (const code of codes) {
    let at = tree.index.get(code);
    if (at === undefined || at === tree.root) throw new RecipeError(`removal: ${code} is not a node below the root of framework ${c.framework.id}`);
    while (tree.parent[at]! !== tree.root && tree.childCount[tree.parent[at]!] === 1) at = tree.parent[at]!;
    if (tree.parent[at]! === tree.root && tree.childCount[tree.root] === 1) continue; // removing it leaves no index
    const removed = tree.codes[at]!;
    let ranks: ArrayLike<number>;
    let method: RemovalEffect['method'];
    if (zeroWeightRemoves(plan, at)) {
      const r = plan.rerun({ weights: { [removed]: 0 }, editions: [edition] });
      const k = r.editions.indexOf(edition);
      ranks = r.ranks[root]!.subarray(k * U, (k + 1) * U);
      method = 'zero-weight';
    } else {
      method = 'recompiled';
      let r: EvaluationResult;
      try {
        const fw = withoutNode(c.framework, removed);
        r = compile(fw, recipeWithout(c.recipe, fw), c.cube, { edition: c.editions[c.editions.length - 1]!, firstEdition: c.firstEdition, units: c.units.slice(), ...(options.groupings ? { groupings: options.groupings } : {}) }).run();
      } catch (err) {
        if (!(err instanceof IpIndexError)) throw err;
        out.push({ node: code, removed, meanAbsRankShift: NaN, maxRankShift: NaN, n: 0, method, note: `the framework without ${removed} cannot be evaluated with this recipe: ${err.message}` });
        continue;
      }
      const k = r.editions.indexOf(edition);
      const full = new Float64Array(U).fill(NaN);
      r.units.forEach((unit, i) => {
        const u = result.units.indexOf(unit);
        if (u >= 0) full[u] = r.ranks[root]![k * r.units.length + i]!;
      });
      ranks = full;
    }
    let sum = 0;
    let max = 0;
    let n = 0;
    for (let u = 0; u < U; u++) {
      const a = nominal[u]!;
      const b = ranks[u]!;
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      const d = Math.abs(b - a);
      sum += d;
      max = Math.max(max, d);
      n++;
    }
    out.push({ node: code, removed, meanAbsRankShift: n ? sum / n : NaN, maxRankShift: n ? max : NaN, n, method });
  }
  return out;
}
