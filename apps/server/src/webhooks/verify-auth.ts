import type { CredentialPort, ResolvedCredential } from '@switchyard/engine';
import type { WebhookSettings } from '@switchyard/nodes';
import { constantTimeEqual } from './signatures/compare.js';
import { hubSignature256, verifyGithub } from './signatures/github.js';
import { verifyGenericHmac } from './signatures/hmac.js';
import { verifyHmacSha256 } from './signatures/hmac-sha256.js';
import { verifyMicrosoftGraph } from './signatures/microsoft-graph.js';
import { verifyShopify } from './signatures/shopify.js';
import { verifySlack } from './signatures/slack.js';
import { verifyStandardWebhooks } from './signatures/standard-webhooks.js';
import { verifyStripe } from './signatures/stripe.js';
import { verifyTwilio } from './signatures/twilio.js';
import { REFUSED, type SignedDelivery, type Verdict } from './signatures/types.js';

export { constantTimeEqual } from './signatures/compare.js';
export type { Verdict } from './signatures/types.js';

type Auth = WebhookSettings['auth'];

/** The value a token check expects: the credential's token, whatever its kind calls it. */
export function credentialToken(credential: ResolvedCredential): string | undefined {
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

/** A stored credential's token, or undefined when it is missing, unreadable or has none. */
export async function resolveToken(credentials: CredentialPort, id: string, signing: boolean): Promise<string | undefined> {
  let credential: ResolvedCredential | undefined;
  try {
    credential = await credentials.resolve(id);
  } catch {
    return undefined;
  }
  if (!credential) return undefined;
  // A signing scheme keys its HMAC with an `hmac` credential's secret, never with some other token.
  if (signing && credential.kind !== 'hmac') return undefined;
  const token = credentialToken(credential);
  return token === undefined || token === '' ? undefined : token;
}

/**
 * The secrets a delivery may be checked against: the credential's, then the previous one while
 * its overlap lasts (`previous.until`, compared with the injected clock).
 */
async function secretsOf(auth: Exclude<Auth, { kind: 'none' }>, credentials: CredentialPort, nowMs: number): Promise<string[]> {
  const signing = auth.kind !== 'header' && auth.kind !== 'microsoft-graph';
  const out: string[] = [];
  const current = await resolveToken(credentials, auth.credential, signing);
  if (current !== undefined) out.push(current);
  if (auth.previous !== undefined && nowMs < Date.parse(auth.previous.until)) {
    const previous = await resolveToken(credentials, auth.previous.credential, signing);
    if (previous !== undefined) out.push(previous);
  }
  return out;
}

export interface AuthInput {
  /** Lower-case names. */
  headers: Record<string, string>;
  raw: Buffer;
  /** The URL as requested (Twilio signs it). */
  url: string;
  nowMs: number;
}

/**
 * Whether a delivery passes its trigger's auth, and the delivery's id where its scheme names
 * one. Any problem (missing header, unknown or undecryptable credential, bad signature, stale
 * timestamp) is just a refusal: the caller answers one generic 401, so the answer tells an
 * attacker nothing.
 */
export async function verifyWebhookAuth(auth: Auth, credentials: CredentialPort, input: AuthInput): Promise<Verdict> {
  if (auth.kind === 'none') return { ok: true };
  const secrets = await secretsOf(auth, credentials, input.nowMs);
  if (secrets.length === 0) return REFUSED;
  const d: SignedDelivery = { headers: input.headers, raw: input.raw, url: input.url };
  const tolerance = (t: number | undefined): number => t ?? 300;
  switch (auth.kind) {
    case 'header': {
      const sent = input.headers[auth.header.toLowerCase()];
      if (sent === undefined) return REFUSED;
      let match = false;
      for (const s of secrets) if (constantTimeEqual(sent, s)) match = true;
      return match ? { ok: true } : REFUSED;
    }
    case 'hmac-sha256':
      return verifyHmacSha256(d, secrets, input.nowMs, auth);
    case 'hmac':
      return verifyGenericHmac(d, secrets, input.nowMs, auth);
    case 'github':
      return verifyGithub(d, secrets);
    case 'stripe':
      return verifyStripe(d, secrets, input.nowMs, tolerance(auth.toleranceSec));
    case 'shopify':
      return verifyShopify(d, secrets);
    case 'slack':
      return verifySlack(d, secrets, input.nowMs, tolerance(auth.toleranceSec));
    case 'standard-webhooks':
      return verifyStandardWebhooks(d, secrets, input.nowMs, tolerance(auth.toleranceSec));
    case 'twilio':
      return verifyTwilio(d, secrets, auth.url);
    case 'meta':
      // Meta names no delivery in its headers: replays are caught only by an idempotency rule.
      return hubSignature256(d, secrets) ? { ok: true } : REFUSED;
    case 'microsoft-graph':
      return verifyMicrosoftGraph(d, secrets);
  }
}

/** Header names (lower-case) a trigger's auth reads: redacted in `$trigger`. */
export function authHeaderNames(auth: Auth): string[] {
  switch (auth.kind) {
    case 'none':
    case 'microsoft-graph':
      return [];
    case 'header':
    case 'hmac':
      return [auth.header.toLowerCase()];
    case 'hmac-sha256':
      return [auth.header.toLowerCase(), auth.timestampHeader.toLowerCase()];
    case 'github':
    case 'meta':
      return ['x-hub-signature-256', 'x-hub-signature'];
    case 'stripe':
      return ['stripe-signature'];
    case 'shopify':
      return ['x-shopify-hmac-sha256'];
    case 'slack':
      return ['x-slack-signature'];
    case 'standard-webhooks':
      return ['webhook-signature'];
    case 'twilio':
      return ['x-twilio-signature'];
  }
}
