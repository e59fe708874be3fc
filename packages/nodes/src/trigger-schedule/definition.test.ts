import { describe, expect, it } from 'vitest';
import { expectValid, issuesOf } from '../../test/issues.js';
import { triggerScheduleDefinition } from './definition.js';

describe('trigger.schedule', () => {
  it('is declared but not supported yet', () => {
    expect(triggerScheduleDefinition.notSupportedYet).toBe('trigger.schedule is not supported yet');
    expect(triggerScheduleDefinition).toMatchObject({ isTrigger: true, canFail: false });
  });

  it('checks cron and timezone', () => {
    expectValid(triggerScheduleDefinition, { cron: '*/5 * * * *', timezone: 'Europe/Paris' });
    expectValid(triggerScheduleDefinition, { cron: '0 0 9 * * MON' });
    expect(issuesOf(triggerScheduleDefinition, { cron: 'every day' })).toEqual([{ path: ['cron'], message: 'a cron expression has 5 or 6 fields separated by spaces' }]);
    expect(issuesOf(triggerScheduleDefinition, { cron: '* * * * *', timezone: 'Mars/Olympus' })).toEqual([
      { path: ['timezone'], message: 'an IANA time zone such as "Europe/Paris" or "UTC"' },
    ]);
    expect(issuesOf(triggerScheduleDefinition, {})).toEqual([{ path: ['cron'], message: 'cron is required' }]);
  });
});
