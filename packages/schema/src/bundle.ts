import { z } from 'zod';
import { AlertRule } from './alerts.js';
import { IntegrationProtections } from './integration.js';
import { RetentionPolicy } from './retention.js';
import { CredentialId, IntegrationId, NodeId } from './workflow.js';

/**
 * The export bundle (docs/operations.md "Export and import"): an installation's configuration
 * as one versioned JSON file. Credentials are left out: only their ids, names and kinds are
 * listed, so an import can say which ones to create again. Runs are not part of it (a backup is).
 */
export const BUNDLE_FORMAT = 'switchyard-bundle';
export const BUNDLE_VERSION = 1;

const Time = z.iso.datetime({ offset: true });

export const BundleWorkflowVersion = z.strictObject({
  version: z.number().int().min(1),
  createdAt: Time,
  /** Validated as a workflow on import (with the node types), with issues located under this path. */
  definition: z.record(z.string(), z.unknown()),
});

export const BundleWorkflow = z
  .strictObject({
    id: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'a workflow id of letters, digits, _ and -'),
    active: z.boolean(),
    /** Every version, oldest first: 1, 2, 3, … */
    versions: z.array(BundleWorkflowVersion).min(1).max(10_000),
  })
  .superRefine((wf, ctx) => {
    wf.versions.forEach((v, i) => {
      if (v.version !== i + 1) ctx.addIssue({ code: 'custom', path: ['versions', i, 'version'], message: `expected version ${i + 1}: versions are listed oldest first, without gaps` });
    });
  });
export type BundleWorkflow = z.infer<typeof BundleWorkflow>;

export const BundleIntegration = z.strictObject({
  id: IntegrationId,
  name: z.string().min(1).max(200),
  baseUrl: z.url({ protocol: /^https?$/ }).max(2048),
  timeoutMs: z.number().int().min(1).max(300_000).nullable(),
  credential: CredentialId.nullable(),
  protections: IntegrationProtections,
});
export type BundleIntegration = z.infer<typeof BundleIntegration>;

export const BundleAlertRule = z.strictObject({ id: z.string().min(1).max(200), rule: AlertRule });
export type BundleAlertRule = z.infer<typeof BundleAlertRule>;

/** When a schedule trigger fired last: so an imported schedule neither fires a time twice nor catches up a year. */
export const BundleSchedule = z.strictObject({ workflowId: z.string().min(1).max(200), nodeId: NodeId, lastFiredAt: Time });
export type BundleSchedule = z.infer<typeof BundleSchedule>;

export const BundleCredentialRef = z.strictObject({ id: CredentialId, name: z.string().max(200), kind: z.string().max(64) });

export const Bundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: Time,
  workflows: z.array(BundleWorkflow).max(100_000),
  integrations: z.array(BundleIntegration).max(10_000),
  alertRules: z.array(BundleAlertRule).max(10_000),
  schedules: z.array(BundleSchedule).max(100_000),
  /** Credentials are never exported: these are the ones to create again after an import. */
  credentialsLeftOut: z.array(BundleCredentialRef).max(10_000),
  /** The settings in effect where it was exported (informational: settings come from the environment). */
  settings: z.strictObject({ retention: RetentionPolicy }),
});
export type Bundle = z.infer<typeof Bundle>;

/** One thing an import found: what it is, and what happened (or, in a dry run, would happen). */
export const ImportItem = z.strictObject({
  kind: z.enum(['workflow', 'integration', 'alert_rule', 'schedule']),
  id: z.string(),
  /** created: new here; unchanged: the same content already here; conflict: same id, different content (left as it is). */
  outcome: z.enum(['created', 'unchanged', 'conflict']),
  detail: z.string().optional(),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportReport = z.strictObject({
  dryRun: z.boolean(),
  items: z.array(ImportItem),
  created: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
  /** Credentials the bundle's integrations and workflows use that this installation lacks. */
  missingCredentials: z.array(z.string()),
  warnings: z.array(z.strictObject({ path: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
