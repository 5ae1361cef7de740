/**
 * Data providers in framework files (issue 8, templates): the providers list, provider on raw
 * indicators and variables, coverage; and the checks (unknown id with a suggestion, a provider on
 * a derived indicator or an aggregate, duplicate ids, unknown keys).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameworkError, parseFramework } from '../src/core/index.ts';

const FW = (extra: { providers?: string; a?: string; pop?: string; d?: string; g?: string; coverage?: string }): string => `
id: t
name: {zh: 测试}
${extra.coverage ?? ''}
${extra.providers ?? `providers:
  - {id: stats, name: {zh: 国家统计局, en: National Bureau of Statistics}}
  - {id: customs, name: 海关总署, description: 进出口}`}
variables:
  - {code: POP, name: 人口, unit: 万人${extra.pop ?? ', provider: stats'}}
nodes:
  - {code: I, name: 指数}
  - {code: G, name: 组, parent: I${extra.g ?? ''}}
  - {code: A, name: 出口, parent: G, unit: 亿元${extra.a ?? ', provider: customs'}}
  - {code: D, name: 人均出口, parent: G, unit: 亿元/万人, formula: A / POP${extra.d ?? ''}}
`;

const problems = (text: string): string[] => {
  try {
    parseFramework(text, 't.yaml');
  } catch (e) {
    assert.ok(e instanceof FrameworkError, String(e));
    return e.problems.map((p) => `${p.line}:${p.node ?? ''}:${p.message}`);
  }
  return [];
};

test('providers: each lists the raw indicators and variables that name it, in file order (variables first)', () => {
  const fw = parseFramework(FW({}), 't.yaml');
  assert.deepEqual(fw.providers, [
    { id: 'stats', name: { zh: '国家统计局', en: 'National Bureau of Statistics' }, variables: ['POP'] },
    { id: 'customs', name: { zh: '海关总署' }, description: '进出口', variables: ['A'] },
  ]);
  assert.equal(fw.coverage, undefined);
  assert.deepEqual(parseFramework(FW({ coverage: 'coverage: [provinces, national]' }), 't.yaml').coverage, ['provinces', 'national']);
  assert.deepEqual(parseFramework(FW({ coverage: 'coverage: national' }), 't.yaml').coverage, ['national']);
});

test('providers: a framework without them parses as before', () => {
  const fw = parseFramework(FW({ providers: '', pop: '', a: '' }), 't.yaml');
  assert.equal(fw.providers, undefined);
});

test('providers: an unknown id is an error with the line, the code and the closest declared id', () => {
  assert.deepEqual(problems(FW({ a: ', provider: custom' })), ['13:A:unknown provider custom — did you mean customs?; declared: stats, customs']);
});

test('providers: a derived indicator or an aggregate has no provider', () => {
  const p = problems(FW({ d: ', provider: stats', g: ', provider: stats' }));
  assert.equal(p.length, 2);
  assert.match(p[0]!, /^12:G:G is an aggregate: no provider supplies it/);
  assert.match(p[1]!, /^14:D:D is a derived indicator \(computed from its formula\): no provider supplies it/);
});

test('providers: duplicate ids, a bad id, a missing name, an unknown key, a bad coverage', () => {
  const p = problems(FW({
    coverage: 'coverage: [provinces, county]',
    providers: `providers:
  - {id: stats, name: 统计局}
  - {id: stats, name: 又一个}
  - {id: "bad id", name: x}
  - {id: courts}
  - {id: police, name: 公安部, contact: x}
  - {id: customs, name: 海关总署}`,
  }));
  assert.deepEqual(p.map((x) => x.replace(/^\d+:/, '')), [
    ':coverage lists provinces and/or national, got "county"',
    ':duplicate provider id stats',
    ':provider id must be letters, digits, _ or - (at most 64), got "bad id"',
    ':a provider needs a name (name: {zh: …, en: …})',
    ':unknown key "contact"; valid here: id, name, description',
  ]);
});
