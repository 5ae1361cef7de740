/**
 * Mutations of the groupings file, of the file arguments (names that are JavaScript object
 * members, missing files, folders, odd names and extensions) and of the output folder.
 * Paths that can block a thread or abort the process (/dev/zero, a FIFO) run as CLI
 * subprocesses instead (cli-cases.ts).
 */
import { parse as parseYaml, stringify } from 'yaml';
import { flipBytes } from './mutate-data.ts';
import { HOSTILE_TEXT, PROTO_NAMES, type Mutation, type Mutator } from './mutation.ts';
import type { BaseId, Expect, RunSpec } from './types.ts';

const REGIONAL: readonly BaseId[] = ['regional', 'regional-small'];
const ALL: readonly BaseId[] = ['regional', 'regional-small', 'national'];
const m = (name: string, weight: number, bases: readonly BaseId[], make: Mutator['make']): Mutator => ({ name, weight, bases, make });
const gr = (text: string | Uint8Array, description: string, expect: Expect, extra: Partial<Mutation> = {}): Mutation => ({
  description,
  expect,
  files: { 'groupings.yaml': text },
  run: { groupings: '@groupings.yaml' },
  culprits: ['groupings.yaml'],
  ...extra,
});

interface GroupingsDoc {
  groupings: { id: string; name?: unknown; groups: { code: string; name?: unknown; members: string[] }[] }[];
  [k: string]: unknown;
}

const groupings: Mutator[] = [
  m('groupings:crlf-bom', 1, REGIONAL, (rng, _b, bases) => gr((rng.chance(0.5) ? '\ufeff' : '') + bases.groupingsText.replace(/\n/g, '\r\n'), 'BOM and CRLF', 'same')),
  m('groupings:hostile-names', 2, REGIONAL, (rng, _b, bases) => {
    const d = parseYaml(bases.groupingsText) as GroupingsDoc;
    const what: string[] = [];
    for (const g of d.groupings) {
      if (rng.chance(0.5)) g.name = { zh: rng.pick(HOSTILE_TEXT), en: rng.pick(HOSTILE_TEXT) };
      for (const x of g.groups) {
        if (!rng.chance(0.5)) continue;
        x.name = { zh: rng.pick(HOSTILE_TEXT), en: rng.pick(HOSTILE_TEXT) };
        what.push(x.code);
      }
    }
    const c = gr(stringify(d), `hostile names of groups ${what.join(', ')}`, 'same');
    return rng.chance(0.5) ? { ...c, run: { ...c.run, lang: 'en' } } : c;
  }),
  m('groupings:unknown-member', 1, REGIONAL, (rng, _b, bases) => {
    const d = parseYaml(bases.groupingsText) as GroupingsDoc;
    const g = rng.pick(rng.pick(d.groupings).groups);
    const v = rng.pick(['999999', 'Atlantis', ...PROTO_NAMES, '']);
    g.members.push(v);
    return gr(stringify(d), `group ${g.code} gets member ${JSON.stringify(v)}`, 'report');
  }),
  m('groupings:proto-codes', 1, REGIONAL, (rng, _b, bases) => {
    const d = parseYaml(bases.groupingsText) as GroupingsDoc;
    const g = rng.pick(d.groupings);
    const v = rng.pick(PROTO_NAMES);
    if (rng.chance(0.5)) g.id = v;
    else rng.pick(g.groups).code = v;
    return gr(stringify(d), `a grouping or group coded ${v}`, 'report');
  }),
  m('groupings:truncate', 1, REGIONAL, (rng, _b, bases) => {
    const at = rng.between(0, bases.groupingsText.length - 1);
    return gr(bases.groupingsText.slice(0, at), `cut at character ${at}`, 'report');
  }),
  m('groupings:byte-flip', 1, REGIONAL, (rng, _b, bases) => {
    const { bytes, what } = flipBytes(rng, new TextEncoder().encode(bases.groupingsText), rng.between(1, 3));
    return gr(bytes, what.join(', '), 'report');
  }),
  m('groupings:yaml-bomb', 0.5, REGIONAL, (rng, _b, bases) => {
    const levels = rng.between(4, 9);
    const parts = ['&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) parts.push(`&a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    return gr(bases.groupingsText.replace(/^version:.*$/m, `version: [${parts.join(', ')}]`), `version is an alias bomb of ${levels} levels`, 'error', { needPlace: false });
  }),
];

/** A case that only changes the run's arguments. */
const args = (run: Partial<RunSpec>, description: string, expect: Expect, culprits: string[], extra: Partial<Mutation> = {}): Mutation => ({ description, expect, files: {}, run, culprits, needPlace: false, ...extra });

const paths: Mutator[] = [
  m('path:proto-name', 2, ALL, (rng) => {
    const name = rng.pick(PROTO_NAMES);
    const field = rng.pick(['framework', 'recipe', 'groupings', 'data'] as const);
    return args(field === 'data' ? { data: [name] } : { [field]: name }, `--${field} ${name}`, 'error', [name]);
  }),
  m('path:missing', 1, ALL, (rng) => {
    const field = rng.pick(['framework', 'recipe', 'groupings', 'data'] as const);
    const name = rng.pick(['@nope.csv', '@nope.yaml', '@nope.json', '@sub/nope.csv', '@nope']);
    return args(field === 'data' ? { data: [name] } : { [field]: name }, `--${field} ${name} (absent)`, 'error', [name.slice(1)]);
  }),
  m('path:folder', 1, ALL, (rng) => {
    const field = rng.pick(['framework', 'recipe', 'groupings', 'data'] as const);
    const name = rng.pick(['adir', 'adir.csv', 'adir.json', 'adir.yaml']);
    return { ...args(field === 'data' ? { data: [`@${name}`] } : { [field]: `@${name}` }, `--${field} ${name}/ (a folder)`, 'error', [name]), files: { [`${name}/`]: '' } };
  }),
  m('path:odd-name', 1, ALL, (rng, base) => {
    const name = rng.pick(['données 数据 (1) #%.csv', ' lead space.csv', '-dash.csv', `${'长'.repeat(60)}.csv`, 'semi;colon,comma.csv', 'new\nline.csv', 'DATA.CSV']);
    return { description: `data file named ${JSON.stringify(name)}`, expect: 'same', files: { [name]: base.dataText }, run: { data: [`@${name}`] }, culprits: [name] };
  }),
  m('path:wrong-extension', 1, ALL, (rng, base) => {
    const name = rng.pick(['data.xlsx', 'data.tsv', 'data', 'data.csv.bak', 'data.yaml']);
    return { description: `data file named ${name}`, expect: 'error', files: { [name]: base.dataText }, run: { data: [`@${name}`] }, culprits: [name], needPlace: false };
  }),
];

const outputs: Mutator[] = [
  m('out:fresh', 1, ALL, (rng) => args({ out: rng.pick(['@out', '@out/a/b/c', `@out/${'d/'.repeat(40)}`]) }, 'a fresh output folder', 'same', [], { checkOutFolder: true })),
  m('out:over-earlier-run', 1, ALL, () => ({
    ...args({ out: '@out' }, 'an output folder holding an earlier run and a file of the user', 'same', [], { checkOutFolder: true }),
    files: { 'out/scores.csv': 'old', 'out/SAMPLE-DATA.txt': 'old', 'out/groups.csv': 'old', 'out/manifest.json': '{}', 'out/mine.txt': 'keep me' },
  })),
  m('out:proto-name', 1, ALL, (rng) => args({ out: `@${rng.pick(PROTO_NAMES)}` }, 'an output folder named like an object member', 'same', [], { checkOutFolder: true })),
  m('out:is-file', 1, ALL, (rng) => {
    const under = rng.chance(0.5);
    return { ...args({ out: under ? '@afile/sub' : '@afile' }, under ? 'output folder under a file' : 'output folder is a file', 'error', ['afile']), files: { afile: 'x' } };
  }),
  m('out:empty-name', 0.5, ALL, (rng) => args({ out: rng.pick(['', ' ', '\t']) }, 'an empty output folder name', 'error', ['output folder'])),
  m('out:denied', 0.5, ALL, (rng) => {
    const out = rng.pick(['/sys/ipindex-fuzz-out', '/proc/ipindex-fuzz-out/x', '/proc/self/ipindex']);
    return args({ out }, `output folder ${out}`, 'error', [out]);
  }),
];

/** Every mutator of groupings, paths and outputs. */
export const OTHER_MUTATORS: Mutator[] = [...groupings, ...paths, ...outputs];
