import { afterEach, describe, expect, it } from 'vitest';
import { tempDb, type TempDb } from './support/temp-db.js';

describe('credentials and access tables', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('locks a credential after `threshold` auth failures within the window; unlock or a new secret clears it', async () => {
    db = tempDb();
    const store = db.open();
    await store.putCredential({ id: 'crm', name: 'CRM', kind: 'bearer', ciphertext: 'c1', createdAt: 1, updatedAt: 1 });
    const policy = { threshold: 3, windowMs: 600_000 };
    const minute = 60_000;
    // Two failures, then one outside the window of the first: not locked yet.
    expect(await store.recordCredentialAuthFailure('crm', 0, policy)).toEqual({ lockedAt: null });
    expect(await store.recordCredentialAuthFailure('crm', 5 * minute, policy)).toEqual({ lockedAt: null });
    expect(await store.recordCredentialAuthFailure('crm', 11 * minute, policy)).toEqual({ lockedAt: null });
    // The third within ten minutes locks it; later failures keep the first lock time.
    expect(await store.recordCredentialAuthFailure('crm', 12 * minute, policy)).toEqual({ lockedAt: 12 * minute });
    expect(await store.recordCredentialAuthFailure('crm', 13 * minute, policy)).toEqual({ lockedAt: 12 * minute });
    expect((await store.getCredential('crm'))?.lockedAt).toBe(12 * minute);
    expect(await store.unlockCredential('crm')).toBe(true);
    expect((await store.getCredential('crm'))?.lockedAt).toBeNull();
    // Unlocking forgot the failures: one more does not lock again.
    expect(await store.recordCredentialAuthFailure('crm', 14 * minute, policy)).toEqual({ lockedAt: null });
    for (const t of [15, 16]) await store.recordCredentialAuthFailure('crm', t * minute, policy);
    expect((await store.getCredential('crm'))?.lockedAt).toBe(16 * minute);
    // Saving a new secret clears the lock too.
    await store.putCredential({ id: 'crm', name: 'CRM', kind: 'bearer', ciphertext: 'c2', createdAt: 1, updatedAt: 20 * minute });
    expect((await store.getCredential('crm'))?.lockedAt).toBeNull();
    expect(await store.recordCredentialAuthFailure('nope', 0, policy)).toBeUndefined();
    expect(await store.unlockCredential('nope')).toBe(false);
  });

  it('replaces a secret only while it is the expected one, keeping times, failures and lock', async () => {
    db = tempDb();
    const store = db.open();
    const policy = { threshold: 2, windowMs: 600_000 };
    await store.putCredential({ id: 'crm', name: 'CRM', kind: 'oauth2', ciphertext: 'c1', createdAt: 1, updatedAt: 2 });
    await store.recordCredentialAuthFailure('crm', 10, policy);
    expect(await store.replaceCredentialSecret('crm', 'c1', 'c1-rotated')).toBe(true);
    expect(await store.getCredential('crm')).toEqual({ id: 'crm', name: 'CRM', kind: 'oauth2', ciphertext: 'c1-rotated', createdAt: 1, updatedAt: 2, lockedAt: null, recoveryWorkflowId: null });
    // The failure before the rewrite still counts: a second one locks.
    expect(await store.recordCredentialAuthFailure('crm', 20, policy)).toEqual({ lockedAt: 20 });
    expect(await store.replaceCredentialSecret('crm', 'c1-rotated', 'c1-again')).toBe(true);
    expect((await store.getCredential('crm'))?.lockedAt).toBe(20);
    // A secret saved meanwhile wins over a late rewrite of the old one.
    await store.putCredential({ id: 'crm', name: 'CRM', kind: 'oauth2', ciphertext: 'c2', createdAt: 1, updatedAt: 30 });
    expect(await store.replaceCredentialSecret('crm', 'c1-again', 'c1-late')).toBe(false);
    expect((await store.getCredential('crm'))?.ciphertext).toBe('c2');
    expect(await store.replaceCredentialSecret('nope', 'x', 'y')).toBe(false);
  });

  it('stores, lists, replaces and deletes credentials', async () => {
    db = tempDb();
    const store = db.open();
    await store.putCredential({ id: 'b', name: 'B', kind: 'bearer', ciphertext: 'c1', createdAt: 1, updatedAt: 1 });
    await store.putCredential({ id: 'a', name: 'A', kind: 'hmac', ciphertext: 'c2', createdAt: 2, updatedAt: 2 });
    expect((await store.listCredentials()).map((c) => c.id)).toStrictEqual(['a', 'b']);
    await store.putCredential({ id: 'b', name: 'B2', kind: 'bearer', ciphertext: 'c3', createdAt: 1, updatedAt: 5, recoveryWorkflowId: 'wf_fix_b' });
    expect(await store.getCredential('b')).toStrictEqual({ id: 'b', name: 'B2', kind: 'bearer', ciphertext: 'c3', createdAt: 1, updatedAt: 5, lockedAt: null, recoveryWorkflowId: 'wf_fix_b' });
    expect((await store.getCredential('a'))?.recoveryWorkflowId).toBeNull();
    expect(await store.deleteCredential('b')).toBe(true);
    expect(await store.deleteCredential('b')).toBe(false);
    expect(await store.getCredential('b')).toBeUndefined();
  });

  it('lists API keys oldest first and revokes one with its sessions and sign-in tokens', async () => {
    db = tempDb();
    const store = db.open();
    await store.createApiKey({ id: 'k2', name: 'ci', hash: 'h2', createdAt: 2 });
    await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
    await store.createSession({ hash: 's1', apiKeyId: 'k1', createdAt: 1, expiresAt: 100 });
    await store.createSession({ hash: 's2', apiKeyId: 'k2', createdAt: 1, expiresAt: 100 });
    await store.createSigninToken({ hash: 't1', apiKeyId: 'k1', expiresAt: 100 });
    expect((await store.listApiKeys()).map((k) => k.id)).toStrictEqual(['k1', 'k2']);
    expect(await store.deleteApiKey('k1')).toBe('deleted');
    expect(await store.deleteApiKey('k1')).toBe('missing');
    // The only key left is kept when asked; two revocations at once cannot both pass that check.
    await store.createApiKey({ id: 'k3', name: 'other', hash: 'h3', createdAt: 3 });
    expect((await Promise.all([store.deleteApiKey('k2', { keepOne: true }), store.deleteApiKey('k3', { keepOne: true })])).sort()).toEqual(['deleted', 'last']);
    expect(await store.countApiKeys()).toBe(1);
    expect(await store.findApiKeyByHash('h1')).toBeUndefined();
    expect(await store.findSession('s1', 10)).toBeUndefined();
    expect(await store.useSigninToken('t1', 10)).toBeUndefined();
    // Sessions of the revoked key ended; the kept key's did not (it may be either one).
  });

  it('finds API keys by hash and sessions until they expire', async () => {
    db = tempDb();
    const store = db.open();
    expect(await store.countApiKeys()).toBe(0);
    await store.createApiKey({ id: 'k1', name: 'admin', hash: 'h1', createdAt: 1 });
    expect(await store.countApiKeys()).toBe(1);
    expect((await store.findApiKeyByHash('h1'))?.id).toBe('k1');
    expect(await store.findApiKeyByHash('nope')).toBeUndefined();
    expect((await store.getApiKey('k1'))?.name).toBe('admin');
    await store.createSession({ hash: 's1', apiKeyId: 'k1', createdAt: 10, expiresAt: 100 });
    expect((await store.findSession('s1', 50))?.apiKeyId).toBe('k1');
    expect(await store.findSession('s1', 100)).toBeUndefined();
    expect(await store.deleteSession('s1')).toBe(true);
    expect(await store.findSession('s1', 50)).toBeUndefined();
  });

  it('a sign-in token works once and not after it expires', async () => {
    db = tempDb();
    const store = db.open();
    await store.createSigninToken({ hash: 't1', apiKeyId: 'k1', expiresAt: 100 });
    await store.createSigninToken({ hash: 't2', apiKeyId: 'k1', expiresAt: 100 });
    expect(await store.useSigninToken('t1', 50)).toBe('k1');
    expect(await store.useSigninToken('t1', 51)).toBeUndefined();
    expect(await store.useSigninToken('t2', 100)).toBeUndefined();
    expect(await store.useSigninToken('zz', 1)).toBeUndefined();
  });
});
