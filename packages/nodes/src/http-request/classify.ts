import type { ErrorCategory } from '@switchyard/schema';
import { DestinationBlockedError } from './guard.js';
import { parseRetryAfter } from './retry-after.js';

/** Whether a final status succeeds: listed in `expect.status`, or any 2xx when there is no list. */
export function isExpectedStatus(status: number, expectStatus: readonly number[] | undefined): boolean {
  return expectStatus === undefined ? status >= 200 && status < 300 : expectStatus.includes(status);
}

export interface StatusClassification {
  category: ErrorCategory;
  retryAfterMs?: number;
}

/**
 * The category of a status that did not succeed (semantics.md, "Error categories"). A failing
 * 4xx or 5xx keeps its category whatever `expect.status` lists; 1xx-3xx are invalid_response.
 */
export function classifyStatus(status: number, retryAfter: string | undefined, now: number): StatusClassification {
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status === 408) return { category: 'timeout' };
  if (status === 429) return retryAfterMs === undefined ? { category: 'rate_limited' } : { category: 'rate_limited', retryAfterMs };
  // A 503 is rate limiting only when it says when to come back (with a Retry-After we can parse).
  if (status === 503 && retryAfterMs !== undefined) return { category: 'rate_limited', retryAfterMs };
  if (status === 501) return { category: 'invalid_request' };
  if (status >= 500) return { category: 'server' };
  if (status === 401 || status === 403) return { category: 'auth' };
  if (status >= 400) return { category: 'invalid_request' };
  return { category: 'invalid_response' };
}

/** What a transport error means, as a category and a short phrase for the message. */
export interface TransportClassification {
  category: ErrorCategory;
  detail: string;
}

const TIMEOUT_CODES: Readonly<Record<string, string>> = {
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
};

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed for now',
  EAI_FAIL: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host down',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  EPROTO: 'protocol error',
  UND_ERR_SOCKET: 'the connection closed before a complete response',
  UND_ERR_CLOSED: 'the connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response was shorter than its content-length',
};

const INVALID_RESPONSE_CODES: Readonly<Record<string, string>> = {
  UND_ERR_HEADERS_OVERFLOW: 'the response headers are too large',
  UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE: 'the response is too large',
  HPE_INVALID_CONSTANT: 'the response is not valid HTTP',
  HPE_INVALID_STATUS: 'the response is not valid HTTP',
  HPE_INVALID_HEADER_TOKEN: 'the response is not valid HTTP',
};

const INVALID_REQUEST_CODES: Readonly<Record<string, string>> = {
  UND_ERR_INVALID_ARG: 'the request is invalid',
  UND_ERR_NOT_SUPPORTED: 'the request is not supported',
  ERR_INVALID_URL: 'the URL is invalid',
  ERR_INVALID_CHAR: 'a header holds an invalid character',
  ERR_HTTP_INVALID_HEADER_VALUE: 'a header value is invalid',
};

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/.test(code);
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    chain.push(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

const CODE_TABLES: ReadonlyArray<readonly [ErrorCategory, Readonly<Record<string, string>>]> = [
  ['timeout', TIMEOUT_CODES],
  ['network', NETWORK_CODES],
  ['invalid_response', INVALID_RESPONSE_CODES],
  ['invalid_request', INVALID_REQUEST_CODES],
];

function classifyCode(code: string, error: unknown): TransportClassification | undefined {
  for (const [category, table] of CODE_TABLES) {
    const detail = table[code];
    if (detail !== undefined) return { category, detail: `${detail} (${code})` };
  }
  if (isTlsCode(code)) return { category: 'network', detail: `TLS error: ${messageOf(error)} (${code})` };
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Classifies an error thrown while sending or receiving. Aborts are told apart by who aborted:
 * the engine's signal is `cancelled`, the attempt's deadline is `timeout`.
 */
export function classifyTransportError(error: unknown, aborted: { cancelled: boolean; timedOut: boolean }): TransportClassification {
  if (aborted.cancelled) return { category: 'cancelled', detail: 'the run was cancelled' };
  if (aborted.timedOut) return { category: 'timeout', detail: 'no complete response in time' };
  const chain = causes(error);
  for (const e of chain) {
    if (e instanceof DestinationBlockedError) return { category: 'invalid_request', detail: e.message };
  }
  for (const e of chain) {
    const code = codeOf(e);
    const classified = code === undefined ? undefined : classifyCode(code, e);
    if (classified !== undefined) return classified;
  }
  // Anything else the transport raised is a connection-level problem, not a bug of ours.
  return { category: 'network', detail: messageOf(error) };
}
