import { constantTimeEqual } from './compare.js';
import { REFUSED, type SignedDelivery, type Verdict } from './types.js';

/**
 * Microsoft Graph change notifications are not signed: each notification in `value` carries the
 * `clientState` given when the subscription was created, and every one must match it. (Rich
 * notifications' `validationTokens` are JWTs checked against Microsoft's keys; not done here.)
 */
export function verifyMicrosoftGraph(d: SignedDelivery, secrets: readonly string[]): Verdict {
  let body: unknown;
  try {
    body = JSON.parse(d.raw.toString('utf8'));
  } catch {
    return REFUSED;
  }
  const value = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)['value'] : undefined;
  if (!Array.isArray(value) || value.length === 0) return REFUSED;
  const allMatch = value.every((n: unknown) => {
    const state = n !== null && typeof n === 'object' ? (n as Record<string, unknown>)['clientState'] : undefined;
    return typeof state === 'string' && secrets.some((s) => constantTimeEqual(state, s));
  });
  return allMatch ? { ok: true } : REFUSED;
}
