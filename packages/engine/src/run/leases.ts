import type { Clock, LeaseStore, Logger, RunLease, TimerHandle } from '../ports.js';

/** What a driver writes its steps under: the lease it holds on its run. */
export type Fence = Pick<RunLease, 'runId' | 'owner' | 'epoch'>;

export interface LeaseKeeperDeps {
  store: LeaseStore;
  clock: Clock;
  log: Logger;
  /** This worker's name in the store's leases. */
  owner: string;
  leaseMs: number;
  /** Counts the renewals as work in progress (the engine's idle()). */
  track<T>(work: Promise<T>): Promise<T>;
  /** The runs this worker drives now. */
  held(): readonly string[];
  /** A run whose lease could not be renewed is another worker's now: stop driving it. */
  lost(runId: string): void;
}

/**
 * Holds this worker's leases: claims runs, creates new ones already held, and renews what it
 * drives a third of a lease before it lapses, for as long as it drives anything.
 */
export class LeaseKeeper {
  private renewal: TimerHandle | undefined;

  constructor(private readonly deps: LeaseKeeperDeps) {}

  get owner(): string {
    return this.deps.owner;
  }

  /** Every unfinished run free to take: what a starting worker takes back. */
  claimUnfinished(): Promise<RunLease[]> {
    const { store, owner, clock, leaseMs } = this.deps;
    return store.claimRuns(owner, clock.now(), leaseMs, Number.POSITIVE_INFINITY);
  }

  /** One run, to resume, cancel or reload it; undefined when another worker holds it. */
  claim(runId: string): Promise<RunLease | undefined> {
    const { store, owner, clock, leaseMs } = this.deps;
    return store.claimRun(runId, owner, clock.now(), leaseMs);
  }

  /** The lease a run is created with (epoch 1), written in the changeset that creates it. */
  forNewRun(runId: string): { fence: Fence; created: { owner: string; until: number } } {
    const { owner } = this.deps;
    return { fence: { runId, owner, epoch: 1 }, created: { owner, until: this.deps.clock.now() + this.deps.leaseMs } };
  }

  /** Arms renewals while runs are held, and disarms them when none are (a test's clock stays empty). */
  sync(): void {
    const holding = this.deps.held().length > 0;
    if (holding && !this.renewal) {
      this.renewal = this.deps.clock.setTimer(this.deps.clock.now() + Math.max(1, Math.floor(this.deps.leaseMs / 3)), () => this.renew());
    } else if (!holding && this.renewal) {
      this.deps.clock.clearTimer(this.renewal);
      this.renewal = undefined;
    }
  }

  /** Gives every held lease up (a stopping worker), so another may take the runs at once. */
  async releaseAll(): Promise<void> {
    this.stopRenewing();
    const { store, owner, log } = this.deps;
    await store.releaseLeases(owner, this.deps.held()).catch((err: unknown) => log.warn({ err: String(err) }, 'leases could not be released; they lapse on their own'));
  }

  stopRenewing(): void {
    if (this.renewal) this.deps.clock.clearTimer(this.renewal);
    this.renewal = undefined;
  }

  private renew(): void {
    this.renewal = undefined;
    const { store, owner, clock, leaseMs, log } = this.deps;
    const ids = [...this.deps.held()];
    void this.deps.track(
      store.renewLeases(owner, ids, clock.now(), leaseMs).then(
        (kept) => {
          const still = new Set(kept);
          for (const id of ids) if (!still.has(id)) this.deps.lost(id);
        },
        // Not renewed is not lost: the next renewal tries again well before the leases lapse.
        (err: unknown) => log.warn({ err: String(err) }, 'leases could not be renewed'),
      ).finally(() => this.sync()),
    );
  }
}
