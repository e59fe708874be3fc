import { anySignatureMatches, decodeSignature, hmacOf } from './compare.js';
import { accepted, REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>` keyed with the app's
 * client secret (or the store's webhook secret). No timestamp; `X-Shopify-Event-Id` is the same
 * on every retry of one event (older deliveries carry only `X-Shopify-Webhook-Id`).
 */
export function verifyShopify(d: SignedDelivery, secrets: readonly string[]): Verdict {
  const header = d.headers['x-shopify-hmac-sha256'];
  const sent = header === undefined ? undefined : decodeSignature(header, 'base64');
  if (sent === undefined) return REFUSED;
  if (!anySignatureMatches([sent], secrets.map((s) => hmacOf('sha256', s, [d.raw])))) return REFUSED;
  return accepted(d.headers['x-shopify-event-id'] ?? d.headers['x-shopify-webhook-id']);
}
