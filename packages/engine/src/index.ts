export type {
  RunStatus,
  RunMode,
  NodeStatus,
  AttemptOutcome,
  OutputSource,
  Trigger,
  RunRecord,
  StopReason,
  NodeRunRecord,
  RecordedRequest,
  RecordedResponse,
  AttemptRecord,
  TimerKind,
  TimerRecord,
  LastKnownGoodRecord,
  IntegrationRecord,
  BreakerTransitionRecord,
  StoredWorkflow,
  WorkflowSummary,
  IdempotencyRecord,
  RunSnapshot,
  RunFilter,
} from './records.js';
export { TERMINAL_RUN_STATUSES } from './records.js';
export type {
  Clock,
  TimerHandle,
  Random,
  Changeset,
  Store,
  WorkflowStore,
  IntegrationStore,
  RunStore,
  IdempotencyStore,
  LeaseStore,
  RunLease,
  NodeRunPreview,
  ResolvedCredential,
  AccessTokenSource,
  AccessTokenResult,
  CredentialPort,
  ExecutionContext,
  AttemptScope,
  ExecutionResult,
  NodeExecutor,
  NodeRegistry,
  Logger,
} from './ports.js';
export { LeaseLostError, StaleWriteError } from './ports.js';
export { decodeRunCursor, encodeRunCursor, type RunCursor } from './run-cursor.js';
export { createEngine } from './engine.js';
export type { Engine, EngineDeps, EngineEvent, StartRunRequest } from './engine.js';
export type { EngineOptions } from './env.js';
export { DEFAULT_ENGINE_OPTIONS } from './env.js';
export { EngineError } from './errors.js';
export { compileGraph } from './graph.js';
export type { Graph, NodeRole } from './graph.js';
export {
  resolveRetryPolicy,
  baseDelay,
  applyJitter,
  decideRetry,
  describeRetryPolicy,
  NO_RETRY,
  DEFAULT_COMPENSATION_RETRY,
} from './retry-policy.js';
export type { ResolvedRetryPolicy, RetryDecision } from './retry-policy.js';
export { systemClock, systemRandom } from './runtime/system.js';
export { newRunId } from './runtime/run-id.js';
export { newNodeRun } from './decide/state.js';
export type { IntegrationGuardStatus, BreakerSnapshot, BreakerChange } from './isolation/index.js';
