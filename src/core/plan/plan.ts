import { RecipeError } from '../errors.ts';
import type { Expr } from '../expr/formula.ts';
import type { EvaluationResult } from './result.ts';
import type { ResolvedRecipe } from '../recipe/types.ts';
import { aggregateNode } from './aggregate-stage.ts';
import type { Compiled } from './compiled.ts';
import { deriveTables, formulaInputs, type CellChange, type DeriveSource, type TableOverrides } from './derive.ts';
import { withAncestors } from './flat-tree.ts';
import { imputeLeaf } from './impute-stage.ts';
import { denominated, denominatorCodes } from './denominate-stage.ts';
import { rowImputed, type RowFilled } from './row-impute-stage.ts';
import { normaliseLeaf } from './normalise-stage.ts';
import type { AggregateState, LeafState, RunState } from './state.ts';
import { treatLeaf } from './treat-stage.ts';
import { assembleResult } from './assemble.ts';
import { outsideDomain } from './check-data.ts';
import { Ranks } from './ranks.ts';
import { Arena } from './arena.ts';
import { weightsFromScores } from './weight-schemes.ts';
import { TIE_TOLERANCE } from '../methods/rank.ts';

/** The tie tolerance of a recipe's ranks: 0 for `ranking.ties: exact`. */
function tieTolerance(recipe: ResolvedRecipe): number {
  return recipe.ranking?.ties === 'exact' ? 0 : TIE_TOLERANCE;
}

/** What a re-run changes; everything else is reused from the plan's first run. */
export interface Changes {
  /**
   * New values of input cells: a raw indicator or variable of the data (derived indicators that
   * read it follow), or a derived indicator itself (its computed value is replaced). `year` is
   * the data year; it must lie within the run's years.
   */
  values?: CellChange[];
  /** Weights of nodes relative to their siblings, over the recipe's (as its `weights.set`). */
  weights?: Record<string, number>;
  /** Normalisation bounds [low, high] of indicators, over those of the data or the recipe. */
  bounds?: Record<string, [number, number]>;
  /** Only these editions are computed and returned (default: every edition of the run). */
  editions?: number[];
}

/**
 * A compiled evaluation: a framework × recipe over a cube, every method resolved. `run()`
 * evaluates once and keeps what it computed; `rerun()` re-evaluates with changed values, weights
 * or bounds, recomputing only the indicators and aggregates those changes reach. Results share
 * arrays with the plan's state: treat them as read-only.
 */
export class Plan {
  readonly compiled: Compiled;
  private base?: RunState;
  private readonly source: DeriveSource;
  private dependents?: Map<string, number[]>;

  constructor(compiled: Compiled) {
    this.compiled = compiled;
    const formulas = new Map<string, Expr>();
    for (const l of compiled.leaves) if (l.formula) formulas.set(l.node.code, l.formula);
    this.source = { cube: compiled.cube, years: compiled.years, yearCube: compiled.yearCube, unitCube: compiled.unitCube, formulas };
  }

  /** Units of the run, in result order. */
  get units(): readonly string[] {
    return this.compiled.units;
  }
  /** Editions of the run. */
  get editions(): readonly number[] {
    return this.compiled.editions;
  }
  /** The validated recipe with its defaults. */
  get recipe(): ResolvedRecipe {
    return this.compiled.recipe;
  }

  /**
   * Evaluates the plan. The first call computes and keeps the state; later calls return it anew,
   * unless `fresh` asks for everything to be computed again from the cube (a full re-run).
   */
  run(options: { fresh?: boolean } = {}): EvaluationResult {
    if (options.fresh) this.base = undefined;
    return assembleResult(this.compiled, this.state());
  }

  /**
   * Re-evaluates with changes. Gives exactly the result of a fresh evaluation of the changed
   * inputs (the same units and editions), computing only what the changes reach.
   * @throws RecipeError naming a change that does not fit the plan
   */
  rerun(changes: Changes = {}): EvaluationResult {
    const c = this.compiled;
    const base = this.state();
    const U = c.units.length;
    const editions = this.editionIndices(changes.editions);
    const overrides = this.overrides(changes.values ?? []);
    const bounds = this.checkBounds(changes.bounds ?? {});
    const weightSet = this.checkWeights(changes.weights ?? {});

    // indicators the value changes reach
    const affected = new Set<number>();
    const deps = this.dependentsOf();
    for (const code of overrides.keys()) for (const l of deps.get(code) ?? []) affected.add(l);
    const leaves = base.leaves.slice();
    const arena = new Arena();
    if (affected.size) {
      const codes = [...affected].map((l) => c.leaves[l]!.node.code);
      const index = (this.leafIndex ??= new Map(c.leaves.map((l, i) => [l.node.code, i])));
      const undefinedCells = new Map<string, number[]>();
      const tables = deriveTables(
        this.source,
        [...codes, ...denominatorCodes(c)],
        overrides,
        (code) => {
          const l = index.get(code);
          return l === undefined || affected.has(l) ? undefined : base.leaves[l]!.derived;
        },
        arena,
        undefinedCells,
      );
      // row imputation fills a gap from the unit's other indicators of the group: the whole group is affected
      if (c.byRow) for (const g of c.byRow.groups) if (g.some((l) => affected.has(l))) for (const l of g) affected.add(l);
      const den = new Map<number, Float64Array>();
      for (const l of affected) {
        const leaf = c.leaves[l]!;
        den.set(l, tables.has(leaf.node.code) ? denominated(leaf, tables, arena) : base.leaves[l]!.denominated ?? base.leaves[l]!.derived);
      }
      const byRow = c.byRow ? rowImputed(c, c.leaves.map((leaf, l) => den.get(l) ?? base.leaves[l]!.denominated ?? base.leaves[l]!.derived), arena) : undefined;
      for (const l of affected) {
        const code = c.leaves[l]!.node.code;
        const fromBase = !tables.has(code); // a sibling of a changed indicator in a row-imputation group
        leaves[l] = this.leafState(l, fromBase ? base.leaves[l]!.derived : tables.get(code)!, arena, bounds.get(l), fromBase ? base.leaves[l]!.undefinedCells : undefinedCells.get(code), den.get(l)!, byRow?.[l]);
      }
    }
    for (const [l, b] of bounds) {
      if (affected.has(l)) continue;
      const prev = base.leaves[l]!;
      const nz = normaliseLeaf(c, c.leaves[l]!, prev.treated ?? prev.values, prev.table, b, arena);
      leaves[l] = { ...prev, scores: nz.scores, ...(nz.bounds ? { bounds: nz.bounds } : {}), normWarnings: nz.warnings };
    }

    // aggregates above what changed, deepest first
    const dirtyNodes = new Set<number>();
    const changedLeaves = new Set([...affected, ...bounds.keys()]);
    for (const l of changedLeaves) for (const n of withAncestors(c.tree, c.leaves[l]!.at)) dirtyNodes.add(n);
    for (const code of Object.keys(weightSet)) for (const n of withAncestors(c.tree, c.tree.parent[c.tree.index.get(code)!]!)) dirtyNodes.add(n);
    const dirty = c.aggregates.map((a) => dirtyNodes.has(a.at));
    const recipe = Object.keys(weightSet).length ? { ...c.recipe, weights: { ...c.recipe.weights, set: { ...c.recipe.weights.set, ...weightSet } } } : undefined;
    const dataDriven = c.aggregates.some((a, i) => dirty[i] && weightsFromScores(recipe ?? c.recipe, a.node));
    const only = editions && !dataDriven ? editions : undefined;
    const aggregates = base.aggregates.slice();
    this.aggregateAll(leaves, aggregates, (i) => dirty[i]!, { arena, ...(recipe ? { recipe } : {}), ...(only ? { editions: only } : {}) });

    // ranks of what changed, on first read
    const changedNodes = new Set<number>([...[...changedLeaves].map((l) => c.leaves[l]!.at), ...c.aggregates.filter((_, i) => dirty[i]).map((a) => a.at)]);
    const ranks = new Ranks(U, editions ?? c.editions.map((_, e) => e), (at) => this.scoresIn(at, leaves, aggregates), base.ranks, changedNodes, arena, tieTolerance(c.recipe));
    return assembleResult(c, { leaves, aggregates, ranks }, editions, arena);
  }

  /** The state of the first run, computed on first use. */
  private state(): RunState {
    if (this.base) return this.base;
    const c = this.compiled;
    // one arena for the whole state: its many small tables are views of a few blocks
    const arena = new Arena();
    const undefinedCells = new Map<string, number[]>();
    const tables = deriveTables(this.source, [...c.leaves.map((l) => l.node.code), ...denominatorCodes(c)], undefined, undefined, arena, undefinedCells);
    const byRow = c.byRow ? rowImputed(c, c.leaves.map((l) => denominated(l, tables, arena)), arena) : undefined;
    const leaves = c.leaves.map((l, i) => this.leafState(i, tables.get(l.node.code)!, arena, undefined, undefinedCells.get(l.node.code), denominated(l, tables, arena), byRow?.[i]));
    const aggregates: AggregateState[] = [];
    this.aggregateAll(leaves, aggregates, () => true, { arena });
    const ranks = new Ranks(c.units.length, c.editions.map((_, e) => e), (at) => this.scoresIn(at, leaves, aggregates), undefined, undefined, arena, tieTolerance(c.recipe));
    this.base = { leaves, aggregates, ranks };
    return this.base;
  }

  /** Scores of a node in a state. */
  private scoresIn(at: number, leaves: LeafState[], aggregates: AggregateState[]): Float64Array {
    const l = this.compiled.tree.leafOf[at]!;
    return l >= 0 ? leaves[l]!.scores : aggregates[this.aggregateIndex(at)]!.scores;
  }

  /** Imputation, treatment and normalisation of one indicator from its derived table. */
  private leafState(l: number, derived: Float64Array, arena: Arena, bounds?: [number, number], undefinedCells?: number[], denominatedTable = derived, rowFilled?: RowFilled): LeafState {
    const c = this.compiled;
    const leaf = c.leaves[l]!;
    const imp = imputeLeaf(c, denominatedTable, arena, rowFilled);
    const tr = leaf.treat ? treatLeaf(c, leaf.node.code, imp.values, arena, leaf.treatOptions ?? c.treatOptions) : undefined;
    const nz = normaliseLeaf(c, leaf, tr?.treated ?? imp.values, imp.table, bounds, arena);
    return {
      derived,
      ...(denominatedTable !== derived ? { denominated: denominatedTable } : {}),
      ...(undefinedCells?.length ? { undefinedCells } : {}),
      table: imp.table,
      values: imp.values,
      ...(imp.source ? { source: imp.source } : {}),
      notes: imp.notes,
      missing: imp.missing,
      ...(tr ? { treated: tr.treated, marks: tr.marks, treatWarning: tr.warning } : {}),
      scores: nz.scores,
      ...(nz.bounds ? { bounds: nz.bounds } : {}),
      normWarnings: nz.warnings,
    };
  }

  /** Aggregates, deepest first, those `redo` names (the others are kept). */
  private aggregateAll(leaves: LeafState[], aggregates: AggregateState[], redo: (i: number) => boolean, opts: { recipe?: ResolvedRecipe; editions?: readonly number[]; arena: Arena }): void {
    const c = this.compiled;
    c.aggregates.forEach((ap, i) => {
      if (!redo(i)) return;
      const kids = ap.children.map((ch) => this.scoresIn(ch, leaves, aggregates));
      const prev = aggregates[i];
      aggregates[i] = aggregateNode(c, ap, kids, { arena: opts.arena, ...(opts.recipe ? { recipe: opts.recipe } : {}), ...(opts.editions && prev ? { editions: opts.editions, previous: prev.scores } : {}) });
    });
  }

  private aggIndex?: Map<number, number>;
  private leafIndex?: Map<string, number>;
  private aggregateIndex(at: number): number {
    this.aggIndex ??= new Map(this.compiled.aggregates.map((a, i) => [a.at, i]));
    return this.aggIndex.get(at)!;
  }

  /** For each input code, the indicators (leaf positions) whose values it reaches. */
  private dependentsOf(): Map<string, number[]> {
    if (this.dependents) return this.dependents;
    const c = this.compiled;
    const closure = (code: string, seen = new Set<string>()): Set<string> => {
      const f = this.source.formulas.get(code);
      if (!f || seen.has(code)) return seen;
      seen.add(code);
      for (const x of formulaInputs(f)) {
        seen.add(x);
        closure(x, seen);
      }
      return seen;
    };
    const out = new Map<string, number[]>();
    c.leaves.forEach((l, i) => {
      const codes = closure(l.node.code);
      codes.add(l.node.code);
      if (l.denominator) codes.add(l.denominator.code);
      for (const x of codes) {
        const list = out.get(x) ?? [];
        list.push(i);
        out.set(x, list);
      }
    });
    this.dependents = out;
    return out;
  }

  private editionIndices(list: number[] | undefined): number[] | undefined {
    if (!list) return undefined;
    const c = this.compiled;
    return [...new Set(list)].sort((a, b) => a - b).map((e) => {
      const i = c.editions.indexOf(e);
      if (i < 0) throw new RecipeError(`rerun: edition ${e} is not in the run (editions ${c.editions[0]}–${c.editions[c.editions.length - 1]})`);
      return i;
    });
  }

  private overrides(values: CellChange[]): TableOverrides {
    const c = this.compiled;
    const U = c.units.length;
    const out: TableOverrides = new Map();
    const known = this.dependentsOf();
    for (const ch of values) {
      const u = c.units.indexOf(ch.unit);
      const t = c.years.indexOf(ch.year);
      if (!known.has(ch.code)) throw new RecipeError(`rerun: ${ch.code} is neither an indicator of framework ${c.framework.id} nor a variable its indicators read`);
      if (u < 0) throw new RecipeError(`rerun: unit ${ch.unit} is not in the run`);
      if (t < 0) throw new RecipeError(`rerun: data year ${ch.year} is outside the run's years ${c.years[0]}–${c.years[c.years.length - 1]}`);
      if (ch.value !== null && !Number.isFinite(ch.value)) throw new RecipeError(`rerun: the value of ${ch.code} for ${ch.unit} ${ch.year} must be a finite number or null, got ${ch.value}`);
      const d = ch.value === null ? undefined : c.domains.get(ch.code);
      const why = d && outsideDomain(ch.value!, d);
      if (why) throw new RecipeError(`rerun: the value of ${ch.code} for ${ch.unit} ${ch.year}: ${why} — ${d!.why}`);
      const list = out.get(ch.code) ?? [];
      list.push([t * U + u, ch.value ?? NaN]);
      out.set(ch.code, list);
    }
    return out;
  }

  private checkBounds(bounds: Record<string, [number, number]>): Map<number, [number, number]> {
    const c = this.compiled;
    const out = new Map<number, [number, number]>();
    for (const [code, b] of Object.entries(bounds)) {
      const l = c.leaves.findIndex((x) => x.node.code === code);
      if (l < 0) throw new RecipeError(`rerun: bounds for ${code}, which is not an indicator of framework ${c.framework.id}`);
      if (!c.leaves[l]!.normaliser.def.usesBounds) throw new RecipeError(`rerun: ${code} is normalised without bounds; bounds do not apply`);
      if (!Array.isArray(b) || b.length !== 2 || !b.every(Number.isFinite) || !(b[0] < b[1])) throw new RecipeError(`rerun: bounds of ${code} must be [low, high] with low < high, got ${JSON.stringify(b)}`);
      out.set(l, b);
    }
    return out;
  }

  private checkWeights(weights: Record<string, number>): Record<string, number> {
    const c = this.compiled;
    for (const [code, w] of Object.entries(weights)) {
      const at = c.tree.index.get(code);
      if (at === undefined || at === c.tree.root) throw new RecipeError(`rerun: weight for ${code}, which is not a node below the root of framework ${c.framework.id}`);
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new RecipeError(`rerun: weight of ${code} must be a number ≥ 0, got ${w}`);
    }
    return weights;
  }
}
