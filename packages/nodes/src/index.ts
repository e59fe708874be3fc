export { createNodeRegistry } from './registry.js';
export type { ClosableNodeRegistry } from './registry.js';
export type { HttpOptions } from './http-request/client.js';
export type { HostLookup, LookupAddress } from './http-request/guard.js';
export { usesDefaultIdempotencyKey } from './http-request/execute.js';
export { parseRetryAfter } from './http-request/retry-after.js';
export { blockedAddressReason } from './http-request/address-ranges.js';
export { REDACTED, ALWAYS_REDACTED_HEADERS, redactUrlPasswords } from './http-request/redact.js';
export { isReservedResponseHeader, RESERVED_RESPONSE_HEADERS } from './respond/reserved-headers.js';
export { nodeCatalog } from './catalog.js';
export {
  nodeDefinitions,
  BRANCH_OUTPUTS,
  BranchParams,
  BranchResolvedParams,
  branchDefinition,
  DELAY_MAX_MS,
  DelayParams,
  DelayResolvedParams,
  delayDefinition,
  FAIL_CATEGORIES,
  FAIL_DEFAULTS,
  FailParams,
  FailResolvedParams,
  failDefinition,
  HTTP_METHODS,
  HTTP_REQUEST_DEFAULTS,
  MAX_REDIRECTS_LIMIT,
  MAX_RESPONSE_BYTES_LIMIT,
  HttpRequestParams,
  HttpRequestResolvedParams,
  httpRequestDefinition,
  RESPOND_DEFAULTS,
  RespondParams,
  RespondResolvedParams,
  respondDefinition,
  TransformParams,
  TransformResolvedParams,
  transformDefinition,
  TriggerManualParams,
  triggerManualDefinition,
  SCHEDULE_DEFAULT_TIMEZONE,
  TriggerScheduleParams,
  scheduleSettings,
  triggerScheduleDefinition,
  CRON_FIELDS_RULE,
  isTimeZone,
  parseCron,
  TRIGGER_WEBHOOK_DEFAULTS,
  WEBHOOK_METHODS,
  TriggerWebhookParams,
  triggerWebhookDefinition,
  webhookSettings,
  HMAC_ALGORITHMS,
  HMAC_ENCODINGS,
  SIGNED_STRING_FIELDS,
  WEBHOOK_AUTH_KINDS,
  WebhookAuth,
  compileJsonSchema,
  isTemplateString,
} from './definitions.js';
export type {
  HttpMethod,
  ResolvedHttpRequestParams,
  WebhookSettings,
  WebhookAuthKind,
  CompiledJsonSchema,
  ScheduleSettings,
  CronParseResult,
  CronSchedule,
} from './definitions.js';
export { createTokenRequester, basicClientAuth, grantForm } from './oauth2/token-request.js';
export type { TokenGrant, TokenRequester, TokenRequestResult } from './oauth2/token-request.js';
export type { IssuedToken } from './oauth2/token-response.js';
export { createJsonPoster } from './outbound/post-json.js';
export type { JsonPoster, PostResult } from './outbound/post-json.js';
