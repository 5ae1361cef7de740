import { DataError, type Problem } from '../errors.ts';
import type { LocalName } from '../framework/types.ts';
import type { UnitRegistry } from './registry.ts';

/** A named set of units, e.g. 东部 or 长江经济带. */
export interface Group {
  code: string;
  name: LocalName;
  /** Unit codes. */
  members: string[];
}

/** A way of grouping units, e.g. 四大区域. Groups may overlap (五大区域重大战略 do). */
export interface Grouping {
  id: string;
  name: LocalName;
  groups: Group[];
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function lname(x: unknown, fallback: string): LocalName {
  if (typeof x === 'string') return { zh: x };
  if (isObj(x) && typeof x.zh === 'string') return { zh: x.zh, ...(typeof x.en === 'string' ? { en: x.en } : {}) };
  return { zh: fallback };
}

/**
 * Builds groupings from a raw definition (`{groupings: [{id, name, groups: [{code, name,
 * members}]}]}`); members may be codes or names, resolved with the registry.
 * @throws DataError naming each unknown member
 */
export function buildGroupings(raw: unknown, registry?: UnitRegistry, file?: string): Grouping[] {
  const problems: Problem[] = [];
  const list = isObj(raw) && Array.isArray(raw.groupings) ? raw.groupings : Array.isArray(raw) ? raw : undefined;
  if (!list) throw new DataError(`Groupings ${file ?? ''}: expected {groupings: [...]}`.replace('  ', ' '));
  const out: Grouping[] = [];
  list.forEach((g: unknown, i: number) => {
    if (!isObj(g) || typeof g.id !== 'string' || !Array.isArray(g.groups)) {
      problems.push({ file, field: `groupings[${i}]`, message: 'each grouping needs id and groups' });
      return;
    }
    const groups: Group[] = [];
    g.groups.forEach((gr: unknown, j: number) => {
      if (!isObj(gr) || (typeof gr.code !== 'string' && typeof gr.code !== 'number') || !Array.isArray(gr.members)) {
        problems.push({ file, field: `${g.id}.groups[${j}]`, message: 'each group needs code and members' });
        return;
      }
      const members: string[] = [];
      for (const m of gr.members) {
        const s = String(m);
        // like data files: unknown Latin-letter codes are units of the user's own (e.g. AUT)
        const u = registry ? (registry.resolve(s) ?? (/^[A-Za-z][A-Za-z0-9_.-]*$/.test(s) ? { code: s } : undefined)) : { code: s };
        if (!u) problems.push({ file, field: `${g.id}.${String(gr.code)}`, message: `unknown member "${s}" (expected a 6-digit code or a province name)` });
        else if (members.includes(u.code)) problems.push({ file, field: `${g.id}.${String(gr.code)}`, message: `member "${s}" is listed twice` });
        else members.push(u.code);
      }
      groups.push({ code: String(gr.code), name: lname(gr.name, String(gr.code)), members });
    });
    out.push({ id: g.id, name: lname(g.name, g.id), groups });
  });
  if (problems.length) throw new DataError(`Groupings ${file ?? ''} are invalid`.replace('  ', ' '), problems);
  return out;
}
