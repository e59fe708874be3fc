import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CredentialPort, ResolvedCredential } from '@switchyard/engine';
import type { WebhookSettings } from '@switchyard/nodes';

/** Compares two strings in time that does not depend on where they differ (nor on their lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** The value a `header` auth expects: the credential's token, whatever its kind calls it. */
function expectedToken(credential: ResolvedCredential): string | undefined {
  switch (credential.kind) {
    case 'bearer':
      return credential.token;
    case 'apiKey':
      return credential.value;
    case 'hmac':
      return credential.secret;
    case 'basic':
    case 'oauth2':
      // Neither has one fixed value a sender could present.
      return undefined;
  }
}

export interface AuthInput {
  /** Lower-case names. */
  headers: Record<string, string>;
  raw: Buffer;
  nowMs: number;
}

/**
 * Whether a delivery passes its trigger's auth. Any problem (missing header, unknown or
 * undecryptable credential, bad signature, stale timestamp) is just `false`: the caller answers
 * one generic 401, so the answer tells an attacker nothing.
 */
export async function verifyWebhookAuth(auth: WebhookSettings['auth'], credentials: CredentialPort, input: AuthInput): Promise<boolean> {
  if (auth.kind === 'none') return true;
  let credential: ResolvedCredential | undefined;
  try {
    credential = await credentials.resolve(auth.credential);
  } catch {
    return false;
  }
  if (!credential) return false;
  if (auth.kind === 'header') {
    const expected = expectedToken(credential);
    const sent = input.headers[auth.header.toLowerCase()];
    return expected !== undefined && expected !== '' && sent !== undefined && constantTimeEqual(sent, expected);
  }
  if (credential.kind !== 'hmac') return false;
  const stamp = input.headers[auth.timestampHeader.toLowerCase()];
  const signature = input.headers[auth.header.toLowerCase()];
  if (stamp === undefined || signature === undefined || !/^\d{1,12}$/.test(stamp.trim())) return false;
  const tolerance = auth.toleranceSec ?? 300;
  if (Math.abs(input.nowMs / 1000 - Number(stamp.trim())) > tolerance) return false;
  const mac = createHmac('sha256', credential.secret).update(`${stamp.trim()}.`, 'utf8').update(input.raw).digest('hex');
  const sent = signature.trim().replace(/^sha256=/i, '').toLowerCase();
  return constantTimeEqual(sent, mac);
}

/** Header names (lower-case) a trigger's auth reads: redacted in `$trigger`. */
export function authHeaderNames(auth: WebhookSettings['auth']): string[] {
  if (auth.kind === 'header') return [auth.header.toLowerCase()];
  if (auth.kind === 'hmac-sha256') return [auth.header.toLowerCase(), auth.timestampHeader.toLowerCase()];
  return [];
}
