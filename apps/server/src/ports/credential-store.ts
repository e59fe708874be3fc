import type { CredentialRecord, LockPolicy } from './records.js';

/** Credentials as ciphertext, with their auth-failure lock: what credentials/ reads and writes. */
export interface CredentialStore {
  /** Saves name, kind and secret; a new secret also clears the failures and the lock. */
  putCredential(record: CredentialRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  /** Ordered by id. */
  listCredentials(): Promise<CredentialRecord[]>;
  deleteCredential(id: string): Promise<boolean>;
  /** Counts an auth failure with the credential, in one transaction; locks it per `policy`. Undefined: no such credential. */
  recordCredentialAuthFailure(id: string, at: number, policy: LockPolicy): Promise<{ lockedAt: number | null } | undefined>;
  /** Clears a credential's lock and failures; false when there is no such credential. */
  unlockCredential(id: string): Promise<boolean>;
  /**
   * Replaces a credential's ciphertext if it is still `expected`, keeping everything else (a
   * rotated refresh token must not overwrite a secret saved meanwhile); false otherwise.
   */
  replaceCredentialSecret(id: string, expected: string, ciphertext: string): Promise<boolean>;
}
