/**
 * Browser-safe entry: every node type's definition (params schema, outputs, capabilities), no
 * executor, no node: module, no undici. The editor and the validator import this.
 */
import type { NodeDefinitions } from '@switchyard/schema';
import { nodeTypeDefinitions } from './generated/definitions.js';

/** Every node type, keyed by type, in palette order. */
export const nodeDefinitions: NodeDefinitions = new Map(nodeTypeDefinitions.map((d) => [d.type, d]));

// What callers use of particular types (their params schemas, defaults and helpers).
export { BRANCH_OUTPUTS, BranchParams, BranchResolvedParams, branchDefinition } from './branch/definition.js';
export { DELAY_MAX_MS, DelayParams, DelayResolvedParams, delayDefinition } from './delay/definition.js';
export { FAIL_CATEGORIES, FAIL_DEFAULTS, FailParams, FailResolvedParams, failDefinition } from './fail/definition.js';
export {
  HTTP_METHODS,
  HTTP_REQUEST_DEFAULTS,
  MAX_REDIRECTS_LIMIT,
  MAX_RESPONSE_BYTES_LIMIT,
  HttpRequestParams,
  HttpRequestResolvedParams,
  httpRequestDefinition,
} from './http-request/definition.js';
export type { HttpMethod, ResolvedHttpRequestParams } from './http-request/definition.js';
export { RESPOND_DEFAULTS, RespondParams, RespondResolvedParams, respondDefinition } from './respond/definition.js';
export { TransformParams, TransformResolvedParams, transformDefinition } from './transform/definition.js';
export { TriggerManualParams, triggerManualDefinition } from './trigger-manual/definition.js';
export { SCHEDULE_DEFAULT_TIMEZONE, TriggerScheduleParams, scheduleSettings, triggerScheduleDefinition } from './trigger-schedule/definition.js';
export type { ScheduleSettings } from './trigger-schedule/definition.js';
export { CRON_FIELDS_RULE, isTimeZone, parseCron } from './trigger-schedule/cron.js';
export type { CronParseResult, CronSchedule } from './trigger-schedule/cron.js';
export {
  TRIGGER_WEBHOOK_DEFAULTS,
  WEBHOOK_METHODS,
  TriggerWebhookParams,
  triggerWebhookDefinition,
  webhookSettings,
} from './trigger-webhook/definition.js';
export type { WebhookSettings } from './trigger-webhook/definition.js';
export { HMAC_ALGORITHMS, HMAC_ENCODINGS, SIGNED_STRING_FIELDS, WEBHOOK_AUTH_KINDS, WebhookAuth } from './trigger-webhook/auth.js';
export type { WebhookAuthKind } from './trigger-webhook/auth.js';
export { compileJsonSchema } from './shared/json-schema.js';
export type { CompiledJsonSchema } from './shared/json-schema.js';
export { isTemplateString } from './shared/template.js';
