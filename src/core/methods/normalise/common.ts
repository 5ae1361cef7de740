import { extent } from '../stats.ts';
import type { NormaliseContext } from './types.ts';

/** Small helpers shared by the normaliser families (internal to `methods/normalise/`). */

/** A numeric parameter (the resolver has checked it is a number). */
export function num(v: number | string | undefined): number {
  return v as number;
}

/** −y without producing −0 (so that 0 stays 0 for direction −1). */
export function neg(y: number): number {
  return y === 0 ? 0 : -y;
}

/** How many values are present (n), whether they are all equal (`same`), and the first of them. */
export function spread(x: ArrayLike<number>): { n: number; same: boolean; first: number } {
  let n = 0;
  let first = NaN;
  let same = true;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) continue;
    if (n === 0) first = v;
    else if (v !== first) same = false;
    n++;
  }
  return { n, same: n > 0 && same, first };
}

/** Warns that every present value is equal (or only one is present), so every unit gets the same score. */
export function warnConstant(ctx: NormaliseContext, s: { n: number; first: number }, score: string): void {
  ctx.warn('zero-spread', s.n === 1 ? `${ctx.indicator}: only one unit has a value (${s.first}); it scores ${score}` : `${ctx.indicator}: all values are equal (${s.first}); every unit scores ${score}`);
}


/** Bounds from fixed bounds or the data; warns and returns undefined spread when degenerate. */
export function boundsOf(x: ArrayLike<number>, ctx: NormaliseContext): [number, number] {
  return ctx.bounds ?? extent(x);
}
