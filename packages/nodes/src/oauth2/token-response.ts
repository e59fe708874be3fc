import { failure, z } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';
import { classifyStatus } from '../http-request/classify.js';

/** What a token endpoint issued (RFC 6749 §5.1), in our terms. */
export interface IssuedToken {
  accessToken: string;
  /** From `expires_in`; undefined when the endpoint did not say. */
  expiresInMs: number | undefined;
  /** A new refresh token (rotation); undefined when the endpoint sent none. */
  refreshToken: string | undefined;
}

// Numbers sent as strings are common enough (older providers) to accept.
const seconds = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().nonnegative().finite());

const SuccessBody = z.object({
  access_token: z.string().min(1),
  // RFC 6750 bearer tokens only; some providers leave the type out, which we read as bearer.
  token_type: z
    .string()
    .refine((t) => t.toLowerCase() === 'bearer', 'is not "Bearer" (only bearer tokens are supported)')
    .optional(),
  expires_in: seconds.optional(),
  refresh_token: z.string().min(1).optional(),
});

const ErrorBody = z.object({ error: z.string().max(200), error_description: z.string().optional() });

/** Error codes of RFC 6749 §5.2 that say the client or the grant is not (or no longer) good. */
const AUTH_ERRORS: ReadonlySet<string> = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client']);

const DESCRIPTION_LIMIT = 200;

/** A 2xx body as an issued token, or why it is not one (`invalid_response`). */
export function parseIssuedToken(text: string): { ok: true; token: IssuedToken } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const parsed = SuccessBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Names the field, never its value: a malformed answer may still carry a token.
    return { ok: false, reason: issue === undefined ? 'not a token response' : `${issue.path.join('.') || 'the body'} ${issue.message}` };
  }
  const { access_token, expires_in, refresh_token } = parsed.data;
  return { ok: true, token: { accessToken: access_token, expiresInMs: expires_in === undefined ? undefined : Math.round(expires_in * 1000), refreshToken: refresh_token } };
}

/**
 * The failure a token endpoint's refusal means. A client or grant it no longer accepts
 * (400 `invalid_grant`, `invalid_client`, `unauthorized_client`; any 401 or 403) is `auth`, so
 * repeated refusals lock the credential; other 400s (`invalid_scope`, `invalid_request`,
 * `unsupported_grant_type`) are the credential's settings, `invalid_request`; 5xx, 429 and 408
 * are availability, retryable as for any upstream. `describe` is what the message says before
 * the status; `redact` cleans what the endpoint wrote.
 */
export function tokenRefusal(
  status: number,
  headers: Record<string, string>,
  text: string,
  describe: string,
  redact: (text: string) => string,
  now: number,
): Failure {
  const body = errorBody(text);
  const detail = body === undefined ? '' : ` ${body.error}${body.description === undefined ? '' : ` (${redact(body.description)})`}`;
  const message = redact(`${describe} answered ${status}${detail}`);
  if (status === 401 || status === 403 || (status === 400 && body !== undefined && AUTH_ERRORS.has(body.error))) return failure('auth', message);
  if (status === 400) return failure('invalid_request', message);
  const { category, retryAfterMs } = classifyStatus(status, headers['retry-after'], now);
  return failure(category, message, retryAfterMs === undefined ? {} : { retryAfterMs });
}

function errorBody(text: string): { error: string; description: string | undefined } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success || !/^[\x20-\x7e]+$/.test(parsed.data.error)) return undefined;
  const description = parsed.data.error_description?.slice(0, DESCRIPTION_LIMIT);
  return { error: parsed.data.error, description };
}
