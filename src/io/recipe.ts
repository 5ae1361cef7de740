import { existsSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { IpIndexError } from '../core/errors.ts';
import { didYouMean, suggestionText } from '../core/text/suggest.ts';
import type { Framework, ResolvedRecipe } from '../core/index.ts';
import { resolveRecipe } from '../core/recipe/validate.ts';
import { DEFAULT_RECIPE_NAME, builtinRecipeNames, checkBuiltinRecipeFits, defaultRecipe, defaultRecipeFor } from '../core/recipe/default.ts';
import { loadRecipe } from './read.ts';

/** The recipe a run uses and where it came from. */
export interface ChosenRecipe {
  recipe: ResolvedRecipe;
  /** The recipe file, when it is one. */
  file?: string;
  /** The built-in name (`cnipa-regional`, `default`…), when it is one. */
  builtin?: string;
  /** Why: given as an argument, named by the framework file, the CNIPA framework's own, or the default. */
  chosenBy: 'argument' | 'framework-file' | 'framework-id' | 'default';
}

/**
 * The recipe of a run: `arg` when given (a built-in name or a file), else the one the framework
 * names (`recipe:` in the framework file; a relative path is read from the framework file's
 * folder), else the CNIPA recipe of a CNIPA framework, else the default recipe (min-max 0–100
 * pooled, framework weights, arithmetic mean) with its first edition at the data's first year.
 * @throws RecipeError, IpIndexError
 */
export function chooseRecipe(framework: Framework, frameworkFile: string, arg?: string, dataYears?: number[]): ChosenRecipe {
  if (arg === DEFAULT_RECIPE_NAME || (!arg && framework.recipe === DEFAULT_RECIPE_NAME)) {
    return { recipe: resolveRecipe(defaultRecipe(dataYears), framework), builtin: DEFAULT_RECIPE_NAME, chosenBy: arg ? 'argument' : 'framework-file' };
  }
  if (arg) {
    const r = loadRecipe(arg, framework);
    return { ...r, ...(r.file ? {} : { builtin: arg }), chosenBy: 'argument' };
  }
  const choice = defaultRecipeFor(framework, dataYears ? { dataYears } : {});
  if (choice.kind === 'file') {
    const file = isAbsolute(choice.path) ? choice.path : resolve(dirname(frameworkFile), choice.path);
    if (!existsSync(file)) {
      const hint = /[\\/]/.test(choice.path) || extname(choice.path) ? '' : suggestionText(didYouMean(choice.path, builtinRecipeNames()));
      throw new IpIndexError(`Framework ${frameworkFile} names recipe ${choice.path} (key recipe:), but there is no built-in recipe of that name and no file ${file}${hint || '.'} Fix the name or path (relative to the framework file), or pass --recipe`);
    }
    return { ...loadRecipe(file, framework), file, chosenBy: 'framework-file' };
  }
  if (choice.kind === 'builtin') {
    checkBuiltinRecipeFits(choice.name, framework);
    return { recipe: resolveRecipe(choice.recipe, framework), builtin: choice.name, chosenBy: choice.why };
  }
  return { recipe: resolveRecipe(choice.recipe, framework), builtin: choice.name, chosenBy: 'default' };
}
