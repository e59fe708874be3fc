import type { Json } from '@switchyard/schema';
import { isReservedResponseHeader } from '@switchyard/nodes';
import { errorBody } from '../http/api-error.js';
import { HOOK_HEADERS } from '../http/security-headers.js';

/** An HTTP answer to a webhook delivery, as JSON so an idempotency key can store and replay it. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: Json;
}

export function accepted(runId: string): WebhookAnswer {
  return { status: 202, headers: { 'content-type': 'application/json' }, body: { runId, statusUrl: `/api/runs/${runId}` } };
}

export function runFailed(runId: string, status: string): WebhookAnswer {
  return {
    status: 502,
    headers: { 'content-type': 'application/json' },
    body: errorBody('run_failed', `the run ended ${status}`, { runId, status }) as unknown as Json,
  };
}

export function jsonAnswer(status: number, body: Json): WebhookAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body };
}

/** Hop-by-hop and framing headers are the server's to set, whatever a respond node produced. */
const NOT_FROM_RESPOND = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te']);

/** A `respond` node's output `{ status, headers, body }` as an answer. */
export function fromRespondOutput(output: Json | null): WebhookAnswer {
  const o = (output !== null && typeof output === 'object' && !Array.isArray(output) ? output : {}) as Record<string, Json>;
  const status = typeof o.status === 'number' ? o.status : 200;
  const headers: Record<string, string> = {};
  const raw = o.headers;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    // Reserved headers are refused when a workflow is saved; one stored before that rule is dropped here.
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !NOT_FROM_RESPOND.has(k.toLowerCase()) && !isReservedResponseHeader(k)) headers[k.toLowerCase()] = v;
  }
  return { status, headers, body: o.body ?? null };
}

/** Renders an answer; a JSON content type (or none) sends the body as JSON, a string body otherwise as is. */
export function toResponse(answer: WebhookAnswer, extra: Record<string, string> = {}): Response {
  // The security headers come last: nothing an answer carries (even one replayed from an
  // idempotency record written before they existed) can loosen them.
  const headers = new Headers({ ...answer.headers, ...extra, ...HOOK_HEADERS });
  const contentType = headers.get('content-type') ?? '';
  let body: string | null;
  if (answer.body === null && !/json/i.test(contentType)) body = null;
  else if (typeof answer.body === 'string' && !/json/i.test(contentType)) body = answer.body;
  else {
    if (contentType === '') headers.set('content-type', 'application/json');
    body = JSON.stringify(answer.body);
  }
  // 204 and 304 have no body by definition.
  if (answer.status === 204 || answer.status === 304) body = null;
  return new Response(body, { status: answer.status, headers });
}
