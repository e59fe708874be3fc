import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { triggerManualDefinition } from './definition.js';
import { triggerManualExecutor } from './execute.js';

describe('trigger.manual', () => {
  it('has no params', () => {
    expectValid(triggerManualDefinition, {});
    expect(issuesOf(triggerManualDefinition, { body: {} })).toEqual([{ path: [], message: 'unknown field "body"' }]);
  });

  it('outputs the trigger object it gets as input, unchanged', async () => {
    const trigger = { kind: 'manual', body: { n: 1 } };
    expect(await triggerManualExecutor.execute({}, makeContext({ input: trigger }))).toEqual({ ok: true, output: trigger });
    expect(triggerManualExecutor.pure).toBe(true);
    expect(triggerManualExecutor.retrySafe({}, { idempotencyKeyExplicit: false })).toBe(true);
    expect(triggerManualDefinition).toMatchObject({ isTrigger: true, canFail: false, group: 'trigger' });
  });
});
