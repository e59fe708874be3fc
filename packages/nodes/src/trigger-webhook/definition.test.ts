import { describe, expect, it } from 'vitest';
import { expectValid, issuesOf } from '../../test/issues.js';
import { TRIGGER_WEBHOOK_DEFAULTS, TriggerWebhookParams, triggerWebhookDefinition, webhookSettings } from './definition.js';

describe('trigger.webhook params', () => {
  it.each([
    { path: 'orders' },
    { path: 'shop/orders_v2-eu', method: 'PUT', mode: 'sync', timeoutMs: 5000 },
    { path: 'a', auth: { kind: 'none' } },
    { path: 'a', auth: { kind: 'header', header: 'X-Hook-Token', credential: 'hook_token' } },
    { path: 'a', auth: { kind: 'hmac-sha256', credential: 'shop_hmac', header: 'X-Signature', timestampHeader: 'X-Timestamp', toleranceSec: 60 } },
    { path: 'a', idempotency: { header: 'Idempotency-Key' } },
    { path: 'a', idempotency: { expression: "body.orderId & ':' & body.version" } },
    { path: 'a', schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } } },
    { path: 'a', maxBodyBytes: 2048, rateLimit: { perSecond: 0.5, burst: 5 } },
  ])('accepts %j', (params) => {
    expectValid(triggerWebhookDefinition, params);
  });

  it.each([
    [{}, [{ path: ['path'], message: 'path is required' }]],
    [{ path: 'Orders' }, [{ path: ['path'], message: 'a webhook path is lower-case letters, digits, /, _ and - (at most 128), starting with a letter or digit' }]],
    [{ path: '/orders' }, [{ path: ['path'], message: 'a webhook path is lower-case letters, digits, /, _ and - (at most 128), starting with a letter or digit' }]],
    [{ path: 'a', method: 'HEAD' }, [{ path: ['method'], message: 'method is one of GET, POST, PUT, PATCH, DELETE' }]],
    [{ path: 'a', mode: 'later' }, [{ path: ['mode'], message: 'mode is "async" or "sync"' }]],
    [{ path: 'a', timeoutMs: 0 }, [{ path: ['timeoutMs'], message: 'timeoutMs is at least 1' }]],
    [{ path: 'a', auth: { kind: 'jwt' } }, [{ path: ['auth', 'kind'], message: 'auth.kind is "none", "header" or "hmac-sha256"' }]],
    [
      { path: 'a', auth: { kind: 'hmac-sha256', credential: 'c' } },
      [
        { path: ['auth', 'header'], message: 'a header name is required' },
        { path: ['auth', 'timestampHeader'], message: 'a header name is required' },
      ],
    ],
    [{ path: 'a', auth: { kind: 'header', header: 'X-T' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'none', header: 'X' } }, [{ path: ['auth'], message: 'unknown field "header"' }]],
    [{ path: 'a', idempotency: { header: 'A', expression: 'b' } }, [{ path: ['idempotency'], message: 'idempotency is { "header": <name> } or { "expression": <JSONata> }' }]],
    [{ path: 'a', idempotency: { expression: '{{ body.id }}' } }, [{ path: ['idempotency', 'expression'], message: 'a plain JSONata expression over the trigger object, without {{ }}' }]],
    [{ path: 'a', idempotency: { expression: '  ' } }, [{ path: ['idempotency', 'expression'], message: 'the idempotency expression is empty' }]],
    [{ path: 'a', maxBodyBytes: 0 }, [{ path: ['maxBodyBytes'], message: 'maxBodyBytes is at least 1' }]],
    [{ path: 'a', maxBodyBytes: 10_485_761 }, [{ path: ['maxBodyBytes'], message: 'maxBodyBytes is at most 10485760 (10 MiB)' }]],
    [
      { path: 'a', rateLimit: { perSecond: 0 } },
      [
        { path: ['rateLimit', 'perSecond'], message: 'rateLimit.perSecond is more than 0' },
        { path: ['rateLimit', 'burst'], message: 'rateLimit.burst is required' },
      ],
    ],
    [{ path: 'a', secret: 'x' }, [{ path: [], message: 'unknown field "secret"' }]],
  ])('rejects %j with located messages', (params, issues) => {
    expect(issuesOf(triggerWebhookDefinition, params)).toEqual(issues);
  });

  it('rejects a body schema that does not compile', () => {
    const issues = issuesOf(triggerWebhookDefinition, { path: 'a', schema: { type: 42 } });
    expect(issues[0]?.path).toEqual(['schema']);
    expect(issues[0]?.message).toMatch(/^not a valid JSON Schema/);
  });

  it('is a trigger that cannot fail, with the main output only and no templates', () => {
    expect(triggerWebhookDefinition).toMatchObject({ type: 'trigger.webhook', group: 'trigger', isTrigger: true, canFail: false });
    expect(triggerWebhookDefinition.outputs({ path: 'a' })).toBeNull();
    expect(triggerWebhookDefinition.isTemplateExempt?.(['schema'])).toBe(true);
  });

  it('applies the defaults for the server', () => {
    expect(webhookSettings(TriggerWebhookParams.parse({ path: 'orders' }))).toEqual({
      path: 'orders',
      method: 'POST',
      mode: 'async',
      timeoutMs: 30_000,
      auth: { kind: 'none' },
      idempotency: undefined,
      schema: undefined,
      maxBodyBytes: 1_048_576,
      rateLimit: undefined,
    });
    const hmac = webhookSettings(
      TriggerWebhookParams.parse({ path: 'a', auth: { kind: 'hmac-sha256', credential: 'c', header: 'X-S', timestampHeader: 'X-T' } }),
    );
    expect(hmac.auth).toEqual({ kind: 'hmac-sha256', credential: 'c', header: 'X-S', timestampHeader: 'X-T', toleranceSec: TRIGGER_WEBHOOK_DEFAULTS.toleranceSec });
  });
});
