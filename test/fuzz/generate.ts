/**
 * The deterministic case generator: case `index` of a run with seed `seed` is always the same
 * mutation of the same base. The first cases of a run take every mutator once, in order (so even
 * a short run covers them all); later cases pick a mutator by weight.
 */
import { baseRun, type Bases } from './bases.ts';
import { DATA_MUTATORS } from './mutate-data.ts';
import { FRAMEWORK_MUTATORS } from './mutate-framework.ts';
import { OTHER_MUTATORS } from './mutate-other.ts';
import { RECIPE_MUTATORS } from './mutate-recipe.ts';
import type { Mutator } from './mutation.ts';
import { Rng, caseSeed } from './rng.ts';
import type { BaseId, FuzzCase } from './types.ts';

/** Every mutator, in table order. */
export const MUTATORS: Mutator[] = [...DATA_MUTATORS, ...FRAMEWORK_MUTATORS, ...RECIPE_MUTATORS, ...OTHER_MUTATORS];

/** How often each base is drawn: the full regional sample (31 provinces) is the slowest. */
const BASE_WEIGHT: Record<BaseId, number> = { regional: 1, 'regional-small': 3, 'regional-default': 2, national: 3 };

function weighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng.float() * total;
  for (const t of items) {
    x -= weight(t);
    if (x < 0) return t;
  }
  return items.at(-1)!;
}

/** Options of {@link generateCase}. */
export interface GenerateOptions {
  /** Mutators to draw from (default: all). */
  mutators?: readonly Mutator[];
  /** Bases to draw from (default: all); a mutator none of whose bases is allowed is skipped. */
  bases?: readonly BaseId[];
}

/** Case `index` of the run with seed `seed`. */
export function generateCase(seed: number, index: number, bases: Bases, options: GenerateOptions = {}): FuzzCase {
  const allowed = options.bases ?? (Object.keys(BASE_WEIGHT) as BaseId[]);
  const mutators = (options.mutators ?? MUTATORS).filter((mu) => mu.bases.some((b) => allowed.includes(b)));
  const rng = new Rng(caseSeed(seed, index));
  const mutator = index < mutators.length ? mutators[index]! : weighted(rng, mutators, (mu) => mu.weight);
  const baseId = weighted(
    rng,
    mutator.bases.filter((b) => allowed.includes(b)),
    (b) => BASE_WEIGHT[b],
  );
  const base = bases.byId[baseId];
  const mutation = mutator.make(rng, base, bases);
  const pristine = baseRun(base);
  const run = { ...pristine.run, ...mutation.run };
  const files = { ...(run.data.includes('@data.csv') ? pristine.files : {}), ...mutation.files };
  return {
    index,
    mutator: mutation.variant ? `${mutator.name}/${mutation.variant}` : mutator.name,
    description: `[${baseId}] ${mutation.description}`,
    expect: mutation.expect,
    base: baseId,
    files,
    run,
    culprits: mutation.culprits,
    needPlace: mutation.needPlace ?? true,
    ...(mutation.needWords ? { needWords: mutation.needWords } : {}),
    ...(mutation.renamed ? { renamed: mutation.renamed } : {}),
    ...(mutation.checkOutFolder ? { checkOutFolder: true } : {}),
  };
}
