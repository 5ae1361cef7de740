/**
 * The summary names the index's top drivers (from the change attribution): for the national
 * index, the indicators whose contributions raised and held back the change most — checked
 * against contributions computed here independently (every indicator weighs 1/85, so its
 * contribution is its change of normalised score / 85).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_RECIPES, attribute, compile, summarise, topDrivers } from '../src/core/index.ts';
import { loadFramework, loadRegistry, readDataFiles } from '../src/io/index.ts';
import { Panel } from '../src/core/index.ts';

test('national summary: 变化来源 names the three largest contributions each way, with their values', () => {
  const { framework } = loadFramework('cnipa-national');
  const { observations } = readDataFiles(['data/sample/national.csv'], loadRegistry());
  const plan = compile(framework, BUILTIN_RECIPES['cnipa-national']!, new Panel(observations).cube(), { edition: 2025 });
  const res = plan.run();
  const drivers = topDrivers(attribute(plan, res), { n: 3 });
  const lines = summarise(res, framework, { drivers });
  const line = lines.find((l) => l.startsWith('变化来源：'));
  assert.ok(line, lines.join('\n'));
  // independent: Δs / 85 for every indicator, 2025 vs 2024
  const e = res.editions.indexOf(2025);
  const leaves = framework.nodes.filter((n) => n.kind !== 'aggregate');
  assert.equal(leaves.length, 85);
  const contrib = leaves
    .map((n) => ({ n, c: (res.scores[n.code]![e]! - res.scores[n.code]![e - 1]!) / 85 }))
    .filter((x) => Number.isFinite(x.c))
    .sort((a, b) => b.c - a.c);
  const up = contrib.filter((x) => x.c > 0).slice(0, 3);
  const down = contrib.filter((x) => x.c < 0).reverse().slice(0, 3);
  const dp = res.recipe.reporting.decimals; // 1 for the national recipe
  const fmt = (x: number): string => `${x > 0 ? '+' : ''}${x.toFixed(dp)}`;
  const expected = `变化来源：${framework.name.zh}的变化主要来自${up.map((x) => `${x.n.name.zh}（${fmt(x.c)}）`).join('、')}${down.length ? `；拖累较大的是${down.map((x) => `${x.n.name.zh}（${fmt(x.c)}）`).join('、')}` : ''}。`;
  assert.equal(line, expected);
  // it sits after the sub-index lines, and without drivers there is no such line
  assert.ok(lines.indexOf(line!) > 1);
  assert.ok(!summarise(res, framework).some((l) => l.startsWith('变化来源')));
  const en = summarise(res, framework, { drivers, lang: 'en' }).find((l) => l.startsWith('Drivers: '));
  assert.match(en!, /^Drivers: .* change mainly from .*\(\+\d+\.\d\)/);
});
