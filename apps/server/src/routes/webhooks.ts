import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Trigger } from '@switchyard/engine';
import { compileJsonSchema } from '@switchyard/nodes';
import type { AppDeps, AppEnv } from '../deps.js';
import { ConflictError } from '../ports/index.js';
import { clientAddress } from '../webhooks/client-limit.js';
import { ApiError } from '../http/api-error.js';
import { readRequestBody, requestHeaders } from '../http/read-body.js';
import { answerForExistingRun, startAndAnswer } from '../webhooks/await-answer.js';
import { IDEMPOTENCY_WINDOW_MS, idempotencyKeyOf, keyStateJson, readKeyState } from '../webhooks/idempotency.js';
import { answersHandshakeAt, signedHandshake, unsignedHandshake } from '../webhooks/handshake.js';
import { parseDeliveryBody, redactedBody, redactedHeaders } from '../webhooks/parse-delivery.js';
import { authHeaderNames, verifyWebhookAuth } from '../webhooks/verify-auth.js';
import { toResponse, type WebhookAnswer } from '../webhooks/webhook-answer.js';
import { findActiveWebhook, findHandshakeWebhook, type ActiveWebhook } from '../workflows/webhook-triggers.js';

const PRUNE_EVERY_MS = 60_000;

/**
 * `/hooks/<path>`. Checks run in the spec's order: route (404), rate limit (429), size (413,
 * while reading), auth (401), parsing and schema (400), idempotency; then the run starts and
 * the answer is sent only once it is committed. A sender's handshake (an unsigned one before
 * auth, Slack's signed one after it) is answered in between and starts nothing.
 */
export function webhookRoutes(deps: AppDeps): Hono<AppEnv> {
  const { store, clock, credentials, webhooks: state } = deps;
  const app = new Hono<AppEnv>();

  app.all('/*', async (c) => {
    if (deps.webhookClients) {
      const taken = deps.webhookClients.limiter.take(clientAddress(c, deps.webhookClients.trustProxy), clock.now());
      if (!taken.ok) throw new ApiError('rate_limited', 'too many deliveries from this client', undefined, { 'retry-after': String(taken.retryAfterS) });
    }
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/hooks\//, '');
    const method = c.req.method;
    const hook =
      (await findActiveWebhook(store, path, method, deps.webhooks)) ??
      (await findHandshakeWebhook(store, path, (s) => answersHandshakeAt(s.auth, method), deps.webhooks));
    if (!hook) throw new ApiError('not_found', 'no webhook here');
    const { settings } = hook.trigger;

    if (settings.rateLimit) {
      const taken = state.bucket(`${hook.workflow.id}:${hook.trigger.nodeId}`, settings.rateLimit.perSecond, settings.rateLimit.burst, clock.now()).take(clock.now());
      if (!taken.ok) throw new ApiError('rate_limited', 'too many deliveries to this webhook', undefined, { 'retry-after': String(taken.retryAfterS) });
    }

    const read = await readRequestBody(c, settings.maxBodyBytes);
    // The rest of the body is not read: the connection closes after the answer.
    if (!read.ok) throw new ApiError('payload_too_large', `the body is larger than ${settings.maxBodyBytes} bytes`, undefined, { connection: 'close' });

    const refuse = (why: string): never => {
      c.get('log').info({ workflowId: hook.workflow.id, auth: settings.auth.kind }, `webhook delivery refused: ${why}`);
      throw new ApiError('unauthorized', 'unauthorized');
    };
    // Handshakes the sender does not sign come first; none of them starts a run.
    const unsigned = await unsignedHandshake(settings.auth, method, url, credentials);
    if (unsigned.kind === 'answer') return toResponse(unsigned.answer);
    if (unsigned.kind === 'refused') refuse('handshake');
    if (method !== settings.method) throw new ApiError('not_found', 'no webhook here');

    const headers = requestHeaders(c);
    const verdict = await verifyWebhookAuth(settings.auth, credentials, { headers, raw: read.bytes, url: c.req.url, nowMs: clock.now() });
    if (!verdict.ok) refuse('auth');

    const parsed = parseDeliveryBody(headers['content-type'], read.bytes);
    if (!parsed.ok) throw new ApiError('invalid_request', parsed.message, { issues: [{ path: ['body'], message: parsed.message }] });
    const signed = signedHandshake(settings.auth, parsed.body);
    if (signed.kind === 'answer') return toResponse(signed.answer);
    if (signed.kind === 'refused') throw new ApiError('invalid_request', 'the handshake has no usable challenge');
    if (settings.schema !== undefined) {
      const schema = compileJsonSchema(settings.schema);
      const problem = schema.ok ? schema.validate(parsed.body) : schema.error;
      if (problem !== null) throw new ApiError('invalid_request', 'the body does not match the webhook schema', { issues: [{ path: ['body'], message: problem }] });
    }

    const trigger: Trigger = {
      kind: 'webhook',
      body: redactedBody(settings.auth, parsed.body),
      headers: redactedHeaders(headers, authHeaderNames(settings.auth)),
      query: Object.fromEntries(url.searchParams),
      method: c.req.method,
      path,
      receivedAt: new Date(clock.now()).toISOString(),
    };
    const key = await idempotencyKeyOf(settings, headers, trigger, () => clock.now());
    if (!key.ok) throw new ApiError('invalid_request', key.message);
    // Without an idempotency rule, the id the sender's scheme gives the delivery deduplicates:
    // a replay (or the sender's own retry) is answered like the first, not run again.
    const deliveryKey = verdict.ok && verdict.deliveryId !== undefined ? `${settings.auth.kind}-delivery:${verdict.deliveryId}` : undefined;
    const once = key.key ?? deliveryKey;

    if (once === undefined) return toResponse((await startAndAnswer(deps, hook.workflow, settings, trigger)).answer);
    return deliverOnce(c, deps, hook, trigger, once);
  });

  /** A delivery with an idempotency key: the first starts the run, every duplicate gets its answer. */
  async function deliverOnce(c: Context<AppEnv>, d: AppDeps, hook: ActiveWebhook, trigger: Trigger, key: string): Promise<Response> {
    const scope = `webhook:${hook.workflow.id}`;
    const slot = `${scope}\n${key}`;
    const running = state.inFlight.get(slot);
    if (running) return toResponse(await running, { 'idempotent-replayed': 'true' });

    let replayed = false;
    const { settings } = hook.trigger;
    const work = (async (): Promise<WebhookAnswer> => {
      const now = clock.now();
      if (now - state.lastPrunedAt > PRUNE_EVERY_MS) {
        state.lastPrunedAt = now;
        await store.pruneIdempotencyKeys(now - IDEMPOTENCY_WINDOW_MS);
      }
      // The key is claimed naming the run it will start, so it never names nothing for long.
      const candidate = deps.engine.newRunId();
      const claim = await store.claimIdempotencyKey({ scope, key, runId: candidate, response: null, createdAt: now });
      const runId = claim.claimed ? candidate : claim.existing.runId;
      if (!claim.claimed) {
        const held = readKeyState(claim.existing.response);
        if (held.answer) {
          replayed = true;
          return held.answer;
        }
        if (await store.getRun(runId)) {
          replayed = true;
          return answerForExistingRun(d, hook.workflow, settings, runId);
        }
        // The first delivery did not commit its run (it failed, or is still starting in another
        // process): this one starts it under the same id; if both do, the store keeps one.
      }
      let started: { runId: string; answer: WebhookAnswer };
      try {
        started = await startAndAnswer(d, hook.workflow, settings, trigger, { runId });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        // Another process committed the run with this id first: answer as a duplicate.
        replayed = true;
        return answerForExistingRun(d, hook.workflow, settings, runId);
      }
      try {
        await store.setIdempotencyResponse(scope, key, keyStateJson({ runId: started.runId, answer: started.answer }));
      } catch (err) {
        // The run is committed and the key names it: a duplicate follows the run instead.
        c.get('log').warn({ err: err instanceof Error ? err.name : 'error', runId: started.runId }, 'the idempotency answer could not be stored');
      }
      return started.answer;
    })();
    state.inFlight.set(slot, work);
    try {
      const answer = await work;
      return toResponse(answer, replayed ? { 'idempotent-replayed': 'true' } : {});
    } finally {
      if (state.inFlight.get(slot) === work) state.inFlight.delete(slot);
    }
  }

  return app;
}
