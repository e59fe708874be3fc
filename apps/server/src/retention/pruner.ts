import type { Clock, Store, TimerHandle } from '@switchyard/engine';
import type { PruneReport } from '@switchyard/schema';
import type { Logger } from 'pino';
import type { RetentionStore } from '../ports/index.js';
import { IDEMPOTENCY_WINDOW_MS } from '../webhooks/idempotency.js';
import type { RetentionConfig } from './retention-config.js';

/** Pause between batches while there is more to remove: runs in progress get the write lock in between. */
export const BETWEEN_BATCHES_MS = 20;
/** Free pages handed back to the file system after each batch that removed runs. */
export const VACUUM_PAGES = 2000;

export interface Pruner {
  start(): void;
  stop(): Promise<void>;
  /** One batch now (and the vacuum step after it): what a timer tick does. */
  pruneOnce(): Promise<PruneReport>;
  /** Totals since the server started. */
  stats(): { batches: number; pruned: number };
}

export interface PrunerDeps {
  store: RetentionStore & Pick<Store, 'pruneIdempotencyKeys'>;
  clock: Clock;
  log: Logger;
  config: RetentionConfig;
}

/**
 * Retention in the background: small batches on the injected clock, one transaction each
 * through the same group commit as the runs being written, then a step of incremental vacuum.
 * Which runs go is the store's pure query over the policy; this only paces it.
 */
export function createPruner({ store, clock, log, config }: PrunerDeps): Pruner {
  let timer: TimerHandle | undefined;
  let stopped = true;
  let chain: Promise<unknown> = Promise.resolve();
  const totals = { batches: 0, pruned: 0 };

  const pruneOnce = (): Promise<PruneReport> => {
    const work = chain.then(async () => {
      const now = clock.now();
      // Expired keys first: a run is kept while a key inside its window still points at it.
      await store.pruneIdempotencyKeys(now - IDEMPOTENCY_WINDOW_MS);
      const report = await store.pruneRuns(config.policy, now, config.batch);
      if (report.pruned > 0) {
        totals.batches += 1;
        totals.pruned += report.pruned;
        await store.vacuumStep(VACUUM_PAGES);
      }
      return report;
    });
    chain = work.catch(() => undefined);
    return work;
  };

  const arm = (delayMs: number): void => {
    timer = clock.setTimer(clock.now() + delayMs, () => {
      if (stopped) return;
      pruneOnce().then(
        (report) => {
          if (!stopped) arm(report.more ? BETWEEN_BATCHES_MS : config.everyMs);
        },
        (error: unknown) => {
          // A busy or full store: say so and try again at the normal pace.
          log.warn({ err: error instanceof Error ? error.message : String(error) }, 'pruning old runs failed; trying again later');
          if (!stopped) arm(config.everyMs);
        },
      );
    });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      arm(config.everyMs);
    },
    async stop() {
      stopped = true;
      if (timer) clock.clearTimer(timer);
      await chain;
    },
    pruneOnce,
    stats: () => ({ ...totals }),
  };
}
