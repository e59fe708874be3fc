import { z } from 'zod';
import { ErrorCategory } from './categories.js';
import { INTEGRATION_ID_PATTERN, NODE_ID_PATTERN, RESERVED_NODE_IDS, WORKFLOW_LIMITS } from './constants.js';

export {
  RESERVED_NODE_IDS,
  NODE_ID_PATTERN,
  INTEGRATION_ID_PATTERN,
  POLICY_DEFAULTS,
  RETRY_DEFAULTS,
  WORKFLOW_LIMITS,
  SERVER_WORKFLOW_FIELDS,
} from './constants.js';

/**
 * The workflow format of workflow-format.md. These schemas accept exactly what a user authors:
 * defaults are NOT applied here (a stored workflow round-trips as written); the `*_DEFAULTS`
 * constants (constants.ts, zod-free) are the one place defaults live.
 */

export const NodeId = z
  .string()
  .regex(NODE_ID_PATTERN, 'a node id starts with a letter or _ and has only letters, digits and _ (at most 64)')
  .refine((id) => !RESERVED_NODE_IDS.has(id), { message: 'this word is reserved and cannot be a node id' });

export const IntegrationId = z
  .string()
  .regex(INTEGRATION_ID_PATTERN, 'an integration id is lower-case letters, digits and _ (at most 64), starting with a letter');

export const CredentialId = z.string().min(1).max(128);

export const Position = z.strictObject({ x: z.number(), y: z.number() });

export const LastKnownGoodPolicy = z.strictObject({
  maxAgeMs: z.number().int().positive(),
  key: z.string().max(10_000).optional(),
});

export const DeferPolicy = z.strictObject({
  maxWaitMs: z.number().int().positive(),
  checkEveryMs: z.number().int().positive().optional(),
});

export const OnFailure = z.enum(['fail', 'continue']);
export type OnFailure = z.infer<typeof OnFailure>;

export const NodePolicy = z.strictObject({
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  onFailure: OnFailure.optional(),
  lastKnownGood: LastKnownGoodPolicy.optional(),
  defer: DeferPolicy.optional(),
  idempotencyKey: z.string().max(10_000).optional(),
});
export type NodePolicy = z.infer<typeof NodePolicy>;

export const WorkflowNode = z.strictObject({
  id: NodeId,
  type: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  position: Position.optional(),
  // Free-form here; each node type's own schema validates its params (validate.ts).
  params: z.record(z.string(), z.unknown()).optional(),
  integration: IntegrationId.optional(),
  credential: CredentialId.optional(),
  policy: NodePolicy.optional(),
  notes: z.string().max(10_000).optional(),
});
export type WorkflowNode = z.infer<typeof WorkflowNode>;

export const Jitter = z.enum(['full', 'equal', 'none']);
export type Jitter = z.infer<typeof Jitter>;
export const Backoff = z.enum(['fixed', 'exponential']);
export type Backoff = z.infer<typeof Backoff>;

export const RetryPolicy = z.strictObject({
  maxAttempts: z.number().int().min(1).max(100),
  backoff: Backoff.optional(),
  initialDelayMs: z.number().int().min(0).max(86_400_000).optional(),
  multiplier: z.number().min(1).max(100).optional(),
  maxDelayMs: z.number().int().min(0).max(86_400_000).optional(),
  jitter: Jitter.optional(),
  on: z.array(ErrorCategory).min(1).optional(),
  maxRetryAfterMs: z.number().int().min(0).optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

const EdgeId = z.string().min(1).max(128);
const edgeBase = { id: EdgeId, source: z.string().min(1), target: z.string().min(1) };

export const NextEdge = z.strictObject({ ...edgeBase, kind: z.literal('next'), handle: z.string().min(1).max(200).optional() });
export const RetryEdge = z.strictObject({ ...edgeBase, kind: z.literal('retry'), retry: RetryPolicy });
export const FallbackEdge = z.strictObject({
  ...edgeBase,
  kind: z.literal('fallback'),
  on: z.array(ErrorCategory).min(1).optional(),
  order: z.number().int().min(1).optional(),
});
export const CompensateEdge = z.strictObject({ ...edgeBase, kind: z.literal('compensate') });

export const WorkflowEdge = z.discriminatedUnion('kind', [NextEdge, RetryEdge, FallbackEdge, CompensateEdge]);
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;
export type NextEdge = z.infer<typeof NextEdge>;
export type RetryEdge = z.infer<typeof RetryEdge>;
export type FallbackEdge = z.infer<typeof FallbackEdge>;
export type CompensateEdge = z.infer<typeof CompensateEdge>;
export type EdgeKind = WorkflowEdge['kind'];

export const Workflow = z.strictObject({
  schemaVersion: z.literal(1),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).optional(),
  nodes: z.array(WorkflowNode).max(WORKFLOW_LIMITS.maxNodes),
  edges: z.array(WorkflowEdge).max(WORKFLOW_LIMITS.maxEdges),
});
export type Workflow = z.infer<typeof Workflow>;
