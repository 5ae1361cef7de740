import { IpIndexError } from '../../errors.ts';
import type { Framework } from '../../framework/types.ts';
import { rankInto, rankScratch } from '../../methods/rank.ts';
import { resolveAggregator, type AggregatorDef } from '../../methods/index.ts';
import { Cube, type DenseInput } from '../../panel/cube.ts';
import { compile, type CompileOptions } from '../../plan/compile.ts';
import type { Plan } from '../../plan/plan.ts';
import type { ResolvedRecipe } from '../../recipe/types.ts';
import { patchRecipe, type ResolvedSpec } from './spec.ts';
import { WeightKernel } from './weight-kernel.ts';

/**
 * Everything a replication needs, as plain data (structured-cloneable), so that a worker thread
 * builds the same replicator from it as the main thread: the framework, the recipe, the data as a
 * dense cube, the compile options (with the units of the nominal run fixed), the edition and the
 * resolved specification.
 */
export interface ReplicationSetup {
  framework: Framework;
  recipe: ResolvedRecipe;
  data: DenseInput;
  compile: CompileOptions & { units: string[] };
  edition: number;
  spec: ResolvedSpec;
}

/** The setup of a plan's run: its data as a dense cube and its units fixed (every alternative scores the same units). */
export function replicationSetup(plan: Plan, framework: Framework, compileOptions: CompileOptions, edition: number, spec: ResolvedSpec): ReplicationSetup {
  const cube = plan.compiled.cube;
  // plain data only: a cell locator (a function) stays behind; the data was checked by the nominal compile
  const { locate: _locate, ...options } = compileOptions;
  return {
    framework,
    recipe: plan.recipe,
    data: { units: cube.units, variables: cube.variables, years: cube.years, values: cube.values },
    compile: { ...options, units: [...plan.units] },
    edition,
    spec,
  };
}

/** Which alternative of each input a design row picks: ⌊u · k⌋ for input value u ∈ [0, 1). */
export function choicesOf(spec: ResolvedSpec, row: ArrayLike<number>, out: Int32Array = new Int32Array(spec.inputs.length)): Int32Array {
  spec.inputs.forEach((inp, i) => {
    const k = inp.labels.length;
    out[i] = Math.min(k - 1, Math.max(0, Math.floor(row[i]! * k)));
  });
  return out;
}

/**
 * Runs replications: for a choice of alternatives, the recipe patches pick a compiled plan (made
 * once per combination and kept), the weight sets become a weight re-run of that plan in the one
 * edition, and the ranks of the specification's nodes are written out. Output layout per
 * replication: `[node · U + unit]`, NaN for a unit without a score.
 */
export class Replicator {
  readonly setup: ReplicationSetup;
  readonly units: readonly string[];
  private readonly cube: Cube;
  private readonly plans = new Map<string, Plan>();
  private readonly structural: number[];
  private readonly weighted: number[];
  private readonly scratch;
  private readonly choice: Int32Array;
  private readonly ranks: Float64Array;
  private readonly kernels = new Map<Plan, WeightKernel | null>();
  private readonly sets: Record<string, number>[] = [];
  /** The (last) input of kind aggregation, −1 when none. */
  private readonly aggregationInput: number;
  private readonly aggregators: { def: AggregatorDef; params: Record<string, number> }[] = [];

  /** @param options `kernel: false` re-runs the plan for every replication (to measure what the kernel saves) */
  constructor(setup: ReplicationSetup, private readonly options: { kernel?: boolean } = {}) {
    this.setup = setup;
    this.cube = Cube.fromDense(setup.data);
    this.units = setup.compile.units;
    this.structural = setup.spec.inputs.flatMap((inp, i) => (inp.patches ? [i] : []));
    // weights first, exclusions last: a left-out indicator stays out whatever the noisy set says
    this.weighted = setup.spec.inputs.flatMap((inp, i) => (inp.weightSets ? [i] : [])).sort((a, b) => Number(setup.spec.inputs[a]!.kind === 'exclude') - Number(setup.spec.inputs[b]!.kind === 'exclude'));
    this.scratch = rankScratch(this.units.length);
    this.choice = new Int32Array(setup.spec.inputs.length);
    this.ranks = new Float64Array(this.units.length);
    this.aggregationInput = setup.spec.inputs.map((inp) => !!inp.aggregations).lastIndexOf(true);
  }

  /** Values per replication: nodes × units. */
  get width(): number {
    return this.setup.spec.nodes.length * this.units.length;
  }

  /**
   * The plan of one combination of the recipe alternatives, compiled on first use; with
   * `withoutAggregation`, aggregation alternatives are left out (the kernel applies them).
   */
  planFor(choices: ArrayLike<number>, withoutAggregation = false): Plan {
    const inputs = withoutAggregation ? this.structural.filter((i) => i !== this.aggregationInput) : this.structural;
    const key = `${withoutAggregation ? 'k' : 'p'}:${inputs.map((i) => choices[i]).join(',')}`;
    let plan = this.plans.get(key);
    if (!plan) {
      let recipe = this.setup.recipe;
      for (const i of inputs) recipe = patchRecipe(recipe, this.setup.spec.inputs[i]!.patches![choices[i]!]!);
      try {
        plan = compile(this.setup.framework, recipe, this.cube, this.setup.compile);
      } catch (e) {
        const which = inputs.map((i) => `${this.setup.spec.inputs[i]!.id} = ${this.setup.spec.inputs[i]!.labels[choices[i]!]}`).join(', ');
        throw new IpIndexError(`uncertainty: the alternative ${which} cannot be evaluated: ${(e as Error).message}`);
      }
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Ranks of the nominal run (the recipe as it is, no alternative applied) into `out[offset …]`. */
  runNominal(out: Float32Array | Float64Array, offset = 0): void {
    let plan = this.plans.get('nominal');
    if (!plan) this.plans.set('nominal', (plan = compile(this.setup.framework, this.setup.recipe, this.cube, this.setup.compile)));
    this.ranksOf(plan, [], out, offset);
  }

  /** Ranks of one replication (by its choices) into `out[offset …]`. */
  runChoices(choices: ArrayLike<number>, out: Float32Array | Float64Array, offset = 0): void {
    const sets = this.sets;
    sets.length = 0;
    for (const i of this.weighted) sets.push(this.setup.spec.inputs[i]!.weightSets![choices[i]!]!);
    // an aggregation alternative recombines the indicator scores of the plan without it, on the kernel
    let aggregator: { def: AggregatorDef; params: Record<string, number> } | undefined;
    if (this.aggregationInput >= 0) {
      const plan = this.planFor(choices, true);
      if (this.kernelOf(plan)) {
        const i = this.aggregationInput;
        aggregator = (this.aggregators[choices[i]!] ??= resolveAggregator(this.setup.spec.inputs[i]!.aggregations![choices[i]!]!.method, this.setup.spec.inputs[i]!.aggregations![choices[i]!]!.params));
        return this.ranksOf(plan, sets, out, offset, aggregator);
      }
    }
    this.ranksOf(this.planFor(choices), sets, out, offset);
  }

  private kernelOf(plan: Plan): WeightKernel | null {
    let kernel = this.kernels.get(plan);
    if (kernel === undefined) this.kernels.set(plan, (kernel = this.options.kernel !== false && WeightKernel.supports(plan) ? new WeightKernel(plan, this.setup.edition) : null));
    return kernel;
  }

  private ranksOf(plan: Plan, sets: Record<string, number>[], out: Float32Array | Float64Array, offset: number, aggregator?: { def: AggregatorDef; params: Record<string, number> }): void {
    const U = this.units.length;
    const nodes = this.setup.spec.nodes;
    const ranks = this.ranks;
    const kernel = this.kernelOf(plan);
    if (kernel) {
      const scores = kernel.run(sets, aggregator);
      for (let n = 0; n < nodes.length; n++) {
        const at = kernel.at(nodes[n]!);
        rankInto(scores.subarray(at * U, (at + 1) * U), ranks, 0, U, this.scratch);
        out.set(ranks, offset + n * U);
      }
      return;
    }
    const weights = sets.length ? Object.assign({}, ...sets) as Record<string, number> : undefined;
    const res = plan.rerun({ editions: [this.setup.edition], ...(weights ? { weights } : {}) });
    for (let n = 0; n < nodes.length; n++) {
      rankInto(res.scores[nodes[n]!]!, ranks, 0, U, this.scratch);
      out.set(ranks, offset + n * U);
    }
  }

  /** Ranks of design rows `[from, to)` (row-major, `d` values each) into `out`, one block of {@link width} per row from `out[0]`. */
  runRows(design: Float64Array, d: number, from: number, to: number, out: Float32Array | Float64Array): void {
    const w = this.width;
    for (let r = from; r < to; r++) {
      choicesOf(this.setup.spec, design.subarray(r * d, r * d + d), this.choice);
      this.runChoices(this.choice, out, (r - from) * w);
    }
  }
}
