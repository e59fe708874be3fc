import type { Migration } from './migration.js';

/**
 * Credentials (only ciphertext: the server encrypts before storing), API keys and browser
 * sessions (only SHA-256 hashes of the secrets), and one-time sign-in tokens.
 */
export const access: Migration = {
  version: 2,
  name: 'access',
  sql: `
    CREATE TABLE credentials (
      id         TEXT    NOT NULL PRIMARY KEY,
      name       TEXT    NOT NULL,
      kind       TEXT    NOT NULL,
      ciphertext TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE api_keys (
      id         TEXT    NOT NULL PRIMARY KEY,
      name       TEXT    NOT NULL,
      hash       TEXT    NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE sessions (
      hash       TEXT    NOT NULL PRIMARY KEY,
      api_key_id TEXT    NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );

    CREATE TABLE signin_tokens (
      hash       TEXT    NOT NULL PRIMARY KEY,
      api_key_id TEXT    NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at    INTEGER
    );
  `,
};
