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
    { path: 'a', auth: { kind: 'hmac-sha256', credential: 'c', header: 'X-S', timestampHeader: 'X-T', previous: { credential: 'old', until: '2026-01-31T00:00:00Z' } } },
    { path: 'a', auth: { kind: 'github', credential: 'gh_secret' } },
    { path: 'a', auth: { kind: 'github', credential: 'gh_secret', previous: { credential: 'gh_old', until: '2026-01-31T12:00:00+01:00' } } },
    { path: 'a', auth: { kind: 'stripe', credential: 'stripe_whsec', toleranceSec: 600 } },
    { path: 'a', auth: { kind: 'shopify', credential: 'shop_secret' } },
    { path: 'a', auth: { kind: 'slack', credential: 'slack_signing' } },
    { path: 'a', auth: { kind: 'standard-webhooks', credential: 'whsec' } },
    { path: 'a', auth: { kind: 'twilio', credential: 'twilio_token', url: 'https://hooks.example.com/hooks/sms' } },
    { path: 'a', auth: { kind: 'meta', credential: 'app_secret', verifyToken: 'meta_verify' } },
    { path: 'a', auth: { kind: 'microsoft-graph', credential: 'graph_client_state' } },
    { path: 'a', auth: { kind: 'hmac', credential: 'c', header: 'X-Sig', algorithm: 'sha512', encoding: 'base64' } },
    {
      path: 'a',
      auth: { kind: 'hmac', credential: 'c', header: 'X-Sig', algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=', signedString: '{id}:{timestamp}:{body}', timestampHeader: 'X-Ts', toleranceSec: 60, idHeader: 'X-Id' },
    },
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
    [
      { path: 'a', auth: { kind: 'jwt' } },
      [
        {
          path: ['auth', 'kind'],
          message:
            'auth.kind is one of "none", "header", "hmac-sha256", "hmac", "github", "stripe", "shopify", "slack", "standard-webhooks", "twilio", "meta", "microsoft-graph"',
        },
      ],
    ],
    [
      { path: 'a', auth: { kind: 'hmac-sha256', credential: 'c' } },
      [
        { path: ['auth', 'header'], message: 'a header name is required' },
        { path: ['auth', 'timestampHeader'], message: 'a header name is required' },
      ],
    ],
    [{ path: 'a', auth: { kind: 'header', header: 'X-T' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    // Each preset: what it needs, and where a missing or wrong field is.
    [{ path: 'a', auth: { kind: 'github' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'github', credential: 'c', header: 'X-Other' } }, [{ path: ['auth'], message: 'unknown field "header"' }]],
    [{ path: 'a', auth: { kind: 'stripe' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'stripe', credential: 'c', toleranceSec: 0 } }, [{ path: ['auth', 'toleranceSec'], message: 'toleranceSec is at least 1' }]],
    [{ path: 'a', auth: { kind: 'shopify', credential: '' } }, [{ path: ['auth', 'credential'], message: 'credential is the id of a stored credential' }]],
    [{ path: 'a', auth: { kind: 'slack' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'slack', credential: 'c', toleranceSec: 90_000 } }, [{ path: ['auth', 'toleranceSec'], message: 'toleranceSec is at most 86400 (a day)' }]],
    [{ path: 'a', auth: { kind: 'standard-webhooks' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'twilio' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [{ path: 'a', auth: { kind: 'twilio', credential: 'c', url: 'ftp://example.com/x' } }, [{ path: ['auth', 'url'], message: 'url is the http or https URL entered in Twilio' }]],
    [
      { path: 'a', auth: { kind: 'twilio', credential: 'c', url: 'https://example.com/x?a=1' } },
      [{ path: ['auth', 'url'], message: "url is without query or fragment (the delivery's own query is appended)" }],
    ],
    [
      { path: 'a', auth: { kind: 'meta' } },
      [
        { path: ['auth', 'credential'], message: 'credential is required' },
        { path: ['auth', 'verifyToken'], message: 'verifyToken is required' },
      ],
    ],
    [{ path: 'a', auth: { kind: 'microsoft-graph' } }, [{ path: ['auth', 'credential'], message: 'credential is required' }]],
    [
      { path: 'a', auth: { kind: 'hmac', credential: 'c' } },
      [
        { path: ['auth', 'header'], message: 'a header name is required' },
        { path: ['auth', 'algorithm'], message: 'algorithm is "sha1", "sha256" or "sha512"' },
        { path: ['auth', 'encoding'], message: 'encoding is "hex" or "base64"' },
      ],
    ],
    [{ path: 'a', auth: { kind: 'hmac', credential: 'c', header: 'X', algorithm: 'md5', encoding: 'hex' } }, [{ path: ['auth', 'algorithm'], message: 'algorithm is "sha1", "sha256" or "sha512"' }]],
    [
      { path: 'a', auth: { kind: 'hmac', credential: 'c', header: 'X', algorithm: 'sha256', encoding: 'hex', signedString: '{timestamp}' } },
      [
        { path: ['auth', 'signedString'], message: 'signedString must contain {body}: a signature that does not cover the body proves nothing about it' },
        { path: ['auth', 'timestampHeader'], message: 'signedString uses {timestamp}: timestampHeader is required' },
      ],
    ],
    [
      { path: 'a', auth: { kind: 'hmac', credential: 'c', header: 'X', algorithm: 'sha256', encoding: 'hex', signedString: '{body}{nonce}' } },
      [{ path: ['auth', 'signedString'], message: 'signedString knows {body}, {timestamp} and {id}' }],
    ],
    [
      { path: 'a', auth: { kind: 'hmac', credential: 'c', header: 'X', algorithm: 'sha256', encoding: 'hex', signedString: '{id}.{timestamp}.{body}', toleranceSec: 60 } },
      [
        { path: ['auth', 'timestampHeader'], message: 'signedString uses {timestamp}: timestampHeader is required' },
        { path: ['auth', 'idHeader'], message: 'signedString uses {id}: idHeader is required' },
        { path: ['auth', 'toleranceSec'], message: 'toleranceSec needs a timestampHeader' },
      ],
    ],
    [{ path: 'a', auth: { kind: 'github', credential: 'c', previous: { credential: 'old' } } }, [{ path: ['auth', 'previous', 'until'], message: 'previous.until is required' }]],
    [
      { path: 'a', auth: { kind: 'stripe', credential: 'c', previous: { credential: 'old', until: 'next week' } } },
      [{ path: ['auth', 'previous', 'until'], message: 'previous.until is an ISO 8601 date-time, e.g. "2026-01-31T00:00:00Z"' }],
    ],
    [{ path: 'a', auth: { kind: 'shopify', credential: 'c', previous: { until: '2026-01-31T00:00:00Z' } } }, [{ path: ['auth', 'previous', 'credential'], message: 'credential is required' }]],
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
    // The presets with a timestamp get the default tolerance; those without have none to get.
    for (const kind of ['stripe', 'slack', 'standard-webhooks'] as const) {
      expect(webhookSettings(TriggerWebhookParams.parse({ path: 'a', auth: { kind, credential: 'c' } })).auth).toEqual({ kind, credential: 'c', toleranceSec: 300 });
    }
    expect(webhookSettings(TriggerWebhookParams.parse({ path: 'a', auth: { kind: 'github', credential: 'c' } })).auth).toEqual({ kind: 'github', credential: 'c' });
    const bare = { kind: 'hmac', credential: 'c', header: 'X', algorithm: 'sha256', encoding: 'hex' } as const;
    expect(webhookSettings(TriggerWebhookParams.parse({ path: 'a', auth: bare })).auth).toEqual(bare);
    expect(webhookSettings(TriggerWebhookParams.parse({ path: 'a', auth: { ...bare, timestampHeader: 'X-T' } })).auth).toEqual({ ...bare, timestampHeader: 'X-T', toleranceSec: 300 });
  });
});
