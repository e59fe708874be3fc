import { z } from 'zod';
import { IntegrationId } from './workflow.js';

/**
 * Alert rules (semantics.md "Health, alerts and learning"): a condition, and escalation levels
 * that each notify channels. The shapes are the API's; the server keeps alert instances.
 */

const HttpUrl = z
  .string()
  .max(2_048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an http or https URL');

export const AlertChannel = z.discriminatedUnion('kind', [
  /**
   * POSTs the alert as JSON; with `credential` (an `hmac` credential holding a `whsec_…`
   * Standard Webhooks secret) signed as Standard Webhooks, so receivers verify it with the
   * standard libraries.
   */
  z.strictObject({ kind: z.literal('webhook'), url: HttpUrl, credential: z.string().min(1).max(128).optional() }),
  /** Starts a run of the workflow (its latest version) with the alert as `$trigger.body`. */
  z.strictObject({ kind: z.literal('workflow'), workflowId: z.string().min(1).max(128) }),
  /** Sends an e-mail over the server's SMTP (SWITCHYARD_SMTP_URL). */
  z.strictObject({ kind: z.literal('email'), to: z.array(z.email()).min(1).max(20) }),
]);
export type AlertChannel = z.infer<typeof AlertChannel>;

const windowMs = z.number().int().min(60_000).max(86_400_000);

export const AlertCondition = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('failure_rate'),
    integration: IntegrationId,
    /** Fires when more than this share of the window's calls failed (0.2: 20 %). */
    above: z.number().gt(0).max(1),
    windowMs: windowMs.optional(),
    /** Calls the window must hold for the rate to count. */
    minCalls: z.number().int().min(1).max(100_000).optional(),
  }),
  z.strictObject({
    kind: z.literal('latency'),
    integration: IntegrationId,
    percentile: z.union([z.literal(50), z.literal(95), z.literal(99)]).optional(),
    aboveMs: z.number().int().min(1).max(3_600_000),
    windowMs: windowMs.optional(),
    minCalls: z.number().int().min(1).max(100_000).optional(),
  }),
  /** Any integration's breaker when `integration` is left out. */
  z.strictObject({ kind: z.literal('breaker_opened'), integration: IntegrationId.optional() }),
  z.strictObject({ kind: z.literal('credential_locked'), credential: z.string().min(1).max(128).optional() }),
  /** One alert per workflow while its runs need attention; every such run is counted into it. */
  z.strictObject({ kind: z.literal('run_needs_attention'), workflowId: z.string().min(1).max(128).optional() }),
]);
export type AlertCondition = z.infer<typeof AlertCondition>;

export const ALERT_DEFAULTS = { windowMs: 300_000, minCalls: 10, percentile: 95 } as const;

export const EscalationLevel = z.strictObject({
  /** Time since the alert opened after which this level is notified, if nobody acknowledged it. */
  afterMs: z.number().int().min(0).max(7 * 86_400_000),
  channels: z.array(AlertChannel).min(1).max(10),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

export const AlertRule = z
  .strictObject({
    name: z.string().min(1).max(200),
    /** @default true */
    enabled: z.boolean().optional(),
    condition: AlertCondition,
    levels: z.array(EscalationLevel).min(1).max(5),
  })
  .superRefine((rule, ctx) => {
    if (rule.levels[0] && rule.levels[0].afterMs !== 0) {
      ctx.addIssue({ code: 'custom', path: ['levels', 0, 'afterMs'], message: 'the first level is notified when the alert opens: afterMs 0' });
    }
    for (let i = 1; i < rule.levels.length; i++) {
      if (rule.levels[i]!.afterMs <= rule.levels[i - 1]!.afterMs) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'afterMs'], message: 'each level comes after the one before: a larger afterMs' });
      }
    }
  });
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertStatus = z.enum(['firing', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;
