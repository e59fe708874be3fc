import type { Failure, Json, NodeDefinition } from '@switchyard/schema';
import type {
  AttemptRecord,
  BreakerTransitionRecord,
  IdempotencyRecord,
  IntegrationRecord,
  LastKnownGoodRecord,
  NodeRunRecord,
  RecordedRequest,
  RecordedResponse,
  RunFilter,
  RunRecord,
  RunSnapshot,
  RunStatus,
  StoredWorkflow,
  TimerRecord,
  Trigger,
  WorkflowSummary,
} from './records.js';
import type { Workflow } from '@switchyard/schema';

/**
 * The ports the engine owns and depends on. Adapters (store-sqlite, nodes, the server's
 * composition root) implement them; the engine never imports an adapter.
 */

/** Business time. Tests inject a fake clock and move it; nothing in the engine reads Date.now. */
export interface Clock {
  now(): number;
  /** Calls `fn` once at (or after) `at`; the engine keeps timers durable in the store, this only wakes it. */
  setTimer(at: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /**
   * A signal that aborts `ms` from now: the deadline of a call on a real socket. Test clocks that
   * fake business time keep these real, since the servers on the other end are real.
   */
  deadline(ms: number): AbortSignal;
  /** Calls `fn` once the event loop has run the I/O callbacks already due (not a wait in time). */
  afterIo(fn: () => void): void;
}
export interface TimerHandle {
  readonly id: number;
}

/** Randomness for jitter and ids, injected so runs are reproducible. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

/** One atomic write: everything a step of the engine changed. */
export interface Changeset {
  /**
   * A new run with all its node rows, written with the rest of the changeset; a taken id is a
   * conflict and nothing is written. With `lease`, the run is created held by that owner (epoch 1).
   */
  created?: { run: RunRecord; nodes: NodeRunRecord[]; lease?: { owner: string; until: number } };
  /**
   * The lease the writer holds on the changeset's run: unless the run is still leased to `owner`
   * at `epoch`, the whole changeset is rejected with StaleWriteError (another worker, or a newer
   * driver of this one, has taken the run).
   */
  fence?: { runId: string; owner: string; epoch: number };
  runs?: RunRecord[];
  nodes?: NodeRunRecord[];
  /**
   * Inserted, or updated while the stored attempt is still open. Finishing an attempt that is
   * already finished is a stale write: the whole changeset is rejected with StaleWriteError.
   */
  attempts?: AttemptRecord[];
  timersSet?: TimerRecord[];
  timersCleared?: Array<{ runId: string; nodeId: string }>;
  lastKnownGood?: LastKnownGoodRecord[];
}

export class StaleWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleWriteError';
  }
}

/** A changeset fenced by a lease its writer no longer holds: the run is another driver's now. */
export class LeaseLostError extends StaleWriteError {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

/** A node run with its large values cut to the start of their JSON text (`listNodeRunPreviews`). */
export interface NodeRunPreview {
  node: NodeRunRecord;
  cut: { input?: string; output?: string };
}

/** Workflows and their immutable versions. */
export interface WorkflowStore {
  createWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow>;
  /** Stores `definition` as the next version; undefined when the workflow does not exist. */
  updateWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow | undefined>;
  getWorkflow(id: string): Promise<StoredWorkflow | undefined>;
  getWorkflowVersion(id: string, version: number): Promise<StoredWorkflow | undefined>;
  listWorkflows(): Promise<WorkflowSummary[]>;
  listWorkflowVersions(id: string): Promise<Array<{ version: number; createdAt: number }>>;
  setWorkflowActive(id: string, active: boolean, at: number): Promise<boolean>;
  /** Deleted workflows disappear from lists; their versions and runs stay readable. */
  deleteWorkflow(id: string, at: number): Promise<boolean>;
}

/** Integrations and the history of their breakers. */
export interface IntegrationStore {
  putIntegration(integration: IntegrationRecord): Promise<void>;
  getIntegration(id: string): Promise<IntegrationRecord | undefined>;
  listIntegrations(): Promise<IntegrationRecord[]>;
  deleteIntegration(id: string): Promise<boolean>;
  /** Stores a change of an integration's breaker state (it survives restarts and shows in health). */
  recordBreakerTransition(transition: BreakerTransitionRecord): Promise<void>;
  /** The newest transition of each integration: the breaker states to take back after a restart. */
  latestBreakerTransitions(): Promise<BreakerTransitionRecord[]>;
  /** One integration's transitions at or after `since`, newest first, at most `limit`. */
  listBreakerTransitions(integrationId: string, since: number, limit: number): Promise<BreakerTransitionRecord[]>;
}

/** Runs: their records, attempts and timers, written only as changesets; last-known-good values. */
export interface RunStore {
  /** Creates a run with all its node rows in one transaction (the same as a changeset with only `created`). */
  createRun(run: RunRecord, nodes: NodeRunRecord[]): Promise<void>;
  commit(changes: Changeset): Promise<void>;
  loadRun(runId: string): Promise<RunSnapshot | undefined>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listNodeRuns(runId: string): Promise<NodeRunRecord[]>;
  /**
   * The node runs as a viewer sees them: an input or output whose JSON text is longer than
   * `maxChars` comes as the start of that text (in `cut`, its field in `node` null), never parsed.
   */
  listNodeRunPreviews(runId: string, maxChars: number): Promise<NodeRunPreview[]>;
  /** Oldest first; every epoch. */
  listAttempts(runId: string, nodeId?: string): Promise<AttemptRecord[]>;
  listRuns(filter: RunFilter): Promise<{ items: RunRecord[]; nextCursor: string | null }>;
  countRuns(filter: { workflowId?: string; since?: number }): Promise<Record<RunStatus, number> & { degraded: number }>;
  /** Runs not in a terminal status: what a restarted engine takes back. */
  listUnfinishedRunIds(): Promise<string[]>;
  listTimers(): Promise<TimerRecord[]>;
  getLastKnownGood(workflowId: string, nodeId: string, key: string): Promise<LastKnownGoodRecord | undefined>;
}

/** The idempotency keys of webhook deliveries and the answers they replay. */
export interface IdempotencyStore {
  /** Inserts the key if it is new; otherwise answers the record that holds it (the caller replays it). */
  claimIdempotencyKey(record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }>;
  setIdempotencyResponse(scope: string, key: string, response: Json): Promise<void>;
  /** Forgets keys older than `before`. */
  pruneIdempotencyKeys(before: number): Promise<number>;
}

/** A worker's claim on a run: while it holds, only that worker drives the run and writes it. */
export interface RunLease {
  runId: string;
  owner: string;
  /** Raised by every claim; a changeset fenced with an older epoch is rejected. */
  epoch: number;
  /** The claim lapses at this time unless renewed. */
  until: number;
}

/**
 * Which worker drives which run (semantics.md: runs are claimed with leases, so several engine
 * processes can share one store). A store that only one process can open (SQLite, guarded by its
 * lock file) may grant every claim: there is no other worker to exclude; it still raises epochs.
 */
export interface LeaseStore {
  /** Claims up to `limit` unfinished runs that are free, lapsed or already `owner`'s, oldest first. */
  claimRuns(owner: string, now: number, leaseMs: number, limit: number): Promise<RunLease[]>;
  /** Claims one run, finished or not (to resume, cancel or reload it); undefined when unknown or held by another worker. */
  claimRun(runId: string, owner: string, now: number, leaseMs: number): Promise<RunLease | undefined>;
  /** Extends the claims `owner` still holds on `runIds`; answers the ids it holds. */
  renewLeases(owner: string, runIds: readonly string[], now: number, leaseMs: number): Promise<string[]>;
  /** Gives the claims up (a stopping worker), so another worker may take the runs at once. */
  releaseLeases(owner: string, runIds: readonly string[]): Promise<void>;
  /** Timers due by `now` of the runs `owner` holds, soonest first, at most `limit`. */
  claimDueTimers(owner: string, now: number, limit: number): Promise<TimerRecord[]>;
}

/** Everything the engine and its server keep about workflows and runs, by area. */
export interface Store extends WorkflowStore, IntegrationStore, RunStore, IdempotencyStore, LeaseStore {
  close(): Promise<void>;
}

/** An access token, or why none could be had (classified like any attempt failure). */
export type AccessTokenResult = { ok: true; accessToken: string } | { ok: false; failure: Failure };

/**
 * An OAuth2 credential's access tokens, as a node sees them: never the client secret or the
 * refresh token. Tokens are fetched on first use and cached; concurrent callers share one
 * token request. Neither method throws or takes a signal: a caller that stops waiting simply
 * drops the promise, and the shared request goes on for the others.
 */
export interface AccessTokenSource {
  /** The cached token while it is fresh, else a new one. */
  current(): Promise<AccessTokenResult>;
  /**
   * A token other than `rejected`, which an upstream refused: the cached one when another
   * caller already replaced it, else a new one from the token endpoint.
   */
  renew(rejected: string): Promise<AccessTokenResult>;
}

/** A credential as a node applies it; resolved by the composition root, never seen by expressions. */
export type ResolvedCredential = (
  | { id: string; kind: 'bearer'; token: string }
  | { id: string; kind: 'basic'; username: string; password: string }
  | { id: string; kind: 'apiKey'; in: 'header' | 'query'; name: string; value: string }
  | { id: string; kind: 'hmac'; secret: string }
  | { id: string; kind: 'oauth2'; tokens: AccessTokenSource }
  /** A database connection string (postgres://, mysql://, sqlite:): the whole string is the secret. */
  | { id: string; kind: 'connection'; connectionString: string }
  /** An SMTP relay and its login. */
  | { id: string; kind: 'smtp'; host: string; port: number; secure: boolean; user: string; password: string }
) & {
  /** Locked after repeated auth failures: attempts using it fail with `credential_locked` and send nothing. */
  locked?: boolean;
};

export interface CredentialPort {
  resolve(id: string): Promise<ResolvedCredential | undefined>;
  /** Told when an attempt using the credential failed with `auth` (it may lock the credential). */
  recordAuthFailure?(id: string, at: number): Promise<void>;
}

export interface ExecutionContext {
  runId: string;
  workflowId: string;
  nodeId: string;
  attempt: number;
  epoch: number;
  input: Json | null;
  /** True when the node has several incoming `next` edges: `input` is then keyed by its live predecessors. */
  isJoin?: boolean;
  /** `$trigger`, `$nodes` and `$run` as the node's expressions see them (the code node hands them to its sandbox). */
  scope?: AttemptScope;
  integration: IntegrationRecord | undefined;
  credential: ResolvedCredential | undefined;
  /** The Idempotency-Key for this node in this epoch. */
  idempotencyKey: string;
  /** True when the workflow set policy.idempotencyKey (then it is sent whatever the method). */
  idempotencyKeyExplicit: boolean;
  /** Limit of this attempt; exceeding it is `timeout`. */
  timeoutMs: number;
  /** Aborted when the run is cancelled or the engine stops. */
  signal: AbortSignal;
  now(): number;
  /** A signal that aborts `ms` from now (from the engine's clock): an attempt's deadline. */
  deadline(ms: number): AbortSignal;
  /** Request and response bodies are recorded up to this many bytes, then truncated. */
  recordBodyBytes: number;
}

/** The run around an attempt, as plain JSON. */
export interface AttemptScope {
  trigger: Json;
  /** Outputs of the nodes that have succeeded so far, by id. */
  nodes: Record<string, Json>;
  run: { id: string; workflowId: string; workflowVersion: number };
}

export type ExecutionResult =
  | {
      ok: true;
      output: Json;
      /** The branch output chosen (branch nodes). */
      handle?: string;
      /** Several outputs chosen at once (a `switch` in mode `all`); their edges are all live. */
      handles?: string[];
      /** The node sleeps until then and succeeds with `output` when it wakes (delay nodes). */
      sleepUntil?: number;
      request?: RecordedRequest;
      response?: RecordedResponse;
    }
  | { ok: false; failure: Failure; request?: RecordedRequest; response?: RecordedResponse };

export interface NodeExecutor {
  readonly definition: NodeDefinition;
  /**
   * Pure nodes have no effect outside the run (transform, branch, …): the engine records their
   * attempt in the same commit as their result instead of committing a start first.
   */
  readonly pure: boolean;
  /** Whether repeating an interrupted attempt is safe (semantics.md, Durability). */
  retrySafe(params: unknown, ctx: { idempotencyKeyExplicit: boolean }): boolean;
  /** The node's HTTP method and the like: whether the default idempotency key applies. */
  usesDefaultIdempotencyKey?(params: unknown): boolean;
  /** `params` are resolved (templates evaluated); the executor re-checks typed params. Never throws on user data. */
  execute(params: unknown, ctx: ExecutionContext): Promise<ExecutionResult>;
}

export interface NodeRegistry {
  get(type: string): NodeExecutor | undefined;
  definitions(): ReadonlyMap<string, NodeDefinition>;
}

export interface Logger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export type { Trigger };
