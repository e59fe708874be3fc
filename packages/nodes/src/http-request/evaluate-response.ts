import type { ExecutionResult, RecordedRequest } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import { classifyStatus, isExpectedStatus } from './classify.js';
import type { ResolvedHttpRequestParams } from './definition.js';
import type { PreparedRequest } from './prepare-request.js';
import { recordResponse } from './record.js';
import { decodeBody, snippet } from './response-body.js';

/** A final response, its body read (or not, when it has none). */
export interface FinalResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  overLimit: boolean;
  /** `METHOD url` of the request that got it, redacted. */
  requestLine: string;
}

function expectedText(expectStatus: readonly number[] | undefined): string {
  return expectStatus === undefined ? 'a 2xx status' : expectStatus.join(', ');
}

/**
 * Turns a final response into the attempt's result: the status decides success (expect.status,
 * default 2xx), then size, JSON and expect.schema can still make it invalid_response.
 */
export function evaluateResponse(
  res: FinalResponse,
  params: ResolvedHttpRequestParams,
  prepared: PreparedRequest,
  request: RecordedRequest,
  ctx: { now(): number; recordBodyBytes: number },
): ExecutionResult {
  const { redactor } = prepared;
  const decoded = decodeBody(res.bytes, res.headers['content-type'], params.responseType);
  const response = recordResponse(
    { status: res.status, headers: res.headers, body: decoded.value, incomplete: res.overLimit },
    redactor,
    ctx.recordBodyBytes,
  );
  const fail = (category: Parameters<typeof failure>[0], message: string, extra: { retryAfterMs?: number } = {}): ExecutionResult => ({
    ok: false,
    failure: failure(category, redactor.text(message), { httpStatus: res.status, ...extra }),
    request,
    response,
  });

  if (!isExpectedStatus(res.status, params.expect?.status)) {
    const { category, retryAfterMs } = classifyStatus(res.status, res.headers['retry-after'], ctx.now());
    if (category === 'invalid_response') {
      return fail(category, `HTTP ${res.status} from ${res.requestLine} is not an expected status (expected ${expectedText(params.expect?.status)})`);
    }
    const start = snippet(decoded.text);
    return fail(category, `HTTP ${res.status} from ${res.requestLine}${start === '' ? '' : `: ${start}`}`, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (res.overLimit) {
    return fail('invalid_response', `the response body of ${res.requestLine} is larger than maxResponseBytes (${params.maxResponseBytes} bytes)`);
  }
  if (decoded.jsonError !== undefined) {
    const type = res.headers['content-type'] ?? 'none';
    return fail('invalid_response', `the response body of ${res.requestLine} is not valid JSON (${decoded.jsonError}; content-type ${type}): ${snippet(decoded.text)}`);
  }
  const schemaError = prepared.validateBody?.(decoded.value);
  if (schemaError !== undefined && schemaError !== null) {
    return fail('invalid_response', `the response body of ${res.requestLine} does not match expect.schema: ${schemaError}`);
  }
  const output = {
    status: res.status,
    headers: redactor.headers(res.headers, false),
    body: decoded.value === null ? null : redactor.json(decoded.value),
  };
  return { ok: true, output, request, response };
}
