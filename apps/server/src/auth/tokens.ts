import { createHash, randomBytes } from 'node:crypto';

/** A new secret: a recognisable prefix and 32 random bytes, URL-safe. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Secrets (API keys, session cookies, sign-in tokens) are stored only as this hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
