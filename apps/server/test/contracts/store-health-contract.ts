import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHealth } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

/** The StoreHealth port's contract: what readiness and /metrics rely on. */
export function describeStoreHealthContract(name: string, makeStore: MakeStore<StoreHealth>): void {
  describe(`StoreHealth contract: ${name}`, () => {
    let harness: PortHarness<StoreHealth>;
    let store: StoreHealth;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('probeCommit resolves once committed, and the commit counters count it', async () => {
      const before = store.groupCommitStats();
      await store.probeCommit(1);
      await store.probeCommit(2);
      const after = store.groupCommitStats();
      expect(after.transactions).toBeGreaterThan(before.transactions);
      expect(after.writes - before.writes).toBe(2);
    });

    it('checkpoint stats name a mode and count from zero', () => {
      const stats = store.checkpointStats();
      expect(['background', 'inline']).toContain(stats.mode);
      expect(stats.checkpoints).toBeGreaterThanOrEqual(0);
      expect(stats.walFrames).toBeGreaterThanOrEqual(0);
    });
  });
}
