import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialRecord, CredentialStore } from '../../src/ports/index.js';
import type { MakeStore, PortHarness } from './harness.js';

const credential = (id: string, overrides: Partial<CredentialRecord> = {}): CredentialRecord => ({ id, name: id.toUpperCase(), kind: 'bearer', ciphertext: `c_${id}`, createdAt: 1, updatedAt: 1, ...overrides });

/** The CredentialStore port's contract, for every implementation. */
export function describeCredentialStoreContract(name: string, makeStore: MakeStore<CredentialStore>): void {
  describe(`CredentialStore contract: ${name}`, () => {
    let harness: PortHarness<CredentialStore>;
    let store: CredentialStore;
    beforeEach(async () => {
      harness = await makeStore();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('stores, lists by id, replaces and deletes credentials; unset lock and recovery read as null', async () => {
      await store.putCredential(credential('b'));
      await store.putCredential(credential('a', { kind: 'hmac' }));
      expect((await store.listCredentials()).map((c) => c.id)).toStrictEqual(['a', 'b']);
      expect(await store.getCredential('a')).toStrictEqual({ ...credential('a', { kind: 'hmac' }), lockedAt: null, recoveryWorkflowId: null });
      await store.putCredential(credential('b', { name: 'B2', ciphertext: 'c3', updatedAt: 5, recoveryWorkflowId: 'wf_fix_b' }));
      expect(await store.getCredential('b')).toStrictEqual({ ...credential('b', { name: 'B2', ciphertext: 'c3', updatedAt: 5 }), lockedAt: null, recoveryWorkflowId: 'wf_fix_b' });
      expect(await store.deleteCredential('b')).toBe(true);
      expect(await store.deleteCredential('b')).toBe(false);
      expect(await store.getCredential('b')).toBeUndefined();
    });

    it('locks after `threshold` auth failures within the window, keeps the first lock time; unlock or a new secret clears lock and count', async () => {
      await store.putCredential(credential('crm'));
      const policy = { threshold: 3, windowMs: 600_000 };
      const minute = 60_000;
      expect(await store.recordCredentialAuthFailure('crm', 0, policy)).toStrictEqual({ lockedAt: null });
      expect(await store.recordCredentialAuthFailure('crm', 5 * minute, policy)).toStrictEqual({ lockedAt: null });
      // The first failure has left the window: still two.
      expect(await store.recordCredentialAuthFailure('crm', 11 * minute, policy)).toStrictEqual({ lockedAt: null });
      expect(await store.recordCredentialAuthFailure('crm', 12 * minute, policy)).toStrictEqual({ lockedAt: 12 * minute });
      expect(await store.recordCredentialAuthFailure('crm', 13 * minute, policy)).toStrictEqual({ lockedAt: 12 * minute });
      expect((await store.getCredential('crm'))?.lockedAt).toBe(12 * minute);
      expect(await store.unlockCredential('crm')).toBe(true);
      expect((await store.getCredential('crm'))?.lockedAt).toBeNull();
      expect(await store.recordCredentialAuthFailure('crm', 14 * minute, policy)).toStrictEqual({ lockedAt: null });
      for (const t of [15, 16]) await store.recordCredentialAuthFailure('crm', t * minute, policy);
      expect((await store.getCredential('crm'))?.lockedAt).toBe(16 * minute);
      await store.putCredential(credential('crm', { ciphertext: 'c2', updatedAt: 20 * minute }));
      expect((await store.getCredential('crm'))?.lockedAt).toBeNull();
      expect(await store.recordCredentialAuthFailure('nope', 0, policy)).toBeUndefined();
      expect(await store.unlockCredential('nope')).toBe(false);
    });

    it('replaces a secret only while it is the expected one, keeping times, failures and lock', async () => {
      const policy = { threshold: 2, windowMs: 600_000 };
      await store.putCredential(credential('crm', { kind: 'oauth2', ciphertext: 'c1', updatedAt: 2 }));
      await store.recordCredentialAuthFailure('crm', 10, policy);
      expect(await store.replaceCredentialSecret('crm', 'c1', 'c1-rotated')).toBe(true);
      expect(await store.getCredential('crm')).toStrictEqual({ ...credential('crm', { kind: 'oauth2', ciphertext: 'c1-rotated', updatedAt: 2 }), lockedAt: null, recoveryWorkflowId: null });
      // The failure before the rewrite still counts: a second one locks.
      expect(await store.recordCredentialAuthFailure('crm', 20, policy)).toStrictEqual({ lockedAt: 20 });
      expect(await store.replaceCredentialSecret('crm', 'c1-rotated', 'c1-again')).toBe(true);
      expect((await store.getCredential('crm'))?.lockedAt).toBe(20);
      // A secret saved meanwhile wins over a late rewrite of the old one.
      await store.putCredential(credential('crm', { kind: 'oauth2', ciphertext: 'c2', updatedAt: 30 }));
      expect(await store.replaceCredentialSecret('crm', 'c1-again', 'c1-late')).toBe(false);
      expect((await store.getCredential('crm'))?.ciphertext).toBe('c2');
      expect(await store.replaceCredentialSecret('nope', 'x', 'y')).toBe(false);
    });
  });
}
