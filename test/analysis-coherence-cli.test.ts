/**
 * `ipindex analyse coherence`: the output folder (coherence.csv, coherence-groups.csv,
 * coherence-flags.csv, coherence-importance.csv, removal.csv with BOM; coherence.json; manifest)
 * and the printed summary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../src/core/index.ts';

/** CSV text (without its BOM) as records keyed by the header. */
function records(text: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

const BIN = new URL('../bin/ipindex.mjs', import.meta.url).pathname;
const DATA = new URL('../data/sample/regional.csv', import.meta.url).pathname;
const read = (dir: string, f: string) => {
  const text = readFileSync(join(dir, f), 'utf8');
  assert.ok(text.startsWith('\ufeff'), `${f} has a BOM`);
  return { head: text.slice(1, text.indexOf('\n')), rows: records(text.slice(1)) };
};

test('analyse coherence writes every table, in English with English name columns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipindex-coh-'));
  try {
    const out = execFileSync(process.execPath, [BIN, 'analyse', 'coherence', '-f', 'cnipa-regional', '-d', DATA, '-e', '2025', '-o', dir, '--lang', 'en', '--duplicate-threshold', '0.95'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    assert.equal(lines[1], '2025 statistical coherence (31 units, pairwise complete observations)');
    assert.match(lines[2]!, /^lowest Cronbach's alpha: G\d\d .+ 0\.\d\d, /);
    assert.match(lines[5]!, /^near-duplicates within a group \(\|r\| > 0\.95\): \d+/);
    const c = read(dir, 'coherence.csv');
    assert.equal(c.head, 'a,b,level,pearson,spearman,n,relation,a_name,b_name,a_name_en,b_name_en');
    const r = c.rows.find((x) => x.a === 'R01' && x.b === 'RIDX')!;
    assert.deepEqual([r.level, r.relation, r.n, r.b_name_en], ['indicator/index', 'ancestor', '31', 'Regional IP Development Index']);
    assert.equal(read(dir, 'coherence-groups.csv').head, 'node,child,alpha,pca_share,eigenvalue_1,loading,pc1_correlation,children,complete,node_name,child_name,node_name_en,child_name_en');
    const flags = read(dir, 'coherence-flags.csv');
    assert.ok(flags.rows.filter((f) => f.flag === 'near-duplicate').every((f) => Math.abs(Number(f.value)) > 0.95 && f.threshold === '0.95'));
    assert.ok(flags.rows.some((f) => f.flag === 'negative-correlation'));
    const removal = read(dir, 'removal.csv');
    assert.equal(removal.head, 'node,mean_abs_rank_shift,max_rank_shift,n,removed,method,note,node_name,node_name_en');
    assert.equal(removal.rows.length, 98);
    assert.equal(read(dir, 'coherence-importance.csv').rows.filter((x) => x.scope === 'index').length, 86);
    const json = JSON.parse(readFileSync(join(dir, 'coherence.json'), 'utf8'));
    assert.deepEqual([json.edition, json.groups.length, json.removal.length], [2025, 13, 98]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.deepEqual([manifest.analysis.kind, manifest.analysis.duplicateThreshold], ['coherence', 0.95]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
