export {
  ErrorCategory,
  ERROR_CATEGORIES,
  RETRYABLE_BY_DEFAULT,
  AVAILABILITY_CATEGORIES,
  FALLBACK_DEFAULT_CATEGORIES,
  ENGINE_DECIDED_CATEGORIES,
} from './categories.js';
export {
  RUN_STATUSES,
  RUN_MODES,
  TERMINAL_RUN_STATUSES,
  RESUMABLE_RUN_STATUSES,
  NODE_STATUSES,
  OUTPUT_NODE_STATUSES,
  ATTEMPT_OUTCOMES,
} from './statuses.js';
export type { RunStatus, RunMode, NodeStatus, AttemptOutcome } from './statuses.js';
export { backoffDelay } from './backoff.js';
export type { BackoffSettings } from './backoff.js';
export { formatDuration } from './durations.js';
export { Failure, failure } from './failure.js';
export type { Json } from './json.js';
export type { JoinMode, NodeDefinition, NodeDefinitions, NodeTypeInfo, NodeTypeInfos, ParamPath } from './node-definition.js';
export {
  RESERVED_NODE_IDS,
  NODE_ID_PATTERN,
  INTEGRATION_ID_PATTERN,
  NodeId,
  IntegrationId,
  CredentialId,
  Position,
  LastKnownGoodPolicy,
  DeferPolicy,
  OnFailure,
  NodePolicy,
  POLICY_DEFAULTS,
  WorkflowNode,
  Jitter,
  Backoff,
  RetryPolicy,
  RETRY_DEFAULTS,
  NextEdge,
  RetryEdge,
  FallbackEdge,
  CompensateEdge,
  WorkflowEdge,
  WORKFLOW_LIMITS,
  Workflow,
  SERVER_WORKFLOW_FIELDS,
} from './workflow.js';
export type { EdgeKind } from './workflow.js';
// Re-exported so packages that build node params schemas share this zod without their own dependency.
export { z } from 'zod';
export { validateWorkflow } from './validate/validate-workflow.js';
export type { ValidationIssue, ValidationResult, ValidationContext, IssuePath } from './validate/issues.js';
export { workflowJsonSchema } from './json-schema.js';
export {
  BreakerSettings,
  BREAKER_DEFAULTS,
  BulkheadSettings,
  BULKHEAD_DEFAULTS,
  RateLimitSettings,
  RetryBudgetSettings,
  RETRY_BUDGET_DEFAULTS,
  IntegrationProtections,
  BreakerState,
} from './integration.js';
export { AlertChannel, AlertCondition, ALERT_DEFAULTS, EscalationLevel, AlertRule, AlertStatus } from './alerts.js';
export { IntegrationHealthAnswer, AdviceChange, Advice, FailureSignature, FailureClusterAnswer, InsightsAnswer, AlertDeliveryAnswer, AlertAnswer } from './ops-answers.js';
export { ConflictError, InvalidCursorError, StoreFailureError, StoreBusyError, StoreClosedError } from './store-errors.js';
export { RetentionPolicy, RETENTION_DEFAULTS, PRUNABLE_RUN_STATUSES, PruneReport, RunHistoryExtent } from './retention.js';
export { Bundle, BUNDLE_FORMAT, BUNDLE_VERSION, BundleWorkflow, BundleIntegration, BundleAlertRule, BundleSchedule, ImportItem, ImportReport } from './bundle.js';
