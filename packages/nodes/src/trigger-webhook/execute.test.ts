import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { triggerWebhookExecutor } from './execute.js';

describe('trigger.webhook executor', () => {
  it('outputs the trigger object it gets as input, unchanged', async () => {
    const trigger = { kind: 'webhook', body: { a: 1 }, headers: {}, query: {}, method: 'POST', path: 'orders', receivedAt: '2026-01-01T00:00:00.000Z' };
    expect(await triggerWebhookExecutor.execute({ path: 'orders' }, makeContext({ input: trigger }))).toEqual({ ok: true, output: trigger });
    expect(triggerWebhookExecutor.pure).toBe(true);
  });
});
