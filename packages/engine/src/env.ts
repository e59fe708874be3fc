import type { ExpressionLimits } from '@switchyard/expressions';
import type { Clock, CredentialPort, ExecutionContext, ExecutionResult, Logger, NodeExecutor, NodeRegistry, Random, Store } from './ports.js';
import type { NodeRunRecord, RunRecord } from './records.js';
import type { IntegrationGuards } from './isolation/index.js';

export interface EngineOptions {
  /** Request and response bodies are recorded in full up to this size (default 1 MiB). */
  recordBodyBytes: number;
  expressionLimits: Partial<ExpressionLimits>;
  /** A node interrupted this many times fails with `internal` (a crash loop must end). */
  maxInterruptions: number;
  /**
   * A run whose steps fail this many times (an engine error, not a node's failure: a value too
   * large to store, a bug) stops being retried: the nodes the step worked on fail `internal`.
   */
  maxStepFailures: number;
  /** Past its timeout, an attempt whose executor has not answered is ended by the engine after this grace. */
  attemptGraceMs: number;
  /**
   * Runs this engine drives at once (running or waiting on a timer). A new run, replay or
   * resume beyond it is refused as `unavailable` instead of growing memory without bound;
   * runs taken back after a restart always load.
   */
  maxActiveRuns: number;
  /** How long a claim on a run lasts unless renewed (renewed every third of it while driven). */
  leaseMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  recordBodyBytes: 1024 * 1024,
  expressionLimits: {},
  maxInterruptions: 3,
  maxStepFailures: 3,
  attemptGraceMs: 5000,
  maxActiveRuns: 10_000,
  leaseMs: 30_000,
};

/** What a run driver needs from the engine around it. */
export interface EngineEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: Random;
  readonly nodes: NodeRegistry;
  readonly credentials: CredentialPort | undefined;
  readonly log: Logger;
  readonly options: EngineOptions;
  /** Breakers, retry budgets, rate limits and bulkheads of the integrations, shared by every run. */
  readonly guards: IntegrationGuards;
  /** Counts work in progress so `idle()` knows when the engine has settled. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Runs an executor at the one boundary that turns anything thrown into an `internal` failure. */
  execute(exec: NodeExecutor, params: unknown, ctx: ExecutionContext): Promise<ExecutionResult>;
  /** A step of a run was committed (or changed nothing that needs committing). */
  notify(notice: StepNotice): void;
  /** A step of a run could not be completed: its driver is dropped and the run reloaded from the store. */
  driverFailed(runId: string, stepNodes: readonly string[], err: unknown): void;
  isStopped(): boolean;
}

/** What one committed step changed: the engine tells listeners and waiters from it. */
export interface StepNotice {
  readonly run: RunRecord;
  readonly runChanged: boolean;
  /** The node records the step changed, as they now stand. */
  readonly nodes: readonly NodeRunRecord[];
  readonly ended: boolean;
}
