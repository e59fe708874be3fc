import { describe, expect, it } from 'vitest';
import { bodyOf, formOf } from './integration-form-model';

describe('the integration form model', () => {
  it('builds the API body with only what was typed: percentages as fractions, protections only when set', () => {
    const form = { ...formOf(undefined), id: ' payments ', name: 'Payments', baseUrl: 'https://pay.example', failureRatePercent: '40', coolDownMs: '5000', bulkhead: true, maxConcurrent: '4' };
    expect(bodyOf(form, true)).toEqual({ id: 'payments', name: 'Payments', baseUrl: 'https://pay.example', breaker: { failureRate: 0.4, coolDownMs: 5000 }, bulkhead: { maxConcurrent: 4 } });
    expect(bodyOf(formOf(undefined), false)).toEqual({ name: '', baseUrl: '' });
  });

  it('switches a breaker or retry budget off explicitly, and passes a bad number on for the server to locate', () => {
    const form = { ...formOf(undefined), name: 'x', baseUrl: 'https://x.example', breakerOff: true, retryBudgetOff: true, timeoutMs: 'soon' };
    expect(bodyOf(form, false)).toEqual({ name: 'x', baseUrl: 'https://x.example', timeoutMs: 'soon', breaker: { enabled: false }, retryBudget: { enabled: false } });
  });

  it('reads an integration back into the same form', () => {
    const integration = {
      id: 'crm',
      name: 'CRM',
      baseUrl: 'https://crm.example',
      credential: 'crm_key',
      timeoutMs: 2000,
      breaker: { consecutiveFailures: 3, failureRate: 0.25 },
      bulkhead: { maxConcurrent: 2, maxQueue: 0 },
      rateLimit: { perSecond: 1.5 },
      retryBudget: { enabled: false },
      updatedAt: '2026-11-28T10:00:00.000Z',
    };
    const form = formOf(integration);
    expect(form).toMatchObject({ consecutiveFailures: '3', failureRatePercent: '25', bulkhead: true, maxQueue: '0', rateLimit: true, perSecond: '1.5', retryBudgetOff: true });
    expect(bodyOf(form, false)).toEqual({
      name: 'CRM',
      baseUrl: 'https://crm.example',
      timeoutMs: 2000,
      credential: 'crm_key',
      breaker: { consecutiveFailures: 3, failureRate: 0.25 },
      bulkhead: { maxConcurrent: 2, maxQueue: 0 },
      rateLimit: { perSecond: 1.5 },
      retryBudget: { enabled: false },
    });
  });
});
