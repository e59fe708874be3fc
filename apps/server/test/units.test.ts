import { describe, expect, it } from 'vitest';
import { createSigninLimiter } from '../src/auth/signin-limiter.js';
import { jsonDepth } from '../src/http/json-depth.js';
import { compensationOf } from '../src/runs/load-run.js';
import { createTokenBucket } from '../src/webhooks/token-bucket.js';
import { parseDeliveryBody } from '../src/webhooks/parse-delivery.js';
import { constantTimeEqual } from '../src/webhooks/verify-auth.js';

describe('small pieces', () => {
  it('names the compensation of a node that succeeded through a fallback after the node that produced its output', () => {
    const edges = [
      { id: 'c1', kind: 'compensate', source: 'charge', target: 'refund' },
      { id: 'c2', kind: 'compensate', source: 'charge_backup', target: 'refund_backup' },
      { id: 'c3', kind: 'compensate', source: 'charge_third', target: 'refund_third' },
    ];
    const version = { definition: { edges } } as unknown as Parameters<typeof compensationOf>[0];
    const run = (nodes: Record<string, { status: string; source: string | null }>) =>
      compensationOf(version, new Map(Object.entries(nodes)) as unknown as Parameters<typeof compensationOf>[1]);
    // Charged by the first provider: its own refund.
    expect(run({ charge: { status: 'compensated', source: 'self' }, refund: { status: 'succeeded', source: 'self' } })('charge')).toEqual({ nodeId: 'refund', status: 'succeeded' });
    // Charged by the backup: the backup's refund, for both nodes of the chain.
    const viaBackup = run({
      charge: { status: 'compensated', source: 'fallback:charge_backup' },
      charge_backup: { status: 'compensated', source: 'self' },
      refund: { status: 'skipped', source: null },
      refund_backup: { status: 'succeeded', source: 'self' },
    });
    expect(viaBackup('charge')).toEqual({ nodeId: 'refund_backup', status: 'succeeded' });
    expect(viaBackup('charge_backup')).toEqual({ nodeId: 'refund_backup', status: 'succeeded' });
    // A chain of fallbacks: the last one produced the output.
    const chain = run({ charge: { status: 'succeeded', source: 'fallback:charge_backup' }, charge_backup: { status: 'succeeded', source: 'fallback:charge_third' }, charge_third: { status: 'succeeded', source: 'self' } });
    expect(chain('charge')).toEqual({ nodeId: 'refund_third', status: 'pending' });
    // A node that never succeeded keeps its own edge; one without any has none.
    expect(run({ charge: { status: 'failed', source: null } })('charge')).toEqual({ nodeId: 'refund', status: 'pending' });
    expect(run({})('ship')).toBeNull();
  });

  it('token bucket: burst, then refill at perSecond, with a Retry-After in whole seconds', () => {
    const bucket = createTokenBucket(2, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].every((t) => t.ok)).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterS: 1 });
    expect(bucket.take(500).ok).toBe(true);
    expect(bucket.take(500).ok).toBe(false);
    const slow = createTokenBucket(0.1, 1, 0);
    slow.take(0);
    expect(slow.take(0)).toEqual({ ok: false, retryAfterS: 10 });
  });

  it('jsonDepth counts nesting and ignores brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('["[[[[\\"[[["]')).toBe(1);
  });

  it('parses delivery bodies by content type', () => {
    expect(parseDeliveryBody(undefined, Buffer.alloc(0))).toEqual({ ok: true, body: null });
    expect(parseDeliveryBody('application/vnd.api+json', Buffer.from('{"a":1}'))).toEqual({ ok: true, body: { a: 1 } });
    expect(parseDeliveryBody('application/json', Buffer.from('nope')).ok).toBe(false);
    expect(parseDeliveryBody(undefined, Buffer.from('hi'))).toEqual({ ok: true, body: { contentType: 'application/octet-stream', base64: 'aGk=' } });
  });

  it('constant-time comparison is exact', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('sign-in limiter: 10 failures a minute per address, then Retry-After until the oldest expires', () => {
    const limiter = createSigninLimiter();
    for (let i = 0; i < 10; i++) {
      expect(limiter.check('a', i * 1000).ok).toBe(true);
      limiter.recordFailure('a', i * 1000);
    }
    expect(limiter.check('a', 10_000)).toEqual({ ok: false, retryAfterS: 50 });
    expect(limiter.check('b', 10_000).ok).toBe(true);
    expect(limiter.check('a', 60_001).ok).toBe(true);
  });
});
