import { describe, expect, it } from 'vitest';
import { startHarness, TEST_API_KEY } from './support/harness.js';

/** Signs in over the harness's plain-http socket and answers the session cookie's attributes. */
async function sessionCookie(env: NodeJS.ProcessEnv, headers: Record<string, string> = {}): Promise<string> {
  const h = await startHarness({ env });
  try {
    const signIn = await h.raw('POST', '/api/session', { body: JSON.stringify({ apiKey: TEST_API_KEY }), headers: { 'content-type': 'application/json', ...headers } });
    expect(signIn.status).toBe(204);
    return signIn.headers.get('set-cookie') ?? '';
  } finally {
    await h.close();
  }
}

describe('the session cookie behind a TLS-terminating proxy', () => {
  it('is Secure when the browser used https: the public URL says so, or a trusted proxy does', async () => {
    expect(await sessionCookie({})).not.toMatch(/;\s*Secure/i);
    expect(await sessionCookie({ SWITCHYARD_PUBLIC_URL: 'https://flows.example.com' })).toMatch(/;\s*Secure/i);
    expect(await sessionCookie({ SWITCHYARD_TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
    // The proxy appends its own value last: a client's claim before it does not count.
    expect(await sessionCookie({ SWITCHYARD_TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https, http' })).not.toMatch(/;\s*Secure/i);
  });

  it('ignores X-Forwarded-Proto unless the proxy is trusted', async () => {
    expect(await sessionCookie({}, { 'x-forwarded-proto': 'https' })).not.toMatch(/;\s*Secure/i);
  });
});
