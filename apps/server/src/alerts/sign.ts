import { hmacOf } from '../webhooks/signatures/compare.js';
import { standardWebhooksKey } from '../webhooks/signatures/standard-webhooks.js';

/** A Standard Webhooks secret: `whsec_` then the base64 of at least 24 random bytes (the spec asks 24 to 64). */
export function isStandardWebhooksSecret(secret: string): boolean {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0 && Buffer.from(b64, 'base64').length >= 24;
}

/**
 * The Standard Webhooks headers of one message: `webhook-id` (the same on every retry, so a
 * receiver can drop duplicates), `webhook-timestamp` (unix seconds) and `webhook-signature:
 * v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`.
 */
export function standardWebhooksHeaders(secret: string, messageId: string, nowMs: number, body: string): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = hmacOf('sha256', standardWebhooksKey(secret), [`${messageId}.${timestamp}.${body}`]).toString('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
