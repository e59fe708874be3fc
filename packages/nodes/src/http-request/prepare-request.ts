import type { ExecutionContext } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { Failure, Json } from '@switchyard/schema';
import { compileJsonSchema } from '../shared/json-schema.js';
import { confinementError } from './confine.js';
import type { CredentialScope } from './redirect.js';
import { applyCredential } from './credentials.js';
import type { StaticCredential } from './credentials.js';
import type { HttpMethod, ResolvedHttpRequestParams } from './definition.js';
import { sendsIdempotencyKey } from './idempotency.js';
import { createRedactor } from './redact.js';
import type { Redactor } from './redact.js';

/** A request ready to send: what the params, the credential and the idempotency key make of it. */
export interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
  /** The body as the history records it: the JSON value, or the text. */
  recordedBody: Json | null;
  /** Header names that carry the credential: dropped on a cross-origin redirect. */
  credentialHeaders: string[];
  /** Where the credential may follow a redirect (the integration's base). */
  credentialScope: CredentialScope;
  /** `host` of the node's integration, trusted by the SSRF guard. */
  trustedHost: string | undefined;
  redactor: Redactor;
  validateBody: ((value: unknown) => string | null) | undefined;
}

const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.8';

function invalid(message: string): { ok: false; failure: Failure } {
  return { ok: false, failure: failure('invalid_request', message) };
}

function buildUrl(params: ResolvedHttpRequestParams): URL | undefined {
  let url: URL;
  try {
    url = new URL(params.url);
  } catch {
    return undefined;
  }
  url.hash = '';
  for (const [name, value] of Object.entries(params.query ?? {})) {
    if (value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}

/**
 * Turns resolved params and the attempt's context into the request to send, or an
 * invalid_request failure. `credential` is the one to apply (an OAuth2 credential's access
 * token, once fetched, comes as a bearer token).
 */
export function prepareRequest(
  params: ResolvedHttpRequestParams,
  ctx: ExecutionContext,
  credential: StaticCredential | undefined,
  userAgent: string,
): { ok: true; request: PreparedRequest } | { ok: false; failure: Failure } {
  const applied = credential === undefined ? undefined : applyCredential(credential);
  if (applied !== undefined && 'error' in applied) return invalid(applied.error);
  const credentialHeaders = Object.keys(applied?.headers ?? {});
  const redactor = createRedactor(applied?.secrets ?? [], credentialHeaders);

  let validateBody: PreparedRequest['validateBody'];
  if (params.expect?.schema !== undefined) {
    const compiled = compileJsonSchema(params.expect.schema);
    if (!compiled.ok) return invalid(`expect.schema is not a valid JSON Schema: ${compiled.error}`);
    validateBody = compiled.validate;
  }

  const url = buildUrl(params);
  if (url === undefined) return invalid(`url ${redactor.text(params.url)} is not a valid URL`);
  if (applied?.query !== undefined) url.searchParams.set(applied.query.name, applied.query.value);
  if (ctx.integration !== undefined) {
    const escape = confinementError(url, ctx.integration);
    if (escape !== null) return invalid(redactor.text(escape));
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    if (value !== null) headers[name.toLowerCase()] = String(value);
  }
  headers['user-agent'] ??= userAgent;
  headers['accept'] ??= DEFAULT_ACCEPT;

  let body: string | undefined;
  let recordedBody: Json | null = null;
  if (params.body !== undefined && params.body !== null) {
    body = typeof params.body === 'string' ? params.body : JSON.stringify(params.body);
    recordedBody = params.body;
    headers['content-type'] ??= typeof params.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  }

  if (sendsIdempotencyKey(params.method, ctx.idempotencyKeyExplicit) && ctx.idempotencyKey !== '') {
    // An explicit policy key wins over a header; the default key does not override one.
    if (ctx.idempotencyKeyExplicit || headers['idempotency-key'] === undefined) headers['idempotency-key'] = ctx.idempotencyKey;
  }
  Object.assign(headers, applied?.headers);

  const trustedHost = ctx.integration === undefined ? undefined : hostOf(ctx.integration.baseUrl);
  const integration = ctx.integration;
  const credentialScope: CredentialScope = {
    headers: credentialHeaders,
    ...(applied?.query === undefined ? {} : { queryParam: applied.query.name }),
    ...(integration === undefined ? {} : { within: (next: URL) => confinementError(next, integration) === null }),
  };
  return {
    ok: true,
    request: { method: params.method, url, headers, body, recordedBody, credentialHeaders, credentialScope, trustedHost, redactor, validateBody },
  };
}

function hostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).host;
  } catch {
    return undefined;
  }
}
