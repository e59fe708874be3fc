import type { TokenGrant, TokenRequester, TokenRequestResult } from '@switchyard/nodes';
import { failure } from '@switchyard/schema';
import { FakeClock } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import { createOAuth2Tokens } from '../src/credentials/oauth2/oauth2-tokens.js';
import { createTokenCache, refreshMargin } from '../src/credentials/oauth2/token-cache.js';
import type { FetchResult } from '../src/credentials/oauth2/token-cache.js';

/** A fetch the test answers by hand, one pending request at a time. */
function manualFetch() {
  const pending: Array<(result: FetchResult) => void> = [];
  let calls = 0;
  return {
    fetch: () => {
      calls++;
      return new Promise<FetchResult>((resolve) => pending.push(resolve));
    },
    get calls() {
      return calls;
    },
    answer(result: FetchResult) {
      const next = pending.shift();
      if (next === undefined) throw new Error('no token request is pending');
      next(result);
    },
  };
}

const issued = (accessToken: string, expiresInMs?: number): FetchResult => ({ ok: true, accessToken, expiresInMs });
const flush = () => new Promise((r) => setImmediate(r));

describe('the access token cache', () => {
  it('sends one token request for any number of concurrent callers (single flight)', async () => {
    const clock = new FakeClock(1_000);
    const f = manualFetch();
    const cache = createTokenCache({ now: () => clock.now(), fetch: f.fetch });
    const callers = Array.from({ length: 50 }, () => cache.current());
    expect(f.calls).toBe(1);
    f.answer(issued('t1', 3_600_000));
    expect(await Promise.all(callers)).toEqual(Array.from({ length: 50 }, () => ({ ok: true, accessToken: 't1' })));
    expect(await cache.current()).toEqual({ ok: true, accessToken: 't1' });
    expect(f.calls).toBe(1);
  });

  it('replaces a token a little before it expires: a tenth of its life, at most a minute', async () => {
    expect(refreshMargin(3_600_000)).toBe(60_000);
    expect(refreshMargin(10_000)).toBe(1_000);
    const clock = new FakeClock(0);
    const f = manualFetch();
    const cache = createTokenCache({ now: () => clock.now(), fetch: f.fetch });
    const first = cache.current();
    // The lifetime counts from the request: an answer that takes long does not stretch it.
    clock.advance(5_000);
    f.answer(issued('t1', 3_600_000));
    await first;
    clock.advanceTo(3_600_000 - 60_000 - 1);
    expect(await cache.current()).toEqual({ ok: true, accessToken: 't1' });
    expect(f.calls).toBe(1);
    clock.advance(1);
    const second = cache.current();
    expect(f.calls).toBe(2);
    f.answer(issued('t2', 3_600_000));
    expect(await second).toEqual({ ok: true, accessToken: 't2' });
  });

  it('keeps a token without expires_in until it is refused', async () => {
    const clock = new FakeClock(0);
    const f = manualFetch();
    const cache = createTokenCache({ now: () => clock.now(), fetch: f.fetch });
    const first = cache.current();
    f.answer(issued('t1'));
    await first;
    clock.advance(365 * 24 * 3_600_000);
    expect(await cache.current()).toEqual({ ok: true, accessToken: 't1' });
    const renewed = cache.renew('t1');
    f.answer(issued('t2'));
    expect(await renewed).toEqual({ ok: true, accessToken: 't2' });
    expect(f.calls).toBe(2);
  });

  it('renews a refused token once for all the callers it was refused to, and not again for a late one', async () => {
    const clock = new FakeClock(0);
    const f = manualFetch();
    const cache = createTokenCache({ now: () => clock.now(), fetch: f.fetch });
    const first = cache.current();
    f.answer(issued('t1', 3_600_000));
    await first;
    const renewals = [cache.renew('t1'), cache.renew('t1'), cache.renew('t1')];
    expect(f.calls).toBe(2);
    f.answer(issued('t2', 3_600_000));
    expect(new Set((await Promise.all(renewals)).map((r) => r.ok && r.accessToken))).toEqual(new Set(['t2']));
    // A caller that saw t1 refused after t2 arrived gets t2 without a request.
    expect(await cache.renew('t1')).toEqual({ ok: true, accessToken: 't2' });
    expect(f.calls).toBe(2);
  });

  it('does not cache a failure: its callers share it, the next caller asks again', async () => {
    const clock = new FakeClock(0);
    const f = manualFetch();
    const cache = createTokenCache({ now: () => clock.now(), fetch: f.fetch });
    const down = failure('server', 'the token endpoint answered 503');
    const callers = [cache.current(), cache.current()];
    f.answer({ ok: false, failure: down });
    expect(await Promise.all(callers)).toEqual([
      { ok: false, failure: down },
      { ok: false, failure: down },
    ]);
    const again = cache.current();
    expect(f.calls).toBe(2);
    f.answer(issued('t1', 60_000));
    expect(await again).toEqual({ ok: true, accessToken: 't1' });
  });

  it('turns a fetch that throws into an internal failure and recovers', async () => {
    let calls = 0;
    const cache = createTokenCache({
      now: () => 0,
      fetch: () => (++calls === 1 ? Promise.reject(new TypeError('boom')) : Promise.resolve(issued('t1', 60_000))),
    });
    expect(await cache.current()).toMatchObject({ ok: false, failure: { category: 'internal' } });
    expect(await cache.current()).toEqual({ ok: true, accessToken: 't1' });
  });
});

describe('an OAuth2 credential\'s tokens', () => {
  /** A requester answering from a list, recording the grants asked for. */
  function scriptedRequester(answers: TokenRequestResult[]): TokenRequester & { grants: TokenGrant[] } {
    const grants: TokenGrant[] = [];
    return {
      grants,
      request: (grant) => {
        grants.push(grant);
        return Promise.resolve(answers.shift() ?? { ok: false, failure: failure('internal', 'no more answers') });
      },
      close: () => Promise.resolve(),
    };
  }
  const grant: TokenGrant = { tokenUrl: 'https://auth.example/token', clientId: 'app', clientSecret: 'cs', refreshToken: 'rt-0' };

  it('uses a rotated refresh token at once and stores it before handing out the access token', async () => {
    const requester = scriptedRequester([
      { ok: true, token: { accessToken: 'a1', expiresInMs: 1_000, refreshToken: 'rt-1' } },
      { ok: true, token: { accessToken: 'a2', expiresInMs: 1_000, refreshToken: undefined } },
    ]);
    const clock = new FakeClock(0);
    const stored: string[] = [];
    const tokens = createOAuth2Tokens({ grant, requester, now: () => clock.now(), timeoutMs: 1_000, storeRefreshToken: async (rt) => void stored.push(rt) });
    expect(await tokens.current()).toEqual({ ok: true, accessToken: 'a1' });
    expect(stored).toEqual(['rt-1']);
    clock.advance(1_000);
    expect(await tokens.current()).toEqual({ ok: true, accessToken: 'a2' });
    expect(requester.grants.map((g) => g.refreshToken)).toEqual(['rt-0', 'rt-1']);
    // An answer without a refresh token keeps the one in use.
    expect(stored).toEqual(['rt-1']);
  });

  it('ignores a refresh token sent in answer to client credentials', async () => {
    const requester = scriptedRequester([{ ok: true, token: { accessToken: 'a1', expiresInMs: 1_000, refreshToken: 'unasked' } }]);
    const stored: string[] = [];
    const tokens = createOAuth2Tokens({ grant: { ...grant, refreshToken: undefined }, requester, now: () => 0, timeoutMs: 1_000, storeRefreshToken: async (rt) => void stored.push(rt) });
    expect(await tokens.current()).toEqual({ ok: true, accessToken: 'a1' });
    await flush();
    expect(stored).toEqual([]);
    expect(requester.grants[0]?.refreshToken).toBeUndefined();
  });
});
