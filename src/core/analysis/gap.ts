import { IpIndexError } from '../errors.ts';
import { leavesUnder } from '../framework/tree.ts';
import type { LocalName } from '../framework/types.ts';
import type { Plan } from '../plan/plan.ts';
import { weightsFromScores } from '../plan/weight-schemes.ts';
import { cheapestPlan, type GapCost, type GapPlan } from './gap-plan.ts';
import { GapProbe, targetLabel, type GapTarget } from './gap-probe.ts';
import { profileIndicator, readersOf } from './gap-profile.ts';
import { singleGap, type IndicatorGap, type Standing } from './gap-single.ts';

/** Options of {@link targetGap}. */
export interface GapOptions {
  /** Unit code (a unit of the run). */
  unit: string;
  /** The node whose score or rank is the target (default: the index). */
  node?: string;
  /** The edition (its data year, edition − dataLag, is the year whose values change). */
  edition: number;
  target: GapTarget;
  /** Only these indicators (each below the node); default every indicator below it. */
  indicators?: string[];
  /** What the plan over several indicators minimises (default `normalised`). */
  cost?: GapCost;
  /** Whether to compute the plan over several indicators (default true). */
  plan?: boolean;
  /**
   * How far the search looks beyond the observed values, in multiples of each indicator's range
   * over the run (default 1000): an answer further out is reported infeasible.
   */
  reach?: number;
  /** Relative tolerance of an answer's raw value (default 1e-9; see {@link singleGap}). */
  tolerance?: number;
}

/** What it takes a unit to reach a target on a node, indicator by indicator and as a plan. */
export interface TargetGap {
  unit: string;
  node: string;
  nodeName: LocalName;
  edition: number;
  /** The data year whose values the answers change. */
  dataYear: number;
  target: GapTarget;
  /** `rank<=5`, `score>=85`. */
  targetLabel: string;
  /** The unit's score and rank now, and the score the target needs now (a rank target: the k-th other unit's). */
  current: Standing;
  /** Whether the target is reached already. */
  met: boolean;
  needed: number;
  /** For a rank target: the other unit holding the k-th place now (whose score is `needed`). */
  neededBy?: string;
  /** One answer per indicator, in framework order. */
  indicators: IndicatorGap[];
  plan?: GapPlan;
  tolerance: number;
  reach: number;
  /** Re-evaluations of the plan in all. */
  evaluations: number;
  /** What the caller should know about the answers (e.g. weights that follow the data). */
  notes: { zh: string; en: string }[];
}

/**
 * The target gap: for a unit, a node and an edition, the smallest improvement of each indicator
 * alone that takes the unit to a target rank or score, and the cheapest plan over several
 * indicators. Every answer comes from re-evaluating the compiled plan with the changed values
 * (`plan.rerun`), so where a new value passes a bound pooled over units and years the bounds —
 * and every unit's scores — move, and a rank target follows the other units' scores: the answers
 * are exact under the recipe, to the stated tolerance.
 * @throws IpIndexError for a unit, node or edition not in the run, a malformed target, or an
 *   indicator not below the node
 * @example targetGap(compile(parseFramework('id: t\nversion: "1"\nname: {zh: 示例}\nnodes:\n  - {code: I, name: {zh: 指数}}\n  - {code: A, parent: I, name: {zh: 甲}, unit: 件}', 't.yaml'), { id: 't', firstEdition: 2025, normalisation: { method: 'minmax' } }, Cube.fromDense({ units: ['U1', 'U2'], variables: ['A'], years: [2024], values: Float64Array.from([1, 3]) }), { edition: 2025 }), { unit: 'U1', edition: 2025, target: { rank: 1 } }).indicators[0].required // => 3 (U1 must equal U2's 3 to share rank 1)
 */
export function targetGap(plan: Plan, options: GapOptions): TargetGap {
  const fw = plan.compiled.framework;
  const node = options.node ?? fw.root;
  const probe = new GapProbe(plan, { unit: options.unit, node, edition: options.edition, target: options.target });
  const under = leavesUnder(fw, node);
  const codes = options.indicators ?? under;
  const outside = codes.filter((c) => !under.includes(c));
  if (outside.length) throw new IpIndexError(`gap: ${outside.join(', ')} ${outside.length > 1 ? 'are not indicators' : 'is not an indicator'} below ${node} (its indicators: ${under.slice(0, 10).join(', ')}${under.length > 10 ? ', …' : ''})`);
  if (!codes.length) throw new IpIndexError(`gap: no indicator to change (--indicators is empty)`);
  const reach = options.reach ?? 1000;
  const tolerance = options.tolerance ?? 1e-9;
  if (!(reach > 0)) throw new IpIndexError(`gap: reach must be > 0, got ${reach}`);
  if (!(tolerance > 0 && tolerance < 1e-2)) throw new IpIndexError(`gap: tolerance must lie in (0, 0.01), got ${tolerance}`);

  const r0 = plan.run();
  const nominal = probe.nominal();
  if (!Number.isFinite(nominal.score)) throw new IpIndexError(`gap: ${options.unit} has no score for ${node} in edition ${options.edition} (no indicator below it has data)`);
  const readers = readersOf(probe);
  const profiles = codes.map((code) => profileIndicator(probe, r0, code, readers.get(code) ?? [], { reach }));
  const single = { probe, r0, nominal, tolerance };
  const indicators = profiles.map((p) => singleGap(single, p));
  const gapPlan = options.plan === false ? undefined : cheapestPlan({ probe, r0, nominal, cost: options.cost ?? 'normalised', tolerance }, profiles, indicators);

  let neededBy: string | undefined;
  if ('rank' in options.target) {
    const U = r0.units.length;
    const k0 = probe.cellOf(r0) - probe.u;
    const s = r0.scores[node]!;
    const others = r0.units.map((unit, v) => ({ unit, score: s[k0 + v]!, v })).filter((x) => x.v !== probe.u && Number.isFinite(x.score));
    others.sort((a, b) => b.score - a.score || a.v - b.v);
    neededBy = others.length >= options.target.rank && U > 1 ? others[options.target.rank - 1]!.unit : undefined;
  }
  const notes: TargetGap['notes'] = [];
  const dataDriven = plan.compiled.aggregates.filter((a) => weightsFromScores(plan.recipe, a.node)).map((a) => a.node.code);
  if (dataDriven.length) {
    notes.push({
      zh: `${dataDriven.join('、')} 的权重由数据计算，随改动而变：目标可能不随指标值单调变化，所给答案均经重新计算验证可达目标，但不一定是最小改动。`,
      en: `The weights of ${dataDriven.join(', ')} are computed from the data and move with the changes: the target may not be monotone in a value; every answer is verified to reach the target, but may not be the smallest.`,
    });
  }
  if (plan.compiled.leaves.some((l) => l.treat)) {
    notes.push({
      zh: '方案含异常值处理（缩尾/对数变换）：改动可能改变处理方式，答案均经重新计算验证。',
      en: 'The recipe treats outliers (winsorising / log): a change may change the treatment; every answer is verified by re-evaluation.',
    });
  }
  return {
    unit: options.unit,
    node,
    nodeName: fw.nodes.find((n) => n.code === node)!.name,
    edition: options.edition,
    dataYear: probe.year,
    target: options.target,
    targetLabel: targetLabel(options.target),
    current: { score: nominal.score, rank: nominal.rank },
    met: nominal.reached,
    needed: nominal.needed,
    ...(neededBy ? { neededBy } : {}),
    indicators,
    ...(gapPlan ? { plan: gapPlan } : {}),
    tolerance,
    reach,
    evaluations: probe.evaluations,
    notes,
  };
}
