import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '../definitions.js';
import { validateWorkflow } from '@switchyard/schema';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { scheduleSettings, triggerScheduleDefinition, TriggerScheduleParams } from './definition.js';
import { triggerScheduleExecutor } from './execute.js';

describe('trigger.schedule', () => {
  it('is a supported trigger that cannot fail', () => {
    expect(triggerScheduleDefinition.notSupportedYet).toBeUndefined();
    expect(triggerScheduleDefinition).toMatchObject({ isTrigger: true, canFail: false, group: 'trigger' });
  });

  it('accepts 5 and 6 field expressions and IANA time zones', () => {
    expectValid(triggerScheduleDefinition, { cron: '*/5 * * * *', timezone: 'Europe/Paris' });
    expectValid(triggerScheduleDefinition, { cron: '0 0 9 * * MON' });
    expectValid(triggerScheduleDefinition, { cron: '  30 2 * * 1-5  ', timezone: 'America/New_York' });
    expectValid(triggerScheduleDefinition, { cron: '0 0 L * *', timezone: 'UTC' });
  });

  it('says what is wrong with an expression, located at cron', () => {
    expect(issuesOf(triggerScheduleDefinition, { cron: 'every day' })).toEqual([{ path: ['cron'], message: 'a cron expression has 5 or 6 fields separated by spaces' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '0 0 0 1 1 * 2030' })).toEqual([{ path: ['cron'], message: 'a cron expression has 5 or 6 fields separated by spaces' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '@daily' })).toEqual([{ path: ['cron'], message: 'a cron expression has 5 or 6 fields separated by spaces' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '61 * * * *' })).toEqual([{ path: ['cron'], message: 'not a valid cron expression: invalid value for minute: 61' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '*/0 * * * *' })).toEqual([{ path: ['cron'], message: 'not a valid cron expression: syntax error, illegal stepping: 0' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: 'a b c d e' })).toEqual([
      { path: ['cron'], message: 'not a valid cron expression: the field "a" contains illegal characters' },
    ]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '0 0 31 2 *' })).toEqual([{ path: ['cron'], message: 'the cron expression never fires (no date matches it)' }]);
    expect(issuesOf(triggerScheduleDefinition, {})).toEqual([{ path: ['cron'], message: 'cron is required' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: 5 })).toHaveLength(1);
  });

  it('says what is wrong with a time zone or an unknown field', () => {
    expect(issuesOf(triggerScheduleDefinition, { cron: '* * * * *', timezone: 'Mars/Olympus' })).toEqual([
      { path: ['timezone'], message: 'an IANA time zone such as "Europe/Paris" or "UTC"' },
    ]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '* * * * *', tz: 'UTC' })).toEqual([{ path: [], message: 'unknown field "tz"' }]);
  });

  it('locates an invalid expression in a workflow at params.cron', () => {
    const workflow = {
      schemaVersion: 1,
      name: 'nightly',
      nodes: [{ id: 'tick', type: 'trigger.schedule', params: { cron: '0 25 * * *' } }],
      edges: [],
    };
    const result = validateWorkflow(workflow, nodeDefinitions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({ path: ['nodes', 0, 'params', 'cron'], message: 'not a valid cron expression: invalid value for hour: 25' }),
    );
    const valid = validateWorkflow({ ...workflow, nodes: [{ id: 'tick', type: 'trigger.schedule', params: { cron: '0 2 * * *', timezone: 'Europe/Paris' } }] }, nodeDefinitions);
    expect(valid.ok).toBe(true);
  });

  it('applies the UTC default and trims the expression', () => {
    expect(scheduleSettings(TriggerScheduleParams.parse({ cron: ' 0 * * * * ' }))).toEqual({ cron: '0 * * * *', timezone: 'UTC' });
    expect(scheduleSettings(TriggerScheduleParams.parse({ cron: '0 * * * *', timezone: 'Asia/Tokyo' }))).toEqual({ cron: '0 * * * *', timezone: 'Asia/Tokyo' });
  });

  it('outputs the trigger object it gets as input', async () => {
    const trigger = { kind: 'schedule', firedAt: '2025-03-30T01:00:00.000Z' };
    expect(await triggerScheduleExecutor.execute({ cron: '* * * * *' }, makeContext({ input: trigger }))).toEqual({ ok: true, output: trigger });
    expect(triggerScheduleExecutor.pure).toBe(true);
  });
});
