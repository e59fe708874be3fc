import type { WebhookSettings } from '@switchyard/nodes';
import type { Json } from '@switchyard/schema';
import { jsonDepth } from '../http/json-depth.js';

export type ParsedBody = { ok: true; body: Json } | { ok: false; message: string };

/** Deeper JSON is refused: every later step (storage, expressions, redaction) walks it recursively. */
export const MAX_JSON_DEPTH = 64;

/**
 * The body as `$trigger.body`: JSON parsed, form-encoded as an object of strings, `text/*` as a
 * string, anything else as `{ contentType, base64 }`; no body at all is null.
 */
export function parseDeliveryBody(contentTypeHeader: string | undefined, raw: Buffer): ParsedBody {
  const contentType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0 && contentType === '') return { ok: true, body: null };
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    const text = raw.toString('utf8');
    if (jsonDepth(text) > MAX_JSON_DEPTH) return { ok: false, message: `the body nests deeper than ${MAX_JSON_DEPTH} levels` };
    try {
      return { ok: true, body: JSON.parse(text) as Json };
    } catch {
      return { ok: false, message: 'the body is not valid JSON' };
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    // Object.fromEntries defines own properties: a `__proto__` field stays a plain key.
    return { ok: true, body: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
  }
  if (contentType.startsWith('text/')) return { ok: true, body: raw.toString('utf8') };
  return { ok: true, body: { contentType: contentType === '' ? 'application/octet-stream' : contentType, base64: raw.toString('base64') } };
}

/** Always-redacted request headers in `$trigger` (workflow-format.md). */
const ALWAYS_REDACTED = ['authorization', 'cookie'];

export const REDACTED_VALUE = '[redacted]';

/** Headers (lower-case names) with the sensitive ones, and `extra`, replaced by "[redacted]". */
export function redactedHeaders(headers: Record<string, string>, extra: readonly string[]): Record<string, string> {
  const hidden = new Set([...ALWAYS_REDACTED, ...extra]);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = hidden.has(name) ? REDACTED_VALUE : value;
  return out;
}

/**
 * The body as `$trigger.body`, with the secret it carried hidden: Microsoft Graph sends the
 * subscription's `clientState` (the trigger's credential) in every notification.
 */
export function redactedBody(auth: WebhookSettings['auth'], body: Json): Json {
  if (auth.kind !== 'microsoft-graph' || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const value = body['value'];
  if (!Array.isArray(value)) return body;
  return {
    ...body,
    value: value.map((n) => (n !== null && typeof n === 'object' && !Array.isArray(n) && 'clientState' in n ? { ...n, clientState: REDACTED_VALUE } : n)),
  };
}
