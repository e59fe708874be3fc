import net from 'node:net';
import tls from 'node:tls';
import { startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNodeRegistry } from '../src/index.js';
import type { ClosableNodeRegistry, HostLookup, LookupAddress } from '../src/index.js';
import { expectFailure, expectOk, integration, run } from './context.js';

/**
 * Belt and braces (RELIABILITY 5.6): every net/tls connect is watched; any dial to an address
 * other than loopback 127.0.0.1 is refused by the test itself and recorded as a violation.
 */
const violations: string[] = [];
let dials: string[] = [];

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;
type LookupLike = (hostname: string, options: object, callback: LookupCallback) => void;

function watched<T extends (...args: never[]) => unknown>(original: T): T {
  return ((...args: unknown[]) => {
    const options = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as { host?: string; lookup?: LookupLike };
    const host = options.host ?? 'localhost';
    if (net.isIP(host) !== 0) {
      dials.push(host);
      if (host !== '127.0.0.1') {
        violations.push(host);
        throw new Error(`test refused a dial to ${host}`);
      }
    } else if (options.lookup !== undefined) {
      const lookup = options.lookup;
      options.lookup = (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (err, address, family) => {
          const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
          if (err === null) {
            dials.push(...addresses);
            const bad = addresses.filter((a) => a !== '127.0.0.1');
            if (bad.length > 0) {
              violations.push(...bad);
              callback(new Error(`test refused a dial to ${bad.join(', ')}`), '', 0);
              return;
            }
          }
          callback(err, address, family);
        });
    }
    return (original as unknown as (...a: unknown[]) => unknown)(...args);
  }) as unknown as T;
}

const originalNetConnect = net.connect;
const originalTlsConnect = tls.connect;

/** A fake resolver: no real DNS in tests. */
const resolved: Record<string, string[]> = {};
const lookupCalls: string[] = [];
const fakeLookup: HostLookup = async (hostname) => {
  lookupCalls.push(hostname);
  const answers = resolved[hostname];
  if (answers === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  const next = answers.length > 1 ? answers.shift() : answers[0];
  return (next ?? '').split(',').map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }) as LookupAddress);
};

let upstream: Upstream;
let open: ClosableNodeRegistry;
let guarded: ClosableNodeRegistry;

beforeAll(async () => {
  vi.spyOn(net, 'connect').mockImplementation(watched(originalNetConnect));
  vi.spyOn(tls, 'connect').mockImplementation(watched(originalTlsConnect));
  upstream = await startUpstream();
  open = createNodeRegistry({ allowedHosts: ['127.0.0.1'], lookup: fakeLookup });
  guarded = createNodeRegistry({ lookup: fakeLookup });
});
afterAll(async () => {
  await open.close();
  await guarded.close();
  await upstream.close();
  vi.restoreAllMocks();
});
beforeEach(() => {
  upstream.reset();
  dials = [];
  lookupCalls.length = 0;
  for (const key of Object.keys(resolved)) delete resolved[key];
});
afterEach(() => {
  expect(violations).toEqual([]);
});

function call(registry: ClosableNodeRegistry, params: Record<string, unknown>, ctx: Parameters<typeof run>[2] = {}) {
  return run(registry.get('http.request'), params, ctx);
}

describe('SSRF guard: S1 literal targets are refused before any connection', () => {
  const literals = [
    '127.0.0.1',
    '127.1',
    '2130706433',
    '0x7f000001',
    '0177.0.0.1',
    'localhost',
    'localhost.',
    '[::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '0.0.0.0',
    '[::]',
    '169.254.169.254',
    '[fd00:ec2::254]',
    'metadata.google.internal',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.0.1',
    '100.64.0.1',
    '198.18.0.1',
    '[fe80::1%25eth0]',
    '[64:ff9b::a00:1]',
    '[2002:a00:1::]',
    'sub.localhost',
    '255.255.255.255',
    '224.0.0.1',
  ];
  it.each(literals)('refuses http://%s/ with invalid_request', async (host) => {
    const result = expectFailure(await call(guarded, { url: `http://${host}:${upstream.port}/latest/meta-data` }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/is not allowed|not a valid URL|absolute http/);
    expect(dials).toEqual([]);
    expect(lookupCalls).toEqual([]);
    expect(upstream.requests).toHaveLength(0);
  });

  it('says which destination and why', async () => {
    const result = expectFailure(await call(guarded, { url: 'http://10.0.0.1/x' }));
    expect(result.failure.message).toBe('GET http://10.0.0.1/x: destination 10.0.0.1 is not allowed (private address)');
    const mapped = expectFailure(await call(guarded, { url: 'http://[::ffff:169.254.169.254]/' }));
    expect(mapped.failure.message).toMatch(/destination ::ffff:a9fe:a9fe is not allowed \(IPv4-mapped 169.254.169.254, link-local address\)/);
  });
});

describe('SSRF guard at connect time (fake resolver)', () => {
  it('S2: refuses a host name that resolves to a private address, without dialling', async () => {
    resolved['internal.example'] = ['10.1.2.3'];
    const result = expectFailure(await call(guarded, { url: 'http://internal.example/admin' }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/destination internal.example is not allowed \(it resolves to 10.1.2.3, a private address\)/);
    expect(dials).toEqual([]);
  });

  it('S2: refuses when any of several answers is private', async () => {
    resolved['mixed.example'] = ['93.184.216.34,127.0.0.1'];
    const result = expectFailure(await call(guarded, { url: 'http://mixed.example/' }));
    expect(result.failure.category).toBe('invalid_request');
    expect(dials).toEqual([]);
  });

  it('classifies a name that does not resolve as network', async () => {
    const result = expectFailure(await call(guarded, { url: 'http://nowhere.example/' }));
    expect(result.failure.category).toBe('network');
    expect(result.failure.message).toMatch(/ENOTFOUND/);
  });

  it('S3: resolves once per connection and dials the address it checked (no rebinding)', async () => {
    // Allowed by address: the first answer is loopback (allowed), the second private.
    resolved['rebind.example'] = ['127.0.0.1', '10.0.0.1'];
    upstream.script('GET', '/r', [{ status: 200, headers: { Connection: 'close' }, json: { n: 1 } }]);
    expectOk(await call(open, { url: `http://rebind.example:${upstream.port}/r` }));
    expect(lookupCalls).toEqual(['rebind.example']);
    expect(dials).toEqual(['127.0.0.1']);
    const second = expectFailure(await call(open, { url: `http://rebind.example:${upstream.port}/r` }));
    expect(second.failure.category).toBe('invalid_request');
    expect(second.failure.message).toMatch(/resolves to 10.0.0.1/);
    expect(lookupCalls).toEqual(['rebind.example', 'rebind.example']);
    expect(dials).toEqual(['127.0.0.1']);
    expect(upstream.countFor('GET', '/r')).toBe(1);
  });

  it('S4: re-checks every redirect hop before connecting', async () => {
    for (const target of ['http://10.0.0.1/x', 'http://169.254.169.254/latest/meta-data', `http://localhost:${upstream.port}/x`, 'http://[::1]/']) {
      upstream.script('GET', '/hop', [{ status: 302, headers: { Location: target } }]);
      const result = expectFailure(await call(open, { url: `${upstream.url}/hop` }));
      expect(result.failure.category).toBe('invalid_request');
      expect(result.failure.message).toMatch(/is not allowed/);
      expect(result.response?.status).toBe(302);
    }
    expect(dials.every((d) => d === '127.0.0.1')).toBe(true);
  });

  it('S5: refuses other schemes and user info before anything else', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1/', 'data:text/plain,hi', 'ftp://127.0.0.1/', 'javascript:alert(1)']) {
      const result = expectFailure(await call(open, { url }));
      expect(result.failure.category).toBe('invalid_request');
    }
    const userinfo = expectFailure(await call(open, { url: `http://a@127.0.0.1:${upstream.port}/` }));
    expect(userinfo.failure.message).toMatch(/user info/);
    expect(upstream.requests).toHaveLength(0);
    expect(dials).toEqual([]);
  });

  it('S7: ignores HTTP_PROXY from the environment', async () => {
    const proxy = await startUpstream();
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('http_proxy', proxy.url);
    try {
      const registry = createNodeRegistry({ allowedHosts: ['127.0.0.1'] });
      upstream.script('GET', '/direct', [{ json: { direct: true } }]);
      expectOk(await call(registry, { url: `${upstream.url}/direct` }));
      await registry.close();
      expect(proxy.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
      await proxy.close();
    }
  });
});

describe('allowed hosts and integration hosts', () => {
  it('reaches 127.0.0.1 only when allowed', async () => {
    upstream.script('GET', '/ok', [{ status: 200 }]);
    expectOk(await call(open, { url: `${upstream.url}/ok` }));
    expectFailure(await call(guarded, { url: `${upstream.url}/ok` }));
    expect(upstream.countFor('GET', '/ok')).toBe(1);
  });

  it('allows a host name listed in allowedHosts whatever it resolves to', async () => {
    resolved['svc.internal'] = ['127.0.0.1'];
    const registry = createNodeRegistry({ allowedHosts: ['SVC.internal.'], lookup: fakeLookup });
    upstream.script('GET', '/named', [{ status: 200 }]);
    expectOk(await call(registry, { url: `http://svc.internal:${upstream.port}/named` }));
    await registry.close();
  });

  it("trusts the node's integration host, and only for that node", async () => {
    upstream.script('GET', '/crm/people', [{ json: [] }]);
    const crm = integration('crm', `${upstream.url}/crm`);
    expectOk(await call(guarded, { url: `${upstream.url}/crm/people` }, { integration: crm }));
    // The same host without the integration is still refused (no pooled connection is reused).
    const without = expectFailure(await call(guarded, { url: `${upstream.url}/crm/people` }));
    expect(without.failure.category).toBe('invalid_request');
    expect(upstream.countFor('GET', '/crm/people')).toBe(1);
  });
});

describe('integration confinement', () => {
  const escapes = [
    ['a dot-dot segment', '/crm/../admin'],
    ['an encoded dot-dot', '/crm/%2e%2e/admin'],
    ['an encoded slash', '/crm/..%2fadmin'],
    ['a double-encoded dot-dot', '/crm/%252e%252e/admin'],
    ['an encoded backslash', '/crm/..%5cadmin'],
    ['a sibling prefix', '/crmx/people'],
    ['the root', '/'],
  ] as const;
  it.each(escapes)('refuses %s with invalid_request and sends nothing', async (_name, path) => {
    const crm = integration('crm', `${upstream.url}/crm`);
    const result = expectFailure(await call(guarded, { url: `${upstream.url}${path}` }, { integration: crm }));
    expect(result.failure.category).toBe('invalid_request');
    expect(result.failure.message).toMatch(/is outside integration crm/);
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses another host or port', async () => {
    const crm = integration('crm', `${upstream.url}/crm`);
    for (const url of [`http://127.0.0.2:${upstream.port}/crm/x`, `http://127.0.0.1:${upstream.port + 1}/crm/x`, `https://127.0.0.1:${upstream.port}/crm/x`]) {
      const result = expectFailure(await call(open, { url }, { integration: crm }));
      expect(result.failure.message).toMatch(/another origin/);
    }
    expect(dials).toEqual([]);
  });

  it('accepts the base URL itself and anything under it, with a query', async () => {
    upstream.script('GET', '/crm', [{ status: 200 }]);
    upstream.script('GET', '/crm/people/ada%40example.com', [{ status: 200 }]);
    const crm = integration('crm', `${upstream.url}/crm`);
    expectOk(await call(guarded, { url: `${upstream.url}/crm` }, { integration: crm }));
    expectOk(await call(guarded, { url: `${upstream.url}/crm/people/ada%40example.com`, query: { a: '../b' } }, { integration: crm }));
  });
});
