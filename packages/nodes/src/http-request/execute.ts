import type { ExecutionContext, ExecutionResult, NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import { sendWithAccessToken } from './access-token.js';
import type { ExecutorSource } from '../shared/executor-source.js';
import type { HttpClient } from './client.js';
import type { StaticCredential } from './credentials.js';
import { HttpRequestResolvedParams, httpRequestDefinition } from './definition.js';
import type { ResolvedHttpRequestParams } from './definition.js';
import { exchange } from './exchange.js';
import type { AttemptSignals } from './exchange.js';
import { isRetrySafe, methodOf, sendsIdempotencyKey } from './idempotency.js';
import { prepareRequest } from './prepare-request.js';

/** Whether the engine must compute the default idempotency key: every method but GET and HEAD. */
export function usesDefaultIdempotencyKey(params: unknown): boolean {
  return sendsIdempotencyKey(methodOf(params), false);
}

async function executeHttpRequest(client: HttpClient, rawParams: unknown, ctx: ExecutionContext): Promise<ExecutionResult> {
  const parsed = parseResolvedParams(HttpRequestResolvedParams, rawParams);
  if (!parsed.ok) return parsed;
  // One deadline for the whole attempt: an access token, the request, and its repeat if any.
  const signals: AttemptSignals = { cancel: ctx.signal, deadline: ctx.deadline(ctx.timeoutMs), timeoutMs: ctx.timeoutMs };
  const send = (credential: StaticCredential | undefined): Promise<ExecutionResult> => sendOnce(client, parsed.value, ctx, credential, signals);
  const credential = ctx.credential;
  if (credential?.kind === 'oauth2') return sendWithAccessToken(credential, signals, send);
  return send(credential);
}

async function sendOnce(
  client: HttpClient,
  params: ResolvedHttpRequestParams,
  ctx: ExecutionContext,
  credential: StaticCredential | undefined,
  signals: AttemptSignals,
): Promise<ExecutionResult> {
  const prepared = prepareRequest(params, ctx, credential, client.userAgent);
  if (!prepared.ok) return prepared;
  if (ctx.signal.aborted) return { ok: false, failure: failure('cancelled', 'the run was cancelled before the request was sent') };
  return exchange({ client, params, prepared: prepared.request, signals, now: () => ctx.now(), recordBodyBytes: ctx.recordBodyBytes });
}

/** The `http.request` executor, sending through `client` (one per registry). */
export function createHttpRequestExecutor(client: HttpClient): NodeExecutor {
  return {
    definition: httpRequestDefinition,
    pure: false,
    retrySafe: (params, ctx) => isRetrySafe(methodOf(params), ctx.idempotencyKeyExplicit),
    usesDefaultIdempotencyKey,
    execute: (params, ctx) => executeHttpRequest(client, params, ctx),
  };
}

/** The registry's source of the executor: made once per registry, sending through its client. */
export const httpRequestExecutor: ExecutorSource = (services) => createHttpRequestExecutor(services.http);
