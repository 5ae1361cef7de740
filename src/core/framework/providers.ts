/**
 * Data providers of a framework: who supplies which raw indicator or variable (the courts, the
 * customs, the statistics bureau …), declared in the framework file as a `providers:` list and a
 * `provider:` on each raw indicator and variable; and the units a collection template lists
 * (`coverage:` provinces and/or national). Read here and checked: an unknown provider id (with
 * the closest declared one), a provider on a derived indicator or an aggregate (computed, never
 * supplied), duplicate ids.
 */
import { didYouMean } from '../text/suggest.ts';
import type { LocalName } from './types.ts';

/** A data provider and the codes (raw indicators and variables) it supplies, in file order. */
export interface Provider {
  id: string;
  name: LocalName;
  description?: string;
  /** Raw indicator and variable codes this provider supplies. */
  variables: string[];
}

/** Which units a framework's data covers: the provinces, the national level (全国), or both. */
export type Coverage = 'provinces' | 'national';

/** The keys a provider entry may have. */
export const PROVIDER_KEYS = ['id', 'name', 'description'] as const;

type Add = (path: (string | number)[], message: string, node?: string, field?: string) => void;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const ID_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/**
 * Reads `providers:` and every `provider:` of the raw framework, and `coverage:`. `kindOf` tells
 * what a code is once the tree is built (`raw`, `derived`, `aggregate`, `variable`).
 */
export function readProviders(
  raw: Record<string, unknown>,
  kindOf: (code: string) => 'raw' | 'derived' | 'aggregate' | 'variable' | undefined,
  add: Add,
): { providers?: Provider[]; coverage?: Coverage[] } {
  const out: { providers?: Provider[]; coverage?: Coverage[] } = {};
  const providers: Provider[] = [];
  const byId = new Map<string, Provider>();
  if (raw.providers !== undefined && raw.providers !== null) {
    if (!Array.isArray(raw.providers)) add(['providers'], 'providers must be a list of {id, name}', undefined, 'providers');
    else
      raw.providers.forEach((p: unknown, i: number) => {
        const path = ['providers', i];
        if (!isObj(p)) return add(path, 'each provider must be a mapping with id and name (e.g. {id: customs, name: {zh: 海关总署}})', undefined, 'providers');
        for (const k of Object.keys(p)) if (!(PROVIDER_KEYS as readonly string[]).includes(k)) add([...path, k], `unknown key "${k.slice(0, 40)}"; valid here: ${PROVIDER_KEYS.join(', ')}`, undefined, k);
        const id = typeof p.id === 'string' ? p.id.trim() : '';
        if (!ID_RE.test(id)) return add([...path, 'id'], `provider id must be letters, digits, _ or - (at most 64), got ${JSON.stringify(p.id ?? '')}`, undefined, 'id');
        if (byId.has(id)) return add([...path, 'id'], `duplicate provider id ${id}`, undefined, 'id');
        const n = p.name;
        const name: LocalName | undefined = typeof n === 'string' ? { zh: n } : isObj(n) && typeof n.zh === 'string' ? { zh: n.zh, ...(typeof n.en === 'string' ? { en: n.en } : {}) } : undefined;
        if (!name) add([...path, 'name'], 'a provider needs a name (name: {zh: …, en: …})', undefined, 'name');
        if (name && (name.zh.length > 500 || (name.en?.length ?? 0) > 500)) add([...path, 'name'], 'a provider name is at most 500 characters', undefined, 'name');
        const prov: Provider = { id, name: name ?? { zh: id }, ...(typeof p.description === 'string' ? { description: p.description } : {}), variables: [] };
        byId.set(id, prov);
        providers.push(prov);
      });
  }
  const ids = [...byId.keys()];
  const assign = (section: 'nodes' | 'variables'): void => {
    const list = raw[section];
    if (!Array.isArray(list)) return;
    list.forEach((x: unknown, i: number) => {
      if (!isObj(x) || x.provider === undefined || x.provider === null) return;
      const code = typeof x.code === 'string' || typeof x.code === 'number' ? String(x.code).trim() : '';
      const path = [section, i, 'provider'];
      if (typeof x.provider !== 'string' || !x.provider.trim()) return add(path, `provider must be the id of a provider in the providers list, got ${JSON.stringify(x.provider)}`, code, 'provider');
      const id = x.provider.trim();
      const kind = kindOf(code);
      if (kind === 'derived' || kind === 'aggregate') return add(path, `${code} is ${kind === 'derived' ? 'a derived indicator (computed from its formula)' : 'an aggregate'}: no provider supplies it; put provider on the raw indicators and variables it is made from`, code, 'provider');
      const p = byId.get(id);
      if (!p) {
        const near = didYouMean(id, ids);
        return add(path, `unknown provider ${id}${near.length ? ` — did you mean ${near.join(' or ')}?` : ''}; ${ids.length ? `declared: ${ids.join(', ')}` : 'declare it in the providers list first'}`, code, 'provider');
      }
      if (code) p.variables.push(code);
    });
  };
  assign('variables');
  assign('nodes');
  if (providers.length) out.providers = providers;
  if (raw.coverage !== undefined && raw.coverage !== null) {
    const list = Array.isArray(raw.coverage) ? raw.coverage : [raw.coverage];
    const cov: Coverage[] = [];
    for (const c of list) {
      if (c === 'provinces' || c === 'national') {
        if (!cov.includes(c)) cov.push(c);
      } else add(['coverage'], `coverage lists provinces and/or national, got ${JSON.stringify(c)}`, undefined, 'coverage');
    }
    if (cov.length) out.coverage = cov;
  }
  return out;
}
