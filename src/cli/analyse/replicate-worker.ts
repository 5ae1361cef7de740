import { parentPort, workerData } from 'node:worker_threads';
import { Replicator, type ReplicationSetup } from '../../core/analysis/uncertainty/index.ts';

/** A worker of the replication pool: builds the replicator once, then runs the row blocks it is sent. */
const { setup, design, d } = workerData as { setup: ReplicationSetup; design: Float64Array; d: number };
const rep = new Replicator(setup);
parentPort!.on('message', (task: { from: number; to: number }) => {
  try {
    const out = new Float32Array((task.to - task.from) * rep.width);
    rep.runRows(design, d, task.from, task.to, out);
    parentPort!.postMessage({ from: task.from, to: task.to, out }, [out.buffer]);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message, from: task.from });
  }
});
parentPort!.postMessage({ ready: true });
