import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { jsonSchemaParam } from '../shared/json-schema.js';
import { headerName, requiredError, strictParams } from '../shared/params.js';
import { isTemplateString } from '../shared/template.js';
import { hasTimestamp, WebhookAuth } from './auth.js';
import { triggerWebhookInfo } from './info.js';

/** Defaults of `trigger.webhook` params (workflow-format.md); the schema leaves them unset. */
export const TRIGGER_WEBHOOK_DEFAULTS = {
  method: 'POST',
  mode: 'async',
  timeoutMs: 30_000,
  auth: { kind: 'none' },
  toleranceSec: 300,
  maxBodyBytes: 1_048_576,
} as const;

/**
 * The largest body a webhook may accept. A body is held in memory while it is read, then stored
 * as the trigger and handed on as a value: three 100 MiB bodies at once once took a server to
 * 1.6 GB and stalled it for half a minute. 10 MiB keeps many concurrent deliveries within one
 * process; larger payloads belong in object storage, with their URL in the webhook.
 */
export const MAX_WEBHOOK_BODY_BYTES = 10_485_760;

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const IdempotencyExpression = z
  .string({ error: requiredError('idempotency.expression') })
  .trim()
  .min(1, 'the idempotency expression is empty')
  .max(2_000)
  .refine((s) => !isTemplateString(s), 'a plain JSONata expression over the trigger object, without {{ }}');

const WebhookIdempotency = z.union(
  [strictParams({ header: headerName }), strictParams({ expression: IdempotencyExpression })],
  { error: 'idempotency is { "header": <name> } or { "expression": <JSONata> }' },
);

/** `trigger.webhook` params as authored (and as used: trigger params are not templates). */
export const TriggerWebhookParams = strictParams({
  path: z
    .string({ error: requiredError('path') })
    .regex(/^[a-z0-9][a-z0-9/_-]{0,127}$/, 'a webhook path is lower-case letters, digits, /, _ and - (at most 128), starting with a letter or digit'),
  method: z.enum(WEBHOOK_METHODS, { error: `method is one of ${WEBHOOK_METHODS.join(', ')}` }).optional(),
  mode: z.enum(['async', 'sync'], { error: 'mode is "async" or "sync"' }).optional(),
  timeoutMs: z.number().int().min(1, 'timeoutMs is at least 1').max(300_000, 'timeoutMs is at most 300000 (5 minutes)').optional(),
  auth: WebhookAuth.optional(),
  idempotency: WebhookIdempotency.optional(),
  schema: jsonSchemaParam.optional(),
  maxBodyBytes: z.number().int().min(1, 'maxBodyBytes is at least 1').max(MAX_WEBHOOK_BODY_BYTES, `maxBodyBytes is at most ${MAX_WEBHOOK_BODY_BYTES} (10 MiB)`).optional(),
  rateLimit: strictParams({
    perSecond: z.number({ error: requiredError('rateLimit.perSecond') }).positive('rateLimit.perSecond is more than 0').max(100_000, 'rateLimit.perSecond is at most 100000'),
    burst: z.number({ error: requiredError('rateLimit.burst') }).int('rateLimit.burst is a whole number').min(1, 'rateLimit.burst is at least 1').max(100_000, 'rateLimit.burst is at most 100000'),
  }).optional(),
});
export type TriggerWebhookParams = z.infer<typeof TriggerWebhookParams>;

export const triggerWebhookDefinition: NodeDefinition = { ...triggerWebhookInfo, params: TriggerWebhookParams };

/** Webhook settings with every default applied: what the server's webhook route needs. */
export interface WebhookSettings {
  path: string;
  method: (typeof WEBHOOK_METHODS)[number];
  mode: 'async' | 'sync';
  timeoutMs: number;
  auth: NonNullable<TriggerWebhookParams['auth']>;
  idempotency: TriggerWebhookParams['idempotency'];
  schema: TriggerWebhookParams['schema'];
  maxBodyBytes: number;
  rateLimit: TriggerWebhookParams['rateLimit'];
}

/** Applies the defaults of TRIGGER_WEBHOOK_DEFAULTS to validated params. */
export function webhookSettings(params: TriggerWebhookParams): WebhookSettings {
  const d = TRIGGER_WEBHOOK_DEFAULTS;
  const auth = params.auth ?? d.auth;
  return {
    path: params.path,
    method: params.method ?? d.method,
    mode: params.mode ?? d.mode,
    timeoutMs: params.timeoutMs ?? d.timeoutMs,
    auth: withDefaultTolerance(auth, d.toleranceSec),
    idempotency: params.idempotency,
    schema: params.schema,
    maxBodyBytes: params.maxBodyBytes ?? d.maxBodyBytes,
    rateLimit: params.rateLimit,
  };
}

/** A scheme with a timestamp gets the default tolerance when none is set; the others stay as they are. */
function withDefaultTolerance(auth: WebhookAuth, toleranceSec: number): WebhookAuth {
  if (!hasTimestamp(auth)) return auth;
  switch (auth.kind) {
    case 'hmac-sha256':
    case 'hmac':
    case 'stripe':
    case 'slack':
    case 'standard-webhooks':
      return { ...auth, toleranceSec: auth.toleranceSec ?? toleranceSec };
    default:
      return auth;
  }
}
