/**
 * Runs in the store: every evaluation from a vintage is recorded with its recipe, its manifest
 * and its scores and ranks (every node, unit and edition), so that a result can be traced to the
 * exact data and definition it came from, and compared with a later run of the same vintage.
 */
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { EvaluationResult } from '../core/plan/result.ts';
import { asNumber, audit, transaction, type Store } from './db.ts';

/** What {@link recordRun} stores. */
export interface RunInput {
  vintage: number;
  frameworkVersion: number;
  edition: number;
  recipe: unknown;
  manifest: Record<string, unknown>;
  result: EvaluationResult;
}

/** A recorded run. */
export interface RunInfo {
  id: number;
  vintage: number;
  frameworkVersion: number;
  edition: number;
  ranAt: string;
}

/** One stored score. */
export interface StoredScore {
  edition: number;
  unit: string;
  node: string;
  /** NaN where the run could not compute a score. */
  score: number;
  rank: number;
}

/** Records a run with its scores, in one transaction; returns its id. */
export async function recordRun(store: Store, r: RunInput): Promise<number> {
  const c = store.connection;
  return transaction(store, async () => {
    const id = asNumber((await c.runAndReadAll('SELECT coalesce(max(id), 0) + 1 FROM runs')).getRowsJS()[0]![0]);
    await c.run('INSERT INTO runs VALUES ($id, $v, $fv, $e, $recipe, $manifest, $at::TIMESTAMPTZ)', {
      id,
      v: r.vintage,
      fv: r.frameworkVersion,
      e: r.edition,
      recipe: JSON.stringify(r.recipe),
      manifest: JSON.stringify(r.manifest),
      at: store.now().toISOString(),
    });
    const res = r.result;
    const U = res.units.length;
    const appender = await c.createAppender('run_scores');
    const types = [INTEGER, INTEGER, VARCHAR, VARCHAR, DOUBLE, DOUBLE];
    let rows: (string | number | null)[][] = [];
    const flush = (): void => {
      if (!rows.length) return;
      const chunk = DuckDBDataChunk.create(types, rows.length);
      chunk.setRows(rows);
      appender.appendDataChunk(chunk);
      rows = [];
    };
    for (const [e, edition] of res.editions.entries()) {
      for (const node of res.nodes) {
        const scores = res.scores[node]!;
        const ranks = res.ranks[node]!;
        for (let u = 0; u < U; u++) {
          const k = e * U + u;
          rows.push([id, edition, res.units[u]!, node, scores[k]!, ranks[k]!]);
          if (rows.length === 2048) flush();
        }
      }
    }
    flush();
    appender.closeSync();
    await audit(store, 'run', { run: id, vintage: r.vintage, detail: { edition: r.edition, units: U, nodes: res.nodes.length, editions: res.editions } });
    return id;
  });
}

/** The scores of a run, in the order they were recorded (edition, node, unit). */
export async function runScores(store: Store, run: number): Promise<StoredScore[]> {
  const r = await store.connection.runAndReadAll('SELECT edition, unit, node, score, rank FROM run_scores WHERE run = $run ORDER BY rowid', { run });
  return r.getRowsJS().map((x) => ({ edition: x[0] as number, unit: x[1] as string, node: x[2] as string, score: x[3] as number, rank: x[4] as number }));
}

/** The runs recorded (of a vintage, when given), oldest first. */
export async function listRuns(store: Store, vintage?: number): Promise<RunInfo[]> {
  const r = await store.connection.runAndReadAll(
    `SELECT id, vintage, framework_version, edition, strftime(ran_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') FROM runs ${vintage !== undefined ? 'WHERE vintage = $v' : ''} ORDER BY id`,
    vintage !== undefined ? { v: vintage } : undefined,
  );
  return r.getRowsJS().map((x) => ({ id: asNumber(x[0]), vintage: asNumber(x[1]), frameworkVersion: asNumber(x[2]), edition: asNumber(x[3]), ranAt: x[4] as string }));
}
