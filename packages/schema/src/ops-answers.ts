import { z } from 'zod';
import { AlertStatus } from './alerts.js';
import { ErrorCategory } from './categories.js';
import { BreakerState } from './integration.js';

/**
 * What the server answers about operations (http-api.md "Integrations, credentials, health",
 * alerts, insights): one definition for the server that builds these answers and the web app
 * that reads them. Times are ISO 8601 strings.
 */

const Iso = z.string();
const Json = z.json();

export const IntegrationHealthAnswer = z.object({
  integrationId: z.string(),
  windowMs: z.number(),
  since: Iso,
  calls: z.number(),
  failures: z.number(),
  failureRate: z.number(),
  retries: z.number(),
  retryRate: z.number(),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() }),
  errorsByCategory: z.record(z.string(), z.number()),
  /** True when the window held more runs than were read. */
  sampled: z.boolean(),
  breaker: z.object({
    state: BreakerState,
    enabled: z.boolean(),
    since: Iso.nullable(),
    /** While open: when probe calls will be let through. */
    retryAt: Iso.nullable(),
    window: z.object({ calls: z.number(), failures: z.number() }),
    consecutiveFailures: z.number(),
    /** The window's changes of state, newest first. */
    history: z.array(z.object({ at: Iso, from: BreakerState, to: BreakerState, reason: z.string() })),
  }),
  bulkhead: z.object({ inFlight: z.number(), waiting: z.number(), maxConcurrent: z.number(), maxQueue: z.number() }).nullable(),
  retryBudget: z.object({ enabled: z.boolean(), firstAttempts: z.number(), retries: z.number(), allowed: z.number() }).nullable(),
});
export type IntegrationHealthAnswer = z.infer<typeof IntegrationHealthAnswer>;

export const AdviceChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set_timeout'), nodeId: z.string(), from: z.number(), to: z.number() }),
  z.object({ kind: z.literal('set_retry_on'), edgeId: z.string(), from: z.array(ErrorCategory), to: z.array(ErrorCategory) }),
  z.object({ kind: z.literal('remove_edge'), edgeId: z.string() }),
  z.object({ kind: z.literal('set_max_attempts'), edgeId: z.string(), from: z.number(), to: z.number() }),
]);
export type AdviceChange = z.infer<typeof AdviceChange>;

export const Advice = z.object({
  /** Stable while the advice holds: kind, workflow, version, node (and category). */
  id: z.string(),
  kind: z.enum(['raise_timeout', 'stop_retrying', 'fewer_attempts', 'primary_fails']),
  workflowId: z.string(),
  version: z.number(),
  nodeId: z.string(),
  integration: z.string().nullable(),
  title: z.string(),
  evidence: z.string(),
  /** What applying it changes in a new version; null when it takes a person (a failing primary). */
  change: AdviceChange.nullable(),
});
export type Advice = z.infer<typeof Advice>;

export const FailureSignature = z.object({
  /** The integration, or `host:<hostname>` for a call without one, or null for a node that calls nothing. */
  integration: z.string().nullable(),
  workflowId: z.string(),
  nodeId: z.string(),
  category: ErrorCategory,
  httpStatus: z.number().nullable(),
  message: z.string(),
});
export type FailureSignature = z.infer<typeof FailureSignature>;

export const FailureClusterAnswer = z.object({
  signature: FailureSignature,
  /** Failed attempts with this signature in the window. */
  count: z.number(),
  /** Runs they happened in. */
  runs: z.number(),
  firstSeen: Iso,
  lastSeen: Iso,
  /** The newest runs, for links. */
  sampleRunIds: z.array(z.string()),
  /** One message as it was (the signature's is normalised). */
  example: z.string(),
});
export type FailureClusterAnswer = z.infer<typeof FailureClusterAnswer>;

export const InsightsAnswer = z.object({
  windowMs: z.number(),
  since: Iso,
  runs: z.number(),
  sampled: z.boolean(),
  clusters: z.array(FailureClusterAnswer),
  advice: z.array(Advice),
});
export type InsightsAnswer = z.infer<typeof InsightsAnswer>;

export const AlertDeliveryAnswer = z.object({
  level: z.number(),
  event: z.enum(['opened', 'escalated', 'resolved']),
  channel: z.string(),
  at: Iso,
  ok: z.boolean(),
  detail: z.string(),
  tries: z.number(),
});

export const AlertAnswer = z.object({
  id: z.string(),
  ruleId: z.string(),
  subject: z.string(),
  status: AlertStatus,
  level: z.number(),
  openedAt: Iso,
  lastSeenAt: Iso,
  occurrences: z.number(),
  acknowledgedAt: Iso.nullable(),
  resolvedAt: Iso.nullable(),
  /** What the alert carries: for an integration its figures, breaker and recent errors with run links; runs needing attention. */
  context: Json,
  deliveries: z.array(AlertDeliveryAnswer),
});
export type AlertAnswer = z.infer<typeof AlertAnswer>;
