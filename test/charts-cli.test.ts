/** `ipindex chart <kind>`: one chart of a run as SVG or PNG, written whole; errors name what is wrong. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const regional = ['-f', 'cnipa-regional', '-d', 'data/sample/regional.csv', '-e', '2025'];

test('chart map → SVG with the provinces, the sample mark, the inset and a title from node and edition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-chart-'));
  try {
    const out = join(dir, 'map.svg');
    const r = run('chart', 'map', ...regional, '--node', 'P1', '-o', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /【样本数据】/);
    assert.match(r.stdout, /→ 图表已写入 .*map\.svg（900 × 760，SVG）/);
    const svg = readFileSync(out, 'utf8');
    for (const s of ['2025年各地区知识产权保护', '广东', '内蒙古', '样本数据', 'fill="#9a9a9a"']) assert.ok(svg.includes(s), s);
    assert.deepEqual(readdirSync(dir), ['map.svg'], 'no temporary file left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('chart tiles --lang en → PNG (format from the file name)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-chart-'));
  try {
    const out = join(dir, 'tiles.png');
    const r = run('chart', 'tiles', ...regional, '--lang', 'en', '-o', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\[SAMPLE DATA\]/);
    assert.deepEqual([...readFileSync(out).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('chart errors: unknown kind, unknown node, radar without --unit, a bad base map — exit 1, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-chart-'));
  try {
    const out = join(dir, 'x.svg');
    let r = run('chart', 'pie', ...regional, '-o', out);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown chart kind pie; expected one of series, groups, map, tiles, ranking, radar, heatmap, targets/);
    r = run('chart', 'ranking', ...regional, '--node', 'ZZ9', '-o', out);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /framework cnipa-regional has no node ZZ9/);
    r = run('chart', 'radar', ...regional, '-o', out);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /雷达图需要 --unit.*the radar chart needs --unit/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"type":"FeatureCollection"}');
    r = run('chart', 'map', ...regional, '--map', bad, '-o', out);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.json is not a GeoJSON FeatureCollection/);
    assert.equal(existsSync(out), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
