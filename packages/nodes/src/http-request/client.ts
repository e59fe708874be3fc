import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { createDestinationPolicy, createGuardedConnector, createTrustedConnector } from './guard.js';
import type { DestinationPolicy, HostLookup } from './guard.js';

/** Options of the HTTP client shared by every http.request node of a registry. */
export interface HttpOptions {
  /** Host names or IP addresses that may be reached even though private or loopback. */
  allowedHosts?: string[];
  /** @default 'Switchyard' */
  userAgent?: string;
  /** DNS resolution; tests inject a fake resolver. @default node:dns lookup */
  lookup?: HostLookup;
}

/** An AbortSignal that aborts `ms` from now: time reaches the outbound clients from their composition root's clock. */
export type Deadline = (ms: number) => AbortSignal;

/** Options of a client that times its own requests (alert deliveries, token requests). */
export interface TimedHttpOptions extends HttpOptions {
  deadline: Deadline;
}

/** One request as sent on the wire (one redirect hop). */
export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** The URL's host is the node's integration host: connect without the SSRF guard. */
  trusted: boolean;
}

export interface HopResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Reads at most `maxBytes`; more stops the read and destroys the connection. */
  readBody(maxBytes: number): Promise<{ bytes: Buffer; overLimit: boolean }>;
  /** Throws the body away (a redirect's, or one that must not have any). */
  discard(): Promise<void>;
}

export interface HttpClient {
  readonly policy: DestinationPolicy;
  readonly userAgent: string;
  /** Sends one request; throws transport errors (classify.ts reads them). */
  send(hop: HopRequest, signal: AbortSignal): Promise<HopResponse>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Keep-alive agents shared by a registry: one guarded, one for integration hosts. */
export function createHttpClient(options: HttpOptions = {}): HttpClient {
  const policy = createDestinationPolicy(options.allowedHosts, options.lookup);
  const guarded = new Agent({ connect: createGuardedConnector(policy, CONNECT_TIMEOUT_MS) });
  // A separate pool, so a connection to a trusted host is never reused by an untrusted request.
  const trusted = new Agent({ connect: createTrustedConnector(policy, CONNECT_TIMEOUT_MS) });
  return {
    policy,
    userAgent: options.userAgent ?? 'Switchyard',
    send: (hop, signal) => sendHop(hop.trusted ? trusted : guarded, hop, signal),
    close: async () => {
      await Promise.all([guarded.close(), trusted.close()]);
    },
  };
}

async function sendHop(dispatcher: Dispatcher, hop: HopRequest, signal: AbortSignal): Promise<HopResponse> {
  const res = await request(hop.url, {
    dispatcher,
    method: hop.method as Dispatcher.HttpMethod,
    headers: hop.headers,
    body: hop.body ?? null,
    signal,
    // The attempt's own deadline (the signal) covers headers and body.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const headers = flattenHeaders(res.headers);
  return {
    status: res.statusCode,
    headers,
    readBody: (maxBytes) => readCapped(res.body, headers['content-length'], maxBytes),
    discard: async () => {
      try {
        await res.body.dump({ limit: 65_536 });
      } catch {
        // The body was unwanted anyway; its connection is gone.
      }
    },
  };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readCapped(
  body: Readable,
  contentLength: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Buffer; overLimit: boolean }> {
  if (contentLength !== undefined && /^\d+$/.test(contentLength) && Number(contentLength) > maxBytes) {
    // Destroying an unread body emits an abort error that nobody else listens for.
    body.on('error', () => {});
    body.destroy();
    return { bytes: Buffer.alloc(0), overLimit: true };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    if (total + chunk.length > maxBytes) {
      chunks.push(chunk.subarray(0, maxBytes - total));
      // Leaving the loop destroys the stream: the rest is never read.
      return { bytes: Buffer.concat(chunks), overLimit: true };
    }
    total += chunk.length;
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), overLimit: false };
}
