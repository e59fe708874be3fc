import type Database from 'better-sqlite3';

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

/**
 * Group commit: writes queued in the same tick share one IMMEDIATE transaction, each in its own
 * savepoint, so one failing write rolls back only itself. Promises settle after COMMIT.
 */
export class GroupCommit {
  readonly #db: Database.Database;
  readonly #runBatch: (writes: QueuedWrite[], outcomes: Array<() => void>) => void;
  #queue: QueuedWrite[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #stats: GroupCommitStats = { transactions: 0, writes: 0 };

  constructor(db: Database.Database) {
    this.#db = db;
    // better-sqlite3 turns a transaction function called inside a transaction into a SAVEPOINT.
    const inSavepoint = db.transaction((write: QueuedWrite) => write.execute());
    this.#runBatch = db.transaction((writes: QueuedWrite[], outcomes: Array<() => void>) => {
      for (const write of writes) {
        try {
          outcomes.push(inSavepoint(write));
        } catch (error) {
          // SQLite itself aborted the transaction (SQLITE_FULL, IOERR): nothing of the batch stands.
          if (!this.#db.inTransaction) throw error;
          outcomes.push(() => write.reject(error));
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
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now, synchronously (close() uses it so no write is dropped). */
  flush(): void {
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const writes = this.#queue;
    this.#queue = [];
    if (writes.length === 0) return;
    const outcomes: Array<() => void> = [];
    try {
      this.#runBatch(writes, outcomes);
    } catch (error) {
      // BEGIN, COMMIT or SQLite itself failed: the whole batch was rolled back.
      for (const write of writes) write.reject(error);
      return;
    }
    this.#stats = { transactions: this.#stats.transactions + 1, writes: this.#stats.writes + writes.length };
    for (const settle of outcomes) settle();
  }

  stats(): GroupCommitStats {
    return { ...this.#stats };
  }
}
