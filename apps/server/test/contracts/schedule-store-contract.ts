import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleStore } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

/** The ScheduleStore port's contract, for every implementation. */
export function describeScheduleStoreContract(name: string, makeStore: MakeStore<ScheduleStore>): void {
  describe(`ScheduleStore contract: ${name}`, () => {
    let harness: PortHarness<ScheduleStore>;
    let store: ScheduleStore;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps the latest fire of each trigger: an earlier time changes nothing', async () => {
      expect(await store.getScheduleFire('wf', 'tick')).toBeUndefined();
      await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 2000 });
      await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tock', lastFiredAt: 500 });
      await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 1000 });
      expect(await store.getScheduleFire('wf', 'tick')).toStrictEqual({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 2000 });
      await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 3000 });
      expect(await store.getScheduleFire('wf', 'tick')).toStrictEqual({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 3000 });
      expect(await store.getScheduleFire('wf', 'tock')).toStrictEqual({ workflowId: 'wf', nodeId: 'tock', lastFiredAt: 500 });
      expect(await store.getScheduleFire('other', 'tick')).toBeUndefined();
    });
  });
}
