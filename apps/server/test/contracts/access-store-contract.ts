import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

/** The AccessStore port's contract, for every implementation. */
export function describeAccessStoreContract(name: string, makeStore: MakeStore<AccessStore>): void {
  describe(`AccessStore contract: ${name}`, () => {
    let harness: PortHarness<AccessStore>;
    let store: AccessStore;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('finds a key by id and by hash, counts and lists them oldest first', async () => {
      expect(await store.countApiKeys()).toBe(0);
      await store.createApiKey({ id: 'k2', name: 'ci', hash: 'h2', createdAt: 2 });
      await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      expect(await store.countApiKeys()).toBe(2);
      expect(await store.getApiKey('k1')).toStrictEqual({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      expect(await store.findApiKeyByHash('h2')).toStrictEqual({ id: 'k2', name: 'ci', hash: 'h2', createdAt: 2 });
      expect(await store.findApiKeyByHash('nope')).toBeUndefined();
      expect(await store.getApiKey('nope')).toBeUndefined();
      expect((await store.listApiKeys()).map((k) => k.id)).toStrictEqual(['k1', 'k2']);
    });

    it('revoking a key ends its sessions and sign-in tokens, not the others', async () => {
      await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      await store.createApiKey({ id: 'k2', name: 'ci', hash: 'h2', createdAt: 2 });
      await store.createSession({ hash: 's1', apiKeyId: 'k1', createdAt: 1, expiresAt: 100 });
      await store.createSession({ hash: 's2', apiKeyId: 'k2', createdAt: 1, expiresAt: 100 });
      await store.createSigninToken({ hash: 't1', apiKeyId: 'k1', expiresAt: 100 });
      expect(await store.deleteApiKey('k1')).toBe('deleted');
      expect(await store.deleteApiKey('k1')).toBe('missing');
      expect(await store.findSession('s1', 10)).toBeUndefined();
      expect(await store.useSigninToken('t1', 10)).toBeUndefined();
      expect(await store.findSession('s2', 10)).toStrictEqual({ hash: 's2', apiKeyId: 'k2', createdAt: 1, expiresAt: 100 });
    });

    it('with keepOne, never revokes the only key left, even when two revocations race', async () => {
      await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      await store.createApiKey({ id: 'k2', name: 'ci', hash: 'h2', createdAt: 2 });
      const outcomes = await Promise.all([store.deleteApiKey('k1', { keepOne: true }), store.deleteApiKey('k2', { keepOne: true })]);
      expect([...outcomes].sort()).toStrictEqual(['deleted', 'last']);
      expect(await store.countApiKeys()).toBe(1);
      expect(await store.deleteApiKey('nope', { keepOne: true })).toBe('missing');
    });

    it('a session is found until it expires, and not after it is deleted', async () => {
      await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      await store.createSession({ hash: 's1', apiKeyId: 'k1', createdAt: 1, expiresAt: 100 });
      expect(await store.findSession('s1', 99)).toStrictEqual({ hash: 's1', apiKeyId: 'k1', createdAt: 1, expiresAt: 100 });
      expect(await store.findSession('s1', 100)).toBeUndefined();
      expect(await store.deleteSession('s1')).toBe(true);
      expect(await store.deleteSession('s1')).toBe(false);
      expect(await store.findSession('s1', 50)).toBeUndefined();
    });

    it('a sign-in token works once, and only before it expires', async () => {
      await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
      await store.createSigninToken({ hash: 't1', apiKeyId: 'k1', expiresAt: 100 });
      await store.createSigninToken({ hash: 't2', apiKeyId: 'k1', expiresAt: 100 });
      expect(await store.useSigninToken('t1', 50)).toBe('k1');
      expect(await store.useSigninToken('t1', 51)).toBeUndefined();
      expect(await store.useSigninToken('t2', 100)).toBeUndefined();
      expect(await store.useSigninToken('nope', 1)).toBeUndefined();
    });
  });
}
