import type Database from 'better-sqlite3';
import { storeBusy, toPortError } from './errors.js';

/** How many transactions group commit ran and how many writes they carried. */
export interface GroupCommitStats {
  transactions: number;
  writes: number;
}

interface QueuedWrite {
  /** Runs inside the batch's transaction; answers how to settle the caller's promise. */
  execute(): () => void;
  reject(error: unknown): void;
}

/** The first pause before trying a batch again whose write lock another process holds. */
const FIRST_LOCK_RETRY_MS = 20;
const LONGEST_LOCK_RETRY_MS = 500;

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
};

/**
 * Group commit: writes queued in the same tick share one IMMEDIATE transaction, each in its own
 * savepoint, so one failing write rolls back only itself. Promises settle after COMMIT.
 *
 * When another process holds the write lock, the connection waits only a moment (its short
 * busy timeout) and the batch is tried again later from a timer, so the event loop keeps
 * serving while the lock is held; after `lockWaitMs` in all the batch fails with StoreBusyError (code SQLITE_BUSY).
 * Every other SQLite error reaches the caller as the port's StoreFailureError (toPortError).
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #lockWaitMs: number;
  /** When the batch waiting for the lock first found it taken, and the next pause. */
  #lockWait: { since: number; pauseMs: number } | undefined;
  #retry: NodeJS.Timeout | undefined;
  readonly #runBatch: (writes: QueuedWrite[], outcomes: Array<() => void>) => void;
  #queue: QueuedWrite[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #stats: GroupCommitStats = { transactions: 0, writes: 0 };

  readonly #path: string;

  constructor(db: Database.Database, options: { lockWaitMs?: number; path?: string } = {}) {
    this.#db = db;
    this.#path = options.path ?? db.name;
    this.#lockWaitMs = options.lockWaitMs ?? 5000;
    // better-sqlite3 turns a transaction function called inside a transaction into a SAVEPOINT.
    const inSavepoint = db.transaction((write: QueuedWrite) => write.execute());
    this.#runBatch = db.transaction((writes: QueuedWrite[], outcomes: Array<() => void>) => {
      for (const write of writes) {
        try {
          outcomes.push(inSavepoint(write));
        } catch (error) {
          // SQLite itself aborted the transaction (SQLITE_FULL, IOERR): nothing of the batch stands.
          if (!this.#db.inTransaction) throw error;
          outcomes.push(() => write.reject(toPortError(error)));
        }
      }
    }).immediate;
  }

  /** Queues `write` for the next batch; resolves with its result once the batch has committed. */
  enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        execute: () => {
          const result = write();
          return () => resolve(result);
        },
        reject,
      });
      if (this.#retry === undefined) this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /**
   * Commits everything queued now (close() uses it, `final`, so no write is dropped: a batch
   * that finds the lock taken then fails instead of waiting for a timer).
   */
  flush(options: { final?: boolean } = {}): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    const writes = this.#queue;
    this.#queue = [];
    if (writes.length === 0) return;
    const outcomes: Array<() => void> = [];
    try {
      this.#runBatch(writes, outcomes);
    } catch (error) {
      // BEGIN, COMMIT or SQLite itself failed: the whole batch was rolled back.
      if (isBusy(error) && !options.final && this.#mayWaitForLock()) {
        // Nothing of it stands: try the same writes again (with any queued since) later.
        this.#queue = [...writes, ...this.#queue];
        const pause = this.#lockWait!.pauseMs;
        this.#lockWait!.pauseMs = Math.min(LONGEST_LOCK_RETRY_MS, pause * 2);
        this.#retry = setTimeout(() => this.flush(), pause);
        return;
      }
      const waited = this.#lockWait === undefined ? 0 : Date.now() - this.#lockWait.since;
      this.#lockWait = undefined;
      const failure = isBusy(error) ? storeBusy(this.#path, waited, error) : toPortError(error);
      for (const write of writes) write.reject(failure);
      return;
    }
    this.#lockWait = undefined;
    this.#stats = { transactions: this.#stats.transactions + 1, writes: this.#stats.writes + writes.length };
    for (const settle of outcomes) settle();
  }

  /** Whether a batch that found the lock taken may wait for it a while longer. */
  #mayWaitForLock(): boolean {
    const now = Date.now();
    this.#lockWait ??= { since: now, pauseMs: FIRST_LOCK_RETRY_MS };
    return now - this.#lockWait.since < this.#lockWaitMs;
  }

  stats(): GroupCommitStats {
    return { ...this.#stats };
  }
}
