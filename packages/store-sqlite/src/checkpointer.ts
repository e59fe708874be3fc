import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { SynchronousMode } from './open-database.js';

/** What the background checkpointer has done since the store opened. */
export interface CheckpointStats {
  /** `background` while the worker runs; `inline` when SQLite checkpoints on commit (the worker failed or was not wanted). */
  mode: 'background' | 'inline';
  /** Checkpoints that found frames in the WAL. */
  checkpoints: number;
  /** The WAL's length in frames when the last of them ran. */
  walFrames: number;
}

export interface Checkpointer {
  stats(): CheckpointStats;
  /** Stops the worker; resolves once its connection is closed. */
  close(): Promise<void>;
}

/**
 * The WAL's size past which the background checkpointer truncates it once fully copied, and
 * SQLite's journal_size_limit (what a reset WAL is cut back to). Without it the WAL keeps its
 * largest size for ever: after a flood, 940 MB beside a 209 MB database.
 */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

/** SQLite's default: a commit that leaves more WAL pages than this checkpoints inline. */
const INLINE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker: its own connection to the file, running PASSIVE checkpoints (which never block
 * the writer or readers) every `intervalMs`. CommonJS evaluated from a string, so it needs no
 * file of its own next to the compiled code; the driver's path comes from the main thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = ' + workerData.synchronous);
let timer;
db.pragma('journal_size_limit = ' + workerData.walLimitBytes);
const pageSize = Number(db.pragma('page_size', { simple: true }));
const tick = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log > 0) parentPort.postMessage({ walFrames: result.log });
    // PASSIVE copies the WAL but never shrinks the file. Once it is all copied and larger than
    // the limit, TRUNCATE resets it to zero bytes; without waiting (busy timeout 0) for a
    // writer or a reader: if one is there, it is tried again at the next tick.
    if (result && result.busy === 0 && result.log > 0 && result.checkpointed === result.log && result.log * pageSize > workerData.walLimitBytes) {
      db.pragma('busy_timeout = 0');
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        if (!/busy|locked/i.test(String(error && error.message))) throw error;
      } finally {
        db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
      }
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
tick();
`;

/**
 * Moves WAL checkpoints off the thread that commits. A checkpoint copies the WAL into the
 * database file and, at synchronous=NORMAL or FULL, fsyncs it: done inline by the commit that
 * crosses SQLite's threshold, it stalls the event loop (and every request it serves) for as
 * long as the disk takes. Here the committing connection stops checkpointing
 * (`wal_autocheckpoint = 0`) once the worker is ready, and gets it back if the worker fails,
 * so the WAL never grows without a checkpointer.
 */
export function startCheckpointer(db: Database.Database, options: { path: string; synchronous: SynchronousMode; busyTimeoutMs: number; intervalMs?: number; walLimitBytes?: number; onError?: (message: string) => void }): Checkpointer {
  const stats: CheckpointStats = { mode: 'inline', checkpoints: 0, walFrames: 0 };
  const inline = (): void => {
    if (stats.mode === 'inline' || !db.open) return;
    stats.mode = 'inline';
    db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path: options.path, synchronous: options.synchronous, busyTimeoutMs: options.busyTimeoutMs, intervalMs: options.intervalMs ?? 100, walLimitBytes: options.walLimitBytes ?? WAL_LIMIT_BYTES },
    });
  } catch (error) {
    options.onError?.(String(error));
    return { stats: () => ({ ...stats }), close: async () => {} };
  }
  // The worker must not keep a process alive that has nothing else to do.
  worker.unref();
  let closing = false;
  worker.on('message', (message: { ready?: true; walFrames?: number; error?: string }) => {
    if (message.ready && !closing && db.open) {
      db.pragma('wal_autocheckpoint = 0');
      stats.mode = 'background';
    }
    if (message.walFrames !== undefined) {
      stats.checkpoints += 1;
      stats.walFrames = message.walFrames;
    }
    if (message.error !== undefined) options.onError?.(message.error);
  });
  worker.on('error', (error) => {
    inline();
    options.onError?.(String(error));
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => inline());
  return {
    stats: () => ({ ...stats }),
    async close() {
      if (closing) return exited;
      closing = true;
      inline();
      // Referenced again: a process that awaits this close must stay alive until the worker exits.
      worker.ref();
      worker.postMessage('close');
      return exited;
    },
  };
}
