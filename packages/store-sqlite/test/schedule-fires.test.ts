import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from './support/temp-db.js';

describe('schedule fires', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('keeps the latest fired time per workflow and trigger, across a reopen', async () => {
    db = tempDb();
    const store = db.open();
    expect(await store.getScheduleFire('wf', 'tick')).toBeUndefined();
    await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 2_000 });
    // A late write of an earlier time does not move it back.
    await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 1_000 });
    await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'other', lastFiredAt: 5_000 });
    expect(await store.getScheduleFire('wf', 'tick')).toStrictEqual({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 2_000 });
    await store.recordScheduleFire({ workflowId: 'wf', nodeId: 'tick', lastFiredAt: 3_000 });
    await store.close();
    const reopened = db.open();
    expect((await reopened.getScheduleFire('wf', 'tick'))?.lastFiredAt).toBe(3_000);
    expect((await reopened.getScheduleFire('wf', 'other'))?.lastFiredAt).toBe(5_000);
  });
});
