import type { CredentialPort } from '@switchyard/engine';
import type { WebhookSettings } from '@switchyard/nodes';
import type { Json } from '@switchyard/schema';
import { constantTimeEqual } from './signatures/compare.js';
import { resolveToken } from './verify-auth.js';
import { jsonAnswer, type WebhookAnswer } from './webhook-answer.js';

/**
 * The requests some senders make before they send events, to prove the URL is theirs to send
 * to. Each is answered only when the trigger is configured for that sender, and none starts a
 * run. A challenge is echoed back, so it is bounded, and every answer carries the webhook
 * sandbox headers like any other.
 */
const MAX_CHALLENGE = 2_048;

export type HandshakeResult = { kind: 'answer'; answer: WebhookAnswer } | { kind: 'refused' } | { kind: 'none' };

const NONE: HandshakeResult = { kind: 'none' };

function text(body: string): WebhookAnswer {
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

/**
 * Handshakes the sender does not sign, answered before the signature check:
 * - Meta's subscription check, `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`:
 *   the challenge as text when the verify token is the trigger's, refused otherwise.
 * - Microsoft Graph's `POST ?validationToken=…` when a subscription is created: the token,
 *   URL-decoded, as text/plain.
 */
export async function unsignedHandshake(auth: WebhookSettings['auth'], method: string, url: URL, credentials: CredentialPort): Promise<HandshakeResult> {
  if (auth.kind === 'meta' && method === 'GET' && url.searchParams.get('hub.mode') === 'subscribe') {
    const challenge = url.searchParams.get('hub.challenge') ?? '';
    const sent = url.searchParams.get('hub.verify_token');
    const expected = await resolveToken(credentials, auth.verifyToken, false);
    if (sent === null || expected === undefined || !constantTimeEqual(sent, expected)) return { kind: 'refused' };
    if (challenge === '' || challenge.length > MAX_CHALLENGE) return { kind: 'refused' };
    return { kind: 'answer', answer: text(challenge) };
  }
  if (auth.kind === 'microsoft-graph' && method === 'POST' && url.searchParams.has('validationToken')) {
    const token = url.searchParams.get('validationToken') ?? '';
    if (token === '' || token.length > MAX_CHALLENGE) return { kind: 'refused' };
    return { kind: 'answer', answer: text(token) };
  }
  return NONE;
}

/**
 * Handshakes the sender signs, answered once the signature passed: Slack's Events API
 * `url_verification`, whose `challenge` goes back as `{ "challenge": … }`.
 */
export function signedHandshake(auth: WebhookSettings['auth'], body: Json): HandshakeResult {
  if (auth.kind !== 'slack' || body === null || typeof body !== 'object' || Array.isArray(body)) return NONE;
  if (body['type'] !== 'url_verification') return NONE;
  const challenge = body['challenge'];
  if (typeof challenge !== 'string' || challenge === '' || challenge.length > MAX_CHALLENGE) return { kind: 'refused' };
  return { kind: 'answer', answer: jsonAnswer(200, { challenge }) };
}

/** Whether a request to a webhook's path with another method than its own is a handshake it answers. */
export function answersHandshakeAt(auth: WebhookSettings['auth'], method: string): boolean {
  return auth.kind === 'meta' && method === 'GET';
}
