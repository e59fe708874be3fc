import type { LookupAddress as DnsAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { blockedHostnameReason, checkDestination, createDestinationPolicy, createGuardedLookup, DestinationBlockedError, normalizeHost } from './guard.js';
import type { HostLookup } from './guard.js';

const fake: HostLookup = async (hostname) => {
  const table: Record<string, string[]> = { 'public.example': ['93.184.216.34', '2606:2800:220:1::1'], 'private.example': ['10.0.0.7'], 'loop.example': ['127.0.0.1'] };
  return (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

function lookupOnce(guard: boolean, hostname: string, options: { all?: boolean; family?: number }, allowed: string[] = []) {
  const lookup = createGuardedLookup(createDestinationPolicy(allowed, fake), guard);
  return new Promise<{ error: Error | null; address: string | DnsAddress[]; family?: number }>((resolve) => {
    lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('normalizeHost and blockedHostnameReason', () => {
  it('normalizes case, brackets, trailing dots and IPv6 forms', () => {
    expect(normalizeHost('LocalHost..')).toBe('localhost');
    expect(normalizeHost('[::FFFF:127.0.0.1]')).toBe('::ffff:7f00:1');
  });

  it('refuses local and metadata names', () => {
    for (const name of ['localhost', 'LOCALHOST.', 'app.localhost', 'metadata.google.internal', 'metadata']) {
      expect(blockedHostnameReason(name)).toBe('a local or metadata host name');
    }
    expect(blockedHostnameReason('api.example.com')).toBeNull();
  });
});

describe('checkDestination', () => {
  const policy = createDestinationPolicy(['127.1', 'Internal.Example.', '::1']);

  it('canonicalizes allowed hosts like request URLs', () => {
    expect([...policy.allowedHosts].sort()).toEqual(['127.0.0.1', '::1', 'internal.example']);
    expect(checkDestination(new URL('http://2130706433:8080/'), policy)).toBeNull();
    expect(checkDestination(new URL('http://[::1]/'), policy)).toBeNull();
    expect(checkDestination(new URL('http://internal.example/'), policy)).toBeNull();
  });

  it('trusts exactly the integration host, port included', () => {
    const none = createDestinationPolicy();
    expect(checkDestination(new URL('http://10.0.0.5:8080/a'), none, '10.0.0.5:8080')).toBeNull();
    expect(checkDestination(new URL('http://10.0.0.5:9090/a'), none, '10.0.0.5:8080')).toMatch(/not allowed/);
    expect(checkDestination(new URL('http://a@10.0.0.5:8080/a'), none, '10.0.0.5:8080')).toMatch(/user info/);
  });
});

describe('createGuardedLookup', () => {
  it('answers every address or the first one, as net asks', async () => {
    expect(await lookupOnce(true, 'public.example', { all: true })).toMatchObject({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
    });
    expect(await lookupOnce(true, 'public.example', { family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
  });

  it('refuses a private answer unless the guard is off or the name or address is allowed', async () => {
    const refused = await lookupOnce(true, 'private.example', { all: true });
    expect(refused.error).toBeInstanceOf(DestinationBlockedError);
    expect(refused.error?.message).toBe('destination private.example is not allowed (it resolves to 10.0.0.7, a private address)');
    expect((await lookupOnce(false, 'private.example', { all: true })).error).toBeNull();
    expect((await lookupOnce(true, 'private.example', { all: true }, ['private.example'])).error).toBeNull();
    expect((await lookupOnce(true, 'loop.example', { all: true }, ['127.0.0.1'])).error).toBeNull();
  });

  it('reports a name without addresses as ENOTFOUND', async () => {
    const result = await lookupOnce(true, 'nothing.example', { all: true });
    expect((result.error as NodeJS.ErrnoException | null)?.code).toBe('ENOTFOUND');
  });
});
