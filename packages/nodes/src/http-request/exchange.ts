import type { ExecutionResult, RecordedRequest, RecordedResponse } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { ErrorCategory } from '@switchyard/schema';
import { classifyTransportError, isExpectedStatus } from './classify.js';
import type { HttpClient, HopResponse } from './client.js';
import type { ResolvedHttpRequestParams } from './definition.js';
import { evaluateResponse } from './evaluate-response.js';
import { checkDestination } from './guard.js';
import type { PreparedRequest } from './prepare-request.js';
import { recordRequest, recordResponse } from './record.js';
import { nextHop, REDIRECT_STATUSES } from './redirect.js';
import type { Hop } from './redirect.js';

/** The attempt's two abort sources, told apart when classifying. */
export interface AttemptSignals {
  /** The engine's: cancelled run or stopping engine. */
  cancel: AbortSignal;
  /** The attempt's deadline (timeoutMs, from sending to the last byte). */
  deadline: AbortSignal;
  timeoutMs: number;
}

interface ExchangeContext {
  client: HttpClient;
  params: ResolvedHttpRequestParams;
  prepared: PreparedRequest;
  signals: AttemptSignals;
  now(): number;
  recordBodyBytes: number;
}

const NO_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

function failed(
  category: ErrorCategory,
  message: string,
  records: { request?: RecordedRequest | undefined; response?: RecordedResponse | undefined },
  httpStatus?: number,
): ExecutionResult {
  const result: ExecutionResult = { ok: false, failure: failure(category, message, httpStatus === undefined ? {} : { httpStatus }) };
  if (records.request !== undefined) result.request = records.request;
  if (records.response !== undefined) result.response = records.response;
  return result;
}

function transportFailure(
  x: ExchangeContext,
  error: unknown,
  requestLine: string,
  records: { request: RecordedRequest; response?: RecordedResponse },
): ExecutionResult {
  const { category, detail } = classifyTransportError(error, {
    cancelled: x.signals.cancel.aborted,
    timedOut: x.signals.deadline.aborted,
  });
  const message =
    category === 'timeout' && x.signals.deadline.aborted
      ? `${requestLine}: no complete response within ${x.signals.timeoutMs} ms`
      : `${requestLine}: ${detail}`;
  return failed(category, x.prepared.redactor.text(message), records);
}

/** Reads the final response's body (none for HEAD, 204, 205, 304) and evaluates the result. */
async function finish(x: ExchangeContext, hop: Hop, res: HopResponse, requestLine: string, request: RecordedRequest): Promise<ExecutionResult> {
  let bytes: Buffer = Buffer.alloc(0);
  let overLimit = false;
  try {
    if (hop.method === 'HEAD' || NO_BODY_STATUSES.has(res.status)) await res.discard();
    else ({ bytes, overLimit } = await res.readBody(x.params.maxResponseBytes));
  } catch (error) {
    // The status and headers arrived; the body did not.
    const response = recordResponse({ status: res.status, headers: res.headers, body: null, incomplete: true }, x.prepared.redactor, x.recordBodyBytes);
    return transportFailure(x, error, requestLine, { request, response });
  }
  return evaluateResponse({ status: res.status, headers: res.headers, bytes, overLimit, requestLine }, x.params, x.prepared, request, x);
}

function shouldFollow(res: HopResponse, params: ResolvedHttpRequestParams): res is HopResponse & { headers: { location: string } } {
  return (
    REDIRECT_STATUSES.has(res.status) &&
    res.headers['location'] !== undefined &&
    params.followRedirects > 0 &&
    // A redirect that expect.status lists is the answer the workflow wants.
    !isExpectedStatus(res.status, params.expect?.status)
  );
}

/** Sends the request, following redirects by hand so that every hop passes the SSRF guard. */
export async function exchange(x: ExchangeContext): Promise<ExecutionResult> {
  const { prepared, params, client, signals } = x;
  const { redactor } = prepared;
  const signal = AbortSignal.any([signals.cancel, signals.deadline]);
  let hop: Hop = { url: prepared.url, method: prepared.method, headers: prepared.headers, body: prepared.body, recordedBody: prepared.recordedBody };
  let previous: { request?: RecordedRequest; response?: RecordedResponse } = {};

  for (let redirects = 0; ; redirects++) {
    const requestLine = redactor.text(`${hop.method} ${hop.url.href}`);
    const blocked = checkDestination(hop.url, client.policy, prepared.trustedHost);
    if (blocked !== null) return failed('invalid_request', redactor.text(`${requestLine}: ${blocked}`), previous);

    const sent = { method: hop.method, url: hop.url.href, headers: hop.headers, body: hop.recordedBody };
    const request = recordRequest(sent, redactor, x.recordBodyBytes);
    let res: HopResponse;
    try {
      res = await client.send({ ...hop, trusted: hop.url.host === prepared.trustedHost }, signal);
    } catch (error) {
      return transportFailure(x, error, requestLine, { request });
    }
    if (!shouldFollow(res, params)) return finish(x, hop, res, requestLine, request);

    await res.discard();
    const response = recordResponse({ status: res.status, headers: res.headers, body: null, incomplete: false }, redactor, x.recordBodyBytes);
    if (redirects >= params.followRedirects) {
      return failed('invalid_response', `${requestLine}: more than ${params.followRedirects} redirects (followRedirects)`, { request, response }, res.status);
    }
    const next = nextHop(hop, res.status, res.headers.location, prepared.credentialScope);
    if (!next.ok) return failed('invalid_response', redactor.text(`${requestLine}: ${next.message}`), { request, response }, res.status);
    hop = next.hop;
    previous = { request, response };
  }
}
