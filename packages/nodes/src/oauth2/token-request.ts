import { failure } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';
import { classifyTransportError } from '../http-request/classify.js';
import { createHttpClient } from '../http-request/client.js';
import type { Deadline, HttpClient, TimedHttpOptions } from '../http-request/client.js';
import { checkDestination } from '../http-request/guard.js';
import { createRedactor } from '../http-request/redact.js';
import { parseIssuedToken, tokenRefusal } from './token-response.js';
import type { IssuedToken } from './token-response.js';

/** What a credential asks its token endpoint with (the secrets stay on the server's side). */
export interface TokenGrant {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string | undefined;
  /** With it, the refresh-token grant (RFC 6749 §6); without, client credentials (§4.4). */
  refreshToken?: string | undefined;
}

export type TokenRequestResult = { ok: true; token: IssuedToken } | { ok: false; failure: Failure };

export interface TokenRequester {
  /** One grant request; never throws. `now` dates a Retry-After. */
  request(grant: TokenGrant, options: { timeoutMs: number; now: number }): Promise<TokenRequestResult>;
  /** Closes its connections. */
  close(): Promise<void>;
}

/** A token response is small; anything near this is not one. */
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined and
 * base64-encoded (client_secret_basic), so a `:` or `%` in either survives the round trip.
 */
export function basicClientAuth(clientId: string, clientSecret: string): string {
  const encode = (s: string): string => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64')}`;
}

/** The form body of a grant request. */
export function grantForm(grant: TokenGrant): string {
  const form = new URLSearchParams();
  if (grant.refreshToken !== undefined) {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', grant.refreshToken);
  } else {
    form.set('grant_type', 'client_credentials');
  }
  if (grant.scope !== undefined && grant.scope !== '') form.set('scope', grant.scope);
  return form.toString();
}

/**
 * Sends grant requests to token endpoints through the same SSRF guard as http.request (a
 * token URL is not an integration host, so it is never trusted): private and loopback
 * addresses are refused unless allowed. Redirects are not followed: a token endpoint that
 * redirects a request carrying the client's secret is misconfigured, and says so.
 */
export function createTokenRequester(options: TimedHttpOptions): TokenRequester {
  const client = createHttpClient(options);
  return {
    request: (grant, { timeoutMs, now }) => requestToken(client, options.deadline, grant, timeoutMs, now),
    close: () => client.close(),
  };
}

async function requestToken(client: HttpClient, deadlineAfter: Deadline, grant: TokenGrant, timeoutMs: number, now: number): Promise<TokenRequestResult> {
  const authorization = basicClientAuth(grant.clientId, grant.clientSecret);
  const secrets = [grant.clientSecret, authorization.slice('Basic '.length), ...(grant.refreshToken === undefined ? [] : [grant.refreshToken])];
  const redact = createRedactor(secrets).text;
  let url: URL;
  try {
    url = new URL(grant.tokenUrl);
  } catch {
    return refused(failure('invalid_request', 'the credential\'s tokenUrl is not a valid URL'));
  }
  url.hash = '';
  const describe = redact(`the token endpoint POST ${url.href}`);
  const blocked = checkDestination(url, client.policy);
  if (blocked !== null) return refused(failure('invalid_request', redact(`${describe}: ${blocked}`)));

  const deadline = deadlineAfter(timeoutMs);
  const headers = {
    authorization,
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': client.userAgent,
  };
  let status: number;
  let responseHeaders: Record<string, string>;
  let text: string;
  let overLimit: boolean;
  try {
    const res = await client.send({ url, method: 'POST', headers, body: grantForm(grant), trusted: false }, deadline);
    status = res.status;
    responseHeaders = res.headers;
    const read = await res.readBody(MAX_TOKEN_RESPONSE_BYTES);
    text = read.bytes.toString('utf8');
    overLimit = read.overLimit;
  } catch (error) {
    const { category, detail } = classifyTransportError(error, { cancelled: false, timedOut: deadline.aborted });
    const message = category === 'timeout' && deadline.aborted ? `${describe}: no answer within ${timeoutMs} ms` : `${describe}: ${detail}`;
    return refused(failure(category, redact(message)));
  }
  if (status < 200 || status >= 300) return refused(tokenRefusal(status, responseHeaders, text, describe, redact, now));
  if (overLimit) return refused(failure('invalid_response', `${describe}: the answer is larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes`));
  const parsed = parseIssuedToken(text);
  if (!parsed.ok) return refused(failure('invalid_response', `${describe}: answered ${status} without a usable token: ${redact(parsed.reason)}`));
  return parsed;
}

function refused(f: Failure): TokenRequestResult {
  return { ok: false, failure: f };
}
