import { MethodError } from '../../errors.ts';
import { num } from './common.ts';
import type { NormaliserDef } from './types.ts';

/**
 * Normalisers against a unit's own base-year value (the national index's base-year growth).
 */
export const BASE_NORMALISERS = {
  /**
   * Base-year ratio: scale·x/x_base (direction −1: scale·x_base/x), x_base the same unit's value
   * in the base year. A missing or zero base gives a missing score and a warning.
   * @example normalise([110, 90], { method: 'base-ratio', base: [100, 100] }).values // => [110, 90]
   */
  'base-ratio': {
    describe: { zh: '基期比值法：100·x/x基期（逆向指标取倒数）', en: 'Base-year ratio: 100·x/x_base (inverted for direction −1)' },
    formula: 'scale·x/x_base, or scale·x_base/x for direction −1',
    defaults: { scale: 100 },
    usesBounds: false,
    fn: (x, p, ctx) => {
      const base = ctx.base;
      if (!base) throw new MethodError(`base-ratio needs base values for ${ctx.indicator}`);
      const out = new Array<number>(x.length);
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        const b = base[i]!;
        if (!Number.isFinite(v)) out[i] = NaN;
        else if (!Number.isFinite(b)) {
          ctx.warn('missing-base', `${ctx.indicator}: no base-year value, so no score`);
          out[i] = NaN;
        } else if (b === 0 || (ctx.direction === -1 && v === 0)) {
          ctx.warn('zero-base', `${ctx.indicator}: ${b === 0 ? 'base-year value is 0' : 'value is 0 for a smaller-is-better indicator'}; the ratio is undefined, so no score`);
          out[i] = NaN;
        } else out[i] = ctx.direction === 1 ? (num(p.scale) * v) / b : (num(p.scale) * b) / v;
      }
      return out;
    },
  },
} satisfies Record<string, NormaliserDef>;
