import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workflow } from '@switchyard/schema';
import type { WorkflowStore } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

const definition = (name: string): Workflow => Workflow.parse({ schemaVersion: 1, name, nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, params: {} }], edges: [] });

/**
 * The server's addition to the engine's workflow storage (whose own methods the engine's store
 * contract covers): an edit lands only while the version it was computed from is the latest.
 */
export function describeWorkflowStoreContract(name: string, makeStore: MakeStore<WorkflowStore>): void {
  describe(`WorkflowStore contract: ${name}`, () => {
    let harness: PortHarness<WorkflowStore>;
    let store: WorkflowStore;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('updateWorkflowIfLatest stores the next version while `version` is the latest, else answers moved', async () => {
      await store.createWorkflow('wf', definition('v1'), 1);
      const v2 = await store.updateWorkflowIfLatest('wf', 1, definition('v2'), 2);
      expect(v2).toMatchObject({ id: 'wf', version: 2, definition: definition('v2'), updatedAt: 2 });
      expect(await store.updateWorkflowIfLatest('wf', 1, definition('stale'), 3)).toBe('moved');
      expect((await store.getWorkflow('wf'))?.definition).toStrictEqual(definition('v2'));
      expect(await store.listWorkflowVersions('wf')).toHaveLength(2);
      expect(await store.updateWorkflowIfLatest('nope', 1, definition('x'), 4)).toBeUndefined();
    });
  });
}
