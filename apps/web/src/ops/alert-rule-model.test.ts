import { describe, expect, it } from 'vitest';
import { emptyRuleForm, ruleBody } from './alert-rule-model';

describe('the alert rule form model', () => {
  it('builds a breaker rule for any integration, told at once by webhook, escalated by e-mail after 15 minutes', () => {
    const form = {
      ...emptyRuleForm(),
      name: ' Payments down ',
      levels: [
        { afterMinutes: '0', channels: [{ kind: 'webhook' as const, target: 'https://hooks.example/x' }] },
        { afterMinutes: '15', channels: [{ kind: 'email' as const, target: 'ops@example.com, lead@example.com' }, { kind: 'workflow' as const, target: 'wf_page' }] },
      ],
    };
    expect(ruleBody(form)).toEqual({
      name: 'Payments down',
      condition: { kind: 'breaker_opened' },
      levels: [
        { afterMs: 0, channels: [{ kind: 'webhook', url: 'https://hooks.example/x' }] },
        { afterMs: 900_000, channels: [{ kind: 'email', to: ['ops@example.com', 'lead@example.com'] }, { kind: 'workflow', workflowId: 'wf_page' }] },
      ],
    });
  });

  it('names a webhook channel\'s signing credential only when one is given', () => {
    const body = ruleBody({ ...emptyRuleForm(), name: 'r', levels: [{ afterMinutes: '0', channels: [{ kind: 'webhook', target: 'https://hooks.example/x', signing: ' alert_signing ' }, { kind: 'webhook', target: 'https://hooks.example/y', signing: '' }] }] });
    expect((body.levels as Array<{ channels: unknown[] }>)[0]?.channels).toEqual([
      { kind: 'webhook', url: 'https://hooks.example/x', credential: 'alert_signing' },
      { kind: 'webhook', url: 'https://hooks.example/y' },
    ]);
  });

  it('takes a failure rate in percent and a latency in milliseconds for one integration', () => {
    expect(ruleBody({ ...emptyRuleForm(), name: 'r', kind: 'failure_rate', subject: 'crm', threshold: '25' }).condition).toEqual({ kind: 'failure_rate', integration: 'crm', above: 0.25 });
    expect(ruleBody({ ...emptyRuleForm(), name: 'r', kind: 'latency', subject: 'crm', threshold: '1500' }).condition).toEqual({ kind: 'latency', integration: 'crm', aboveMs: 1500 });
    expect(ruleBody({ ...emptyRuleForm(), name: 'r', kind: 'run_needs_attention', subject: 'wf_1' }).condition).toEqual({ kind: 'run_needs_attention', workflowId: 'wf_1' });
  });
});
