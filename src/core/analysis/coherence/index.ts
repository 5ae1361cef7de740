import { DataError, RecipeError } from '../../errors.ts';
import type { Framework, FrameworkNode } from '../../framework/types.ts';
import type { Grouping } from '../../panel/groupings.ts';
import type { Plan } from '../../plan/plan.ts';
import type { EvaluationResult } from '../../plan/result.ts';
import { cronbachAlpha, firstComponent, pearson, spearman, MIN_PAIRS } from './stats.ts';
import { removalEffects, type RemovalEffect } from './removal.ts';

export { pearson, spearman, averageRanks, covariance, cronbachAlpha, firstComponent, completePairs, type FirstComponent } from './stats.ts';
export { removalEffects, zeroWeightRemoves, withoutNode, type RemovalEffect, type RemovalOptions } from './removal.ts';

/**
 * Statistical coherence of a framework on one edition, as the JRC audits composite indices
 * (COIN; the GII audits): correlations of every node with its parent and ancestors and of siblings,
 * Cronbach's alpha and the first principal component of each aggregate's children, flags for
 * negative and near-duplicate correlations, each node's importance (the correlation ratio) against
 * its nominal weight, and the effect of removing each node on the ranks of the index.
 * Scores are the normalised indicator scores and the aggregates of the run; every statistic uses
 * pairwise complete observations (see ./stats.ts).
 * Reference: OECD/JRC Handbook on Constructing Composite Indicators (2008), §4 and §7;
 * Saisana & Saltelli, JRC statistical audits of the Global Innovation Index (annex to each GII).
 */

/** One pair of nodes compared over the units. */
export interface CorrelationRow {
  a: string;
  b: string;
  /** `<level of a>/<level of b>`: `indicator/sub-pillar`, `pillar/index`, `indicator/indicator`… */
  level: string;
  /** `parent`, `ancestor` (grandparent … the index) or `sibling` (same parent). */
  relation: 'parent' | 'ancestor' | 'sibling';
  pearson: number;
  spearman: number;
  /** Units where both are present. */
  n: number;
}

/** Internal consistency of one aggregate's children. */
export interface GroupCoherence {
  node: string;
  children: string[];
  /** Units where every child is present. */
  complete: number;
  alpha: number;
  /** First principal component of the children's correlation matrix (undefined: fewer than 2 usable children). */
  pca?: { used: string[]; eigenvalues: number[]; share: number; loadings: number[]; correlations: number[] };
}

/**
 * A node's importance in its parent (or in the index) against its nominal weight. The importance is
 * Karl Pearson's correlation ratio S = V(E[y | x])/V(y) of the node x with the aggregate y — the
 * "main effect" the JRC audits compare with the weights — estimated linearly, S = r² (exact when
 * E[y | x] is linear, as it is close to for a weighted mean of correlated scores), and normalised
 * to sum to 1 over the siblings (over all indicators for the index), as the nominal weights are.
 * Reference: Paruolo, Saisana & Saltelli (2013), "Ratings and rankings: voodoo or science?",
 * J. R. Stat. Soc. A 176(3), 609–634; Becker, Saisana, Paruolo & Vandecasteele (2017), "Weights
 * and importance in composite indicators: closing the gap", Ecological Indicators 80, 12–22.
 */
export interface Importance {
  node: string;
  /** The aggregate: the parent, or the index (scope `index`, indicators only). */
  of: string;
  scope: 'parent' | 'index';
  /** Squared Pearson correlation with the aggregate (the linear correlation ratio). */
  r2: number;
  /** r² normalised over the siblings (over every indicator for the index). */
  importance: number;
  /** Nominal effective weight: among the siblings, or the product down the tree for the index. */
  nominal: number;
  /** importance / nominal. */
  ratio: number;
}

/** Something an audit looks at twice. */
export interface CoherenceFlag {
  flag: 'negative-correlation' | 'near-duplicate';
  node: string;
  /** The parent (negative correlation) or the sibling (near-duplicate). */
  other: string;
  /** The aggregate the two belong to. */
  group: string;
  /** The Pearson correlation. */
  value: number;
  threshold: number;
}

/** Options of {@link coherence}. */
export interface CoherenceOptions {
  /** The edition (default: the result's last). */
  edition?: number;
  /** |r| above which two siblings are flagged as near-duplicates (default 0.92). */
  duplicateThreshold?: number;
  /** Compute the removal effects (default true). */
  removal?: boolean;
  /** Groupings of the units, when the recipe imputes by group (for the removal effects). */
  groupings?: Grouping[];
}

/** The coherence audit of one edition. */
export interface Coherence {
  edition: number;
  framework: { id: string; version: string };
  units: string[];
  duplicateThreshold: number;
  correlations: CorrelationRow[];
  groups: GroupCoherence[];
  importance: Importance[];
  flags: CoherenceFlag[];
  removal: RemovalEffect[];
}

const slug = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, '-');

/** The level label of a node: `indicator` for indicators, else the framework's English level name (`level-2` without). */
export function levelLabel(fw: Framework, n: FrameworkNode): string {
  if (n.kind !== 'aggregate') return 'indicator';
  const name = fw.levelNames?.en?.[n.level];
  return name ? slug(name) : `level-${n.level}`;
}

/**
 * The coherence audit of a result's edition.
 * @throws DataError when fewer than 3 units are scored (nothing to correlate), RecipeError for an edition not in the result
 * Usage: `coherence(plan, plan.run(), { edition: 2025 }).groups.find((g) => g.node === 'G11')!.alpha`
 * is the Cronbach's alpha of sub-pillar G11's indicators in the 2025 edition.
 */
export function coherence(plan: Plan, result: EvaluationResult = plan.run(), options: CoherenceOptions = {}): Coherence {
  const fw = plan.compiled.framework;
  const edition = options.edition ?? result.editions[result.editions.length - 1]!;
  const e = result.editions.indexOf(edition);
  if (e < 0) throw new RecipeError(`coherence: edition ${edition} is not in the result (editions ${result.editions.join(', ')})`);
  const threshold = options.duplicateThreshold ?? 0.92;
  if (!(threshold > 0 && threshold <= 1)) throw new RecipeError(`coherence: the near-duplicate threshold must be in (0, 1], got ${threshold}`);
  const U = result.units.length;
  const col = (code: string): Float64Array => result.scores[code]!.subarray(e * U, (e + 1) * U);
  const scored = Array.from(col(fw.root)).filter((x) => Number.isFinite(x)).length;
  if (scored < MIN_PAIRS) {
    throw new DataError(`coherence compares units with each other: edition ${edition} has ${scored} unit${scored === 1 ? '' : 's'} with an index score (${result.units.join(', ')}); it needs at least ${MIN_PAIRS}. A time series (the national index) has no cross-section to audit`);
  }
  const byCode = new Map(fw.nodes.map((n) => [n.code, n]));
  const level = (code: string): string => levelLabel(fw, byCode.get(code)!);

  const correlations: CorrelationRow[] = [];
  const pair = (a: string, b: string, relation: CorrelationRow['relation']): CorrelationRow => {
    const p = pearson(col(a), col(b));
    const row: CorrelationRow = { a, b, level: `${level(a)}/${level(b)}`, relation, pearson: p.r, spearman: spearman(col(a), col(b)).r, n: p.n };
    correlations.push(row);
    return row;
  };
  const withParent = new Map<string, CorrelationRow>();
  for (const n of fw.nodes) {
    if (n.parent === null) continue;
    for (let b = byCode.get(n.parent); b; b = b.parent === null ? undefined : byCode.get(b.parent)) {
      const row = pair(n.code, b.code, b.code === n.parent ? 'parent' : 'ancestor');
      if (b.code === n.parent) withParent.set(n.code, row);
    }
  }
  const flags: CoherenceFlag[] = [];
  for (const n of fw.nodes) {
    if (n.kind !== 'aggregate') continue;
    for (let i = 0; i < n.children.length; i++) {
      for (let j = i + 1; j < n.children.length; j++) {
        const row = pair(n.children[i]!, n.children[j]!, 'sibling');
        if (Math.abs(row.pearson) > threshold) flags.push({ flag: 'near-duplicate', node: row.a, other: row.b, group: n.code, value: row.pearson, threshold });
      }
    }
  }
  for (const [code, row] of withParent) if (row.pearson < 0) flags.push({ flag: 'negative-correlation', node: code, other: row.b, group: row.b, value: row.pearson, threshold: 0 });
  flags.sort((x, y) => fw.nodes.indexOf(byCode.get(x.group)!) - fw.nodes.indexOf(byCode.get(y.group)!) || (x.flag < y.flag ? -1 : x.flag > y.flag ? 1 : 0));

  const groups: GroupCoherence[] = fw.nodes
    .filter((n) => n.kind === 'aggregate')
    .map((n) => {
      const cols = n.children.map(col);
      let complete = 0;
      for (let u = 0; u < U; u++) if (cols.every((c) => Number.isFinite(c[u]!))) complete++;
      const pc = firstComponent(cols);
      return {
        node: n.code,
        children: n.children.slice(),
        complete,
        alpha: cronbachAlpha(cols),
        ...(pc ? { pca: { used: pc.used.map((i) => n.children[i]!), eigenvalues: pc.eigenvalues, share: pc.share, loadings: pc.loadings, correlations: pc.correlations } } : {}),
      };
    });

  const importance: Importance[] = [];
  for (const n of fw.nodes) {
    if (n.kind !== 'aggregate') continue;
    const r2 = n.children.map((ch) => withParent.get(ch)!.pearson ** 2);
    pushImportance(importance, n.children, n.code, 'parent', r2, n.children.map((ch) => result.weights[ch] ?? NaN));
  }
  const leaves = fw.nodes.filter((n) => n.kind !== 'aggregate');
  const nominal = leaves.map((l) => {
    let w = 1;
    for (let k: FrameworkNode | undefined = l; k && k.parent !== null; k = byCode.get(k.parent)) w *= result.weights[k.code] ?? NaN;
    return w;
  });
  pushImportance(importance, leaves.map((l) => l.code), fw.root, 'index', leaves.map((l) => pearson(col(l.code), col(fw.root)).r ** 2), nominal);

  const removal = options.removal === false ? [] : removalEffects(plan, result, { edition, ...(options.groupings ? { groupings: options.groupings } : {}) });
  return { edition, framework: result.framework, units: result.units.slice(), duplicateThreshold: threshold, correlations, groups, importance, flags, removal };
}

/** Importance rows of a set of nodes: r² normalised over the set (undefined r² counted as 0) against the nominal weights normalised the same way. */
function pushImportance(out: Importance[], codes: string[], of: string, scope: Importance['scope'], r2: number[], nominal: number[]): void {
  const sr = r2.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
  const sw = nominal.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
  codes.forEach((node, i) => {
    const imp = Number.isFinite(r2[i]!) && sr > 0 ? r2[i]! / sr : NaN;
    const nom = Number.isFinite(nominal[i]!) && sw > 0 ? nominal[i]! / sw : NaN;
    out.push({ node, of, scope, r2: r2[i]!, importance: imp, nominal: nom, ratio: nom > 0 ? imp / nom : NaN });
  });
}
