/**
 * Own-property lookups in the code-keyed maps of a recipe (`weights.set`, `aggregation.byNode`,
 * `normalisation.bounds`, …). A node may be called `constructor` or `toString`: a plain
 * `map[code]` would find the member every object inherits and take it for the recipe's entry.
 */

/**
 * The value a map holds for a key as its own property, or undefined.
 * @example own({ P1: 0.5 }, 'P1') // => 0.5
 * @example own({ P1: 0.5 }, 'constructor') // => undefined
 */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && map !== null && Object.hasOwn(map, key) ? map[key] : undefined;
}
