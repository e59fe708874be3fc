import type { ExecutionContext, ExecutionResult, NodeExecutor } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import type { HttpClient } from './client.js';
import { HttpRequestResolvedParams, httpRequestDefinition } from './definition.js';
import { exchange } from './exchange.js';
import { isRetrySafe, methodOf, sendsIdempotencyKey } from './idempotency.js';
import { prepareRequest } from './prepare-request.js';

/** Whether the engine must compute the default idempotency key: every method but GET and HEAD. */
export function usesDefaultIdempotencyKey(params: unknown): boolean {
  return sendsIdempotencyKey(methodOf(params), false);
}

async function executeHttpRequest(client: HttpClient, rawParams: unknown, ctx: ExecutionContext): Promise<ExecutionResult> {
  const parsed = parseResolvedParams(HttpRequestResolvedParams, rawParams);
  if (!parsed.ok) return parsed;
  const prepared = prepareRequest(parsed.value, ctx, client.userAgent);
  if (!prepared.ok) return prepared;
  if (ctx.signal.aborted) return { ok: false, failure: failure('cancelled', 'the run was cancelled before the request was sent') };
  return exchange({
    client,
    params: parsed.value,
    prepared: prepared.request,
    signals: { cancel: ctx.signal, deadline: AbortSignal.timeout(ctx.timeoutMs), timeoutMs: ctx.timeoutMs },
    now: () => ctx.now(),
    recordBodyBytes: ctx.recordBodyBytes,
  });
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
