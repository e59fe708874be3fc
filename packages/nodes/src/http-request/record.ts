import type { RecordedRequest, RecordedResponse } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import type { Redactor } from './redact.js';

/** A body for the run history: as it was, or cut to `limit` bytes of its text and marked truncated. */
export function truncateBody(value: Json | null, limit: number): { body: Json | null; truncated: boolean } {
  if (value === null) return { body: null, truncated: false };
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= Math.max(0, limit)) return { body: value, truncated: false };
  // Decoding a cut multi-byte character leaves U+FFFD at the end: drop it.
  const cut = bytes.subarray(0, Math.max(0, limit)).toString('utf8').replace(/\uFFFD+$/, '');
  return { body: cut, truncated: true };
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent: the JSON value for a JSON body, else the text. */
  body: Json | null;
}

/** The request as the run history shows it: secrets redacted, then the body truncated. */
export function recordRequest(sent: SentRequest, redactor: Redactor, limit: number): RecordedRequest {
  const { body, truncated } = truncateBody(sent.body === null ? null : redactor.json(sent.body), limit);
  return {
    method: sent.method,
    url: redactor.text(sent.url),
    headers: redactor.headers(sent.headers, true),
    body,
    truncated,
  };
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the text, or null for no body. */
  body: Json | null;
  /** True when reading stopped early (over maxResponseBytes). */
  incomplete: boolean;
}

/** The response as the run history shows it: secrets redacted, then the body truncated. */
export function recordResponse(received: ReceivedResponse, redactor: Redactor, limit: number): RecordedResponse {
  const { body, truncated } = truncateBody(received.body === null ? null : redactor.json(received.body), limit);
  return {
    status: received.status,
    headers: redactor.headers(received.headers, true),
    body,
    truncated: truncated || received.incomplete,
  };
}
