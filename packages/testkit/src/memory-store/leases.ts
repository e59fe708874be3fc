import type { RunLease, TimerRecord } from '@switchyard/engine';
import { compareText } from './keys.js';
import type { MemoryRuns } from './runs.js';

interface LeaseState {
  owner: string | null;
  /** 0 until the run is first claimed; raised by every claim, kept by a release. */
  epoch: number;
  until: number | null;
}

const UNLEASED: Readonly<LeaseState> = { owner: null, epoch: 0, until: null };

/**
 * Leases on runs. A memory store lives in one process, so there is no other worker to exclude:
 * like the SQLite store, it grants every claim and raises the run's epoch, which still fences out
 * a driver the same process replaced (a run reloaded after a failed step). It is no model of
 * several processes sharing one store.
 */
export class MemoryLeases {
  readonly #runs: MemoryRuns;
  readonly #byRun = new Map<string, LeaseState>();

  constructor(runs: MemoryRuns) {
    this.#runs = runs;
  }

  /** Claims up to `limit` unfinished runs (oldest first); the answer is ordered by run id. */
  claimAll(owner: string, until: number, limit: number): RunLease[] {
    // A negative or infinite limit is no limit, as SQLite's LIMIT -1.
    const unfinished = this.#runs.unfinishedRunIds();
    const chosen = Number.isFinite(limit) && limit >= 0 ? unfinished.slice(0, limit) : unfinished;
    return chosen.map((runId) => this.#claim(runId, owner, until)).sort((a, b) => compareText(a.runId, b.runId));
  }

  /** Claims one run, finished or not; undefined when there is no such run. */
  claimOne(runId: string, owner: string, until: number): RunLease | undefined {
    return this.#runs.hasRun(runId) ? this.#claim(runId, owner, until) : undefined;
  }

  /** Extends the claims `owner` holds among `runIds`; answers those ids. */
  renew(owner: string, runIds: readonly string[], until: number): string[] {
    return runIds.filter((runId) => {
      const lease = this.#byRun.get(runId);
      if (lease?.owner !== owner) return false;
      lease.until = until;
      return true;
    });
  }

  release(owner: string, runIds: readonly string[]): void {
    for (const runId of runIds) {
      const lease = this.#byRun.get(runId);
      if (lease?.owner === owner) this.#byRun.set(runId, { owner: null, epoch: lease.epoch, until: null });
    }
  }

  /** Whether `runId` is leased to `owner` at `epoch`. */
  holds(runId: string, owner: string, epoch: number): boolean {
    const lease = this.#byRun.get(runId);
    return lease !== undefined && lease.owner === owner && lease.epoch === epoch;
  }

  /** A run created already held: epoch 1. */
  grant(runId: string, owner: string, until: number): void {
    this.#byRun.set(runId, { owner, epoch: 1, until });
  }

  /** Timers due by `now` of the runs `owner` holds, soonest first, at most `limit`. */
  dueTimers(owner: string, now: number, limit: number): TimerRecord[] {
    const due = this.#runs.listTimers().filter((timer) => timer.dueAt <= now && this.#byRun.get(timer.runId)?.owner === owner);
    return Number.isFinite(limit) && limit >= 0 ? due.slice(0, limit) : due;
  }

  #claim(runId: string, owner: string, until: number): RunLease {
    const epoch = (this.#byRun.get(runId) ?? UNLEASED).epoch + 1;
    this.#byRun.set(runId, { owner, epoch, until });
    return { runId, owner, epoch, until };
  }
}
