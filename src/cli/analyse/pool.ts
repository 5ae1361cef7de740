import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { IpIndexError } from '../../core/index.ts';
import { Replicator, type DesignRunner } from '../../core/analysis/uncertainty/index.ts';

/** Options of {@link poolRunner}. */
export interface PoolOptions {
  /** Worker threads (default: {@link defaultThreads}); 1 runs on this thread. */
  threads?: number;
  /** Called as rows complete. */
  progress?: (done: number, total: number) => void;
  /** Aborts the run (Ctrl-C): workers are stopped and the promise rejects. */
  signal?: AbortSignal;
}

/** Worker threads at most, when none are asked for: the cores, at most 8. */
export function maxThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

const interrupted = (done: number, total: number): IpIndexError => new IpIndexError(`Interrupted after ${done} of ${total} model runs; nothing written / 已中断：${total} 次运行中完成 ${done} 次，未写入任何结果`);

/** A worker costs about a second to start (it loads the TypeScript core): worth it only for longer runs. */
const WORTH_WORKERS_S = 2;

/**
 * Runs a design's rows, on this thread or on worker threads, in blocks handed out as workers free
 * up. Each row's ranks depend only on the row, and blocks land at their rows' places, so the
 * result is the same for any number of threads. Without `threads`, the first rows run here; if
 * the rest would take more than a couple of seconds, workers take over (one per core, at most 8).
 */
export function poolRunner(options: PoolOptions = {}): DesignRunner {
  return async (setup, design, d, rows) => {
    const { signal, progress } = options;
    const rep = new Replicator(setup);
    const width = rep.width;
    const out = new Float32Array(rows * width);
    let done = 0;
    const t0 = performance.now();
    const inlineUntil = async (stop: () => boolean): Promise<void> => {
      while (done < rows && !stop()) {
        if (signal?.aborted) throw interrupted(done, rows);
        const to = Math.min(rows, done + 100);
        rep.runRows(design, d, done, to, out.subarray(done * width, to * width));
        done = to;
        progress?.(done, rows);
        // let a Ctrl-C through between blocks
        await new Promise((res) => setImmediate(res));
      }
    };
    let threads = options.threads;
    if (threads === undefined) {
      // the first rows pay for compiling the alternatives' plans: judge by the latest rows
      let mark = performance.now();
      let markRow = 0;
      await inlineUntil(() => {
        const now = performance.now();
        if (now - mark > 150 && done > markRow) {
          if (now - t0 > 300) return true;
          mark = now;
          markRow = done;
        }
        return false;
      });
      const rest = ((performance.now() - mark) / 1000 / Math.max(1, done - markRow)) * (rows - done);
      threads = rest > WORTH_WORKERS_S ? maxThreads() : 1;
    }
    threads = Math.max(1, Math.min(threads, Math.ceil((rows - done) / 64)));
    if (threads === 1) {
      await inlineUntil(() => false);
      return out;
    }
    const block = Math.max(16, Math.min(500, Math.ceil((rows - done) / (threads * 8))));
    let next = done;
    const workers: Worker[] = [];
    return await new Promise<Float32Array>((resolve, reject) => {
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        for (const w of workers) void w.terminate();
        if (err) reject(err);
        else resolve(out);
      };
      const onAbort = (): void => finish(interrupted(done, rows));
      signal?.addEventListener('abort', onAbort);
      const feed = (w: Worker): void => {
        if (next >= rows) return;
        const from = next;
        next = Math.min(rows, next + block);
        w.postMessage({ from, to: next });
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(new URL('./replicate-worker.mjs', import.meta.url), { workerData: { setup, design, d } });
        workers.push(w);
        w.on('message', (m: { ready?: true; error?: string; from: number; to: number; out: Float32Array }) => {
          if (m.ready) return feed(w);
          if (m.error) return finish(new IpIndexError(m.error));
          out.set(m.out, m.from * width);
          done += m.to - m.from;
          progress?.(done, rows);
          if (done === rows) finish();
          else feed(w);
        });
        w.on('error', (e) => finish(e instanceof IpIndexError ? e : new IpIndexError(`worker thread failed: ${e.message}`)));
        w.on('exit', (code) => {
          if (!settled && code !== 0) finish(new IpIndexError(`worker thread stopped (exit code ${code})`));
        });
      }
      if (signal?.aborted) onAbort();
    });
  };
}

/**
 * A progress bar with an ETA on stderr, for runs that last: drawn at most ten times a second,
 * only on a terminal (or with IPINDEX_PROGRESS=1), cleared at the end.
 */
export function progressBar(label: string): { update: (done: number, total: number) => void; end: () => void } {
  const on = process.stderr.isTTY || process.env.IPINDEX_PROGRESS === '1';
  const start = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      if (!on) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total ? done / total : 1;
      const elapsed = (now - start) / 1000;
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : NaN;
      const width = 24;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      process.stderr.write(`\r${label} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${total}  ETA ${Number.isFinite(eta) ? `${eta.toFixed(1)} s` : '…'}   `);
      drawn = true;
    },
    end() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
