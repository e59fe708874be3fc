import type Database from 'better-sqlite3';
import type {
  AttemptRecord,
  Changeset,
  IdempotencyRecord,
  IntegrationRecord,
  BreakerTransitionRecord,
  LastKnownGoodRecord,
  NodeRunPreview,
  NodeRunRecord,
  RunFilter,
  RunLease,
  RunRecord,
  RunSnapshot,
  RunStatus,
  Store,
  StoredWorkflow,
  TimerRecord,
  WorkflowSummary,
} from '@switchyard/engine';
import type { Json, PruneReport, RetentionPolicy, Workflow } from '@switchyard/schema';
import { applyChangeset } from './apply-changeset.js';
import type { Checkpointer, CheckpointStats } from './checkpointer.js';
import { storeClosed, toPortError } from './errors.js';
import { GroupCommit, type GroupCommitStats } from './group-commit.js';
import { readSettings, type SqliteSettings } from './open-database.js';
import type { ApiKeyRecord, SessionRecord, SigninTokenRecord } from './tables/access.js';
import type { AlertRecord, AlertRuleRecord } from './tables/alerts.js';
import type { CredentialRecord, LockPolicy } from './tables/credentials.js';
import type { ScheduleFireRecord } from './tables/schedule-fires.js';
import type { PrunedRunTotals } from './tables/retention.js';
import type { Tables } from './tables/index.js';

/** The engine's Store on one SQLite file. */
export interface SqliteStore extends Store {
  readonly path: string;
  /** What SQLite reports for this connection (journal mode, synchronous, foreign keys, busy timeout). */
  settings(): SqliteSettings;
  /** Commits a one-row write through the normal write path: resolves only if the store can commit. */
  probeCommit(at: number): Promise<void>;
  /** Deletes the large run values (run_values) that no run refers to any more, after runs were deleted; answers how many. */
  pruneUnreferencedValues(): Promise<number>;
  /** Group commit counters since open: transactions run and the writes they carried. */
  groupCommitStats(): GroupCommitStats;
  /** Whether WAL checkpoints run on a background thread, and how many have. */
  checkpointStats(): CheckpointStats;

  /** A new version only while `version` is the latest (a change computed from it): 'moved' when not. */
  updateWorkflowIfLatest(id: string, version: number, definition: Workflow, at: number): Promise<StoredWorkflow | 'moved' | undefined>;

  // Credentials (ciphertext only), API keys, sessions and sign-in tokens (hashes only): the server's.
  putCredential(record: CredentialRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentials(): Promise<CredentialRecord[]>;
  deleteCredential(id: string): Promise<boolean>;
  /** Counts an auth failure with the credential, in one transaction; locks it per `policy`. */
  recordCredentialAuthFailure(id: string, at: number, policy: LockPolicy): Promise<{ lockedAt: number | null } | undefined>;
  /** Clears a credential's lock and failures; false when there is no such credential. */
  unlockCredential(id: string): Promise<boolean>;
  /** Replaces a credential's ciphertext if it is still `expected` (nothing else changes); false otherwise. */
  replaceCredentialSecret(id: string, expected: string, ciphertext: string): Promise<boolean>;
  createApiKey(record: ApiKeyRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  countApiKeys(): Promise<number>;
  /** Oldest first (hashes only, as stored). */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Revokes a key: it, its sessions and its sign-in tokens go; with `keepOne`, never the only key left. */
  deleteApiKey(id: string, options?: { keepOne?: boolean }): Promise<'deleted' | 'missing' | 'last'>;
  createSession(record: SessionRecord): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  findSession(hash: string, now: number): Promise<SessionRecord | undefined>;
  deleteSession(hash: string): Promise<boolean>;
  createSigninToken(record: SigninTokenRecord): Promise<void>;
  /** Consumes an unexpired, unused token: its key id, or undefined (a token works once). */
  useSigninToken(hash: string, now: number): Promise<string | undefined>;

  // Alert rules and the alerts they raised: the server's.
  putAlertRule(record: AlertRuleRecord): Promise<void>;
  getAlertRule(id: string): Promise<AlertRuleRecord | undefined>;
  listAlertRules(): Promise<AlertRuleRecord[]>;
  deleteAlertRule(id: string): Promise<boolean>;
  putAlert(record: AlertRecord): Promise<void>;
  getAlert(id: string): Promise<AlertRecord | undefined>;
  /** The alert of a rule and subject that is not resolved, if any. */
  openAlert(ruleId: string, subject: string): Promise<AlertRecord | undefined>;
  /** Newest first. */
  listAlerts(filter: { status?: AlertRecord['status']; limit: number }): Promise<AlertRecord[]>;
  /** Alerts not resolved, oldest first. */
  listOpenAlerts(): Promise<AlertRecord[]>;

  // Schedule triggers: the server's scheduler.
  /** Records that a schedule trigger fired for a scheduled time; an earlier time than the stored one is ignored. */
  recordScheduleFire(record: ScheduleFireRecord): Promise<void>;
  getScheduleFire(workflowId: string, nodeId: string): Promise<ScheduleFireRecord | undefined>;

  // Retention: the server's pruner.
  /** Removes at most `limit` finished runs the policy no longer keeps, in one transaction. */
  pruneRuns(policy: RetentionPolicy, now: number, limit: number): Promise<PruneReport>;
  /** Gives up to `pages` free pages back to the file system (incremental vacuum); answers the free pages before. */
  vacuumStep(pages: number): Promise<number>;
  /** Bytes of the database holding data (free pages not counted): what the disk budget measures. */
  bytesInUse(): number;
  /** How far back run history goes: the oldest run kept, and totals of what was pruned. */
  runHistoryExtent(): { oldestRunAt: number | null; pruned: PrunedRunTotals };
}

/**
 * Reads run directly (each is one statement or one short read transaction); every write goes
 * through group commit, so all writes share the batched IMMEDIATE transactions.
 */
export class BetterSqliteStore implements SqliteStore {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #tables: Tables;
  readonly #writes: GroupCommit;
  readonly #loadRun: (runId: string) => RunSnapshot | undefined;
  readonly #checkpointer: Checkpointer | undefined;
  readonly #lockWaitMs: number;
  readonly #probe: Database.Statement<[number]>;
  #closed = false;

  constructor(path: string, db: Database.Database, tables: Tables, checkpointer?: Checkpointer, options: { lockWaitMs?: number } = {}) {
    this.path = path;
    this.#db = db;
    this.#checkpointer = checkpointer;
    this.#tables = tables;
    this.#writes = new GroupCommit(db, { ...options, path });
    this.#lockWaitMs = options.lockWaitMs ?? 5000;
    this.#probe = db.prepare('INSERT INTO store_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
    // A read transaction: the run, its nodes and its attempts come from one snapshot.
    this.#loadRun = db.transaction((runId: string): RunSnapshot | undefined => {
      const run = tables.runs.get(runId);
      if (run === undefined) return undefined;
      return { run, nodes: tables.nodeRuns.listByRun(runId), openAttempts: tables.attempts.listOpen(runId) };
    }).deferred;
  }

  async pruneUnreferencedValues(): Promise<number> {
    return this.#write(() => this.#tables.runValues.pruneUnreferenced());
  }

  async probeCommit(at: number): Promise<void> {
    await this.#write(() => {
      this.#probe.run(at);
    });
  }

  settings(): SqliteSettings {
    return this.#read(() => readSettings(this.#db, this.#lockWaitMs));
  }

  groupCommitStats(): GroupCommitStats {
    return this.#writes.stats();
  }

  checkpointStats(): CheckpointStats {
    return this.#checkpointer?.stats() ?? { mode: 'inline', checkpoints: 0, walFrames: 0 };
  }

  // Workflows.

  async createWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow> {
    return this.#write(() => this.#tables.workflows.create(id, definition, at));
  }

  async updateWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow | undefined> {
    return this.#write(() => this.#tables.workflows.addVersion(id, definition, at));
  }

  async updateWorkflowIfLatest(id: string, version: number, definition: Workflow, at: number): Promise<StoredWorkflow | 'moved' | undefined> {
    return this.#write(() => this.#tables.workflows.addVersionIfLatest(id, version, definition, at));
  }

  async getWorkflow(id: string): Promise<StoredWorkflow | undefined> {
    return this.#read(() => this.#tables.workflows.get(id));
  }

  async getWorkflowVersion(id: string, version: number): Promise<StoredWorkflow | undefined> {
    return this.#read(() => this.#tables.workflows.getVersion(id, version));
  }

  async listWorkflows(): Promise<WorkflowSummary[]> {
    return this.#read(() => this.#tables.workflows.list());
  }

  async listWorkflowVersions(id: string): Promise<Array<{ version: number; createdAt: number }>> {
    return this.#read(() => this.#tables.workflows.listVersions(id));
  }

  async setWorkflowActive(id: string, active: boolean, at: number): Promise<boolean> {
    return this.#write(() => this.#tables.workflows.setActive(id, active, at));
  }

  async deleteWorkflow(id: string, at: number): Promise<boolean> {
    return this.#write(() => this.#tables.workflows.markDeleted(id, at));
  }

  // Integrations.

  async putIntegration(integration: IntegrationRecord): Promise<void> {
    return this.#write(() => this.#tables.integrations.upsert(integration));
  }

  async getIntegration(id: string): Promise<IntegrationRecord | undefined> {
    return this.#read(() => this.#tables.integrations.get(id));
  }

  async listIntegrations(): Promise<IntegrationRecord[]> {
    return this.#read(() => this.#tables.integrations.list());
  }

  async deleteIntegration(id: string): Promise<boolean> {
    return this.#write(() => this.#tables.integrations.delete(id));
  }

  async recordBreakerTransition(transition: BreakerTransitionRecord): Promise<void> {
    return this.#write(() => this.#tables.integrations.addBreakerTransition(transition));
  }

  async latestBreakerTransitions(): Promise<BreakerTransitionRecord[]> {
    return this.#read(() => this.#tables.integrations.latestBreakerTransitions());
  }

  async listBreakerTransitions(integrationId: string, since: number, limit: number): Promise<BreakerTransitionRecord[]> {
    return this.#read(() => this.#tables.integrations.listBreakerTransitions(integrationId, since, limit));
  }

  // Runs.

  async createRun(run: RunRecord, nodes: NodeRunRecord[]): Promise<void> {
    return this.#write(() => applyChangeset(this.#tables, { created: { run, nodes } }));
  }

  async commit(changes: Changeset): Promise<void> {
    return this.#write(() => applyChangeset(this.#tables, changes));
  }

  async loadRun(runId: string): Promise<RunSnapshot | undefined> {
    return this.#read(() => this.#loadRun(runId));
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.#read(() => this.#tables.runs.get(runId));
  }

  async listNodeRuns(runId: string): Promise<NodeRunRecord[]> {
    return this.#read(() => this.#tables.nodeRuns.listByRun(runId));
  }

  async listNodeRunPreviews(runId: string, maxChars: number): Promise<NodeRunPreview[]> {
    return this.#read(() => this.#tables.nodeRuns.listPreviewsByRun(runId, maxChars));
  }

  async listAttempts(runId: string, nodeId?: string): Promise<AttemptRecord[]> {
    return this.#read(() => this.#tables.attempts.list(runId, nodeId));
  }

  async listRuns(filter: RunFilter): Promise<{ items: RunRecord[]; nextCursor: string | null }> {
    return this.#read(() => this.#tables.runs.list(filter));
  }

  async countRuns(filter: {
    workflowId?: string;
    since?: number;
  }): Promise<Record<RunStatus, number> & { degraded: number }> {
    return this.#read(() => this.#tables.runs.count(filter));
  }

  // Leases: granted at once, since only this process has the file open (see tables/run-leases.ts).

  async claimRuns(owner: string, now: number, leaseMs: number, limit: number): Promise<RunLease[]> {
    return this.#write(() => this.#tables.runLeases.claimAll(owner, now + leaseMs, limit));
  }

  async claimRun(runId: string, owner: string, now: number, leaseMs: number): Promise<RunLease | undefined> {
    return this.#write(() => this.#tables.runLeases.claimOne(runId, owner, now + leaseMs));
  }

  async renewLeases(owner: string, runIds: readonly string[], now: number, leaseMs: number): Promise<string[]> {
    return this.#write(() => this.#tables.runLeases.renew(owner, runIds, now + leaseMs));
  }

  async releaseLeases(owner: string, runIds: readonly string[]): Promise<void> {
    return this.#write(() => this.#tables.runLeases.release(owner, runIds));
  }

  async claimDueTimers(owner: string, now: number, limit: number): Promise<TimerRecord[]> {
    return this.#read(() => this.#tables.runLeases.dueTimers(owner, now, limit));
  }

  async listUnfinishedRunIds(): Promise<string[]> {
    return this.#read(() => this.#tables.runs.unfinishedIds());
  }

  async listTimers(): Promise<TimerRecord[]> {
    return this.#read(() => this.#tables.timers.list());
  }

  // Last known good outputs and idempotency keys.

  async getLastKnownGood(workflowId: string, nodeId: string, key: string): Promise<LastKnownGoodRecord | undefined> {
    return this.#read(() => this.#tables.lastKnownGood.get(workflowId, nodeId, key));
  }

  async claimIdempotencyKey(
    record: IdempotencyRecord,
  ): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    return this.#write(() => this.#tables.idempotencyKeys.claim(record));
  }

  async setIdempotencyResponse(scope: string, key: string, response: Json): Promise<void> {
    return this.#write(() => this.#tables.idempotencyKeys.setResponse(scope, key, response));
  }

  async pruneIdempotencyKeys(before: number): Promise<number> {
    return this.#write(() => this.#tables.idempotencyKeys.prune(before));
  }

  // Credentials and access.

  async putCredential(record: CredentialRecord): Promise<void> {
    return this.#write(() => this.#tables.credentials.upsert(record));
  }

  async getCredential(id: string): Promise<CredentialRecord | undefined> {
    return this.#read(() => this.#tables.credentials.get(id));
  }

  async listCredentials(): Promise<CredentialRecord[]> {
    return this.#read(() => this.#tables.credentials.list());
  }

  async deleteCredential(id: string): Promise<boolean> {
    return this.#write(() => this.#tables.credentials.delete(id));
  }

  async recordCredentialAuthFailure(id: string, at: number, policy: LockPolicy): Promise<{ lockedAt: number | null } | undefined> {
    return this.#write(() => this.#tables.credentials.recordAuthFailure(id, at, policy));
  }

  async unlockCredential(id: string): Promise<boolean> {
    return this.#write(() => this.#tables.credentials.unlock(id));
  }

  async replaceCredentialSecret(id: string, expected: string, ciphertext: string): Promise<boolean> {
    return this.#write(() => this.#tables.credentials.replaceSecret(id, expected, ciphertext));
  }

  async putAlertRule(record: AlertRuleRecord): Promise<void> {
    return this.#write(() => this.#tables.alerts.putRule(record));
  }

  async getAlertRule(id: string): Promise<AlertRuleRecord | undefined> {
    return this.#read(() => this.#tables.alerts.getRule(id));
  }

  async listAlertRules(): Promise<AlertRuleRecord[]> {
    return this.#read(() => this.#tables.alerts.listRules());
  }

  async deleteAlertRule(id: string): Promise<boolean> {
    return this.#write(() => this.#tables.alerts.deleteRule(id));
  }

  async putAlert(record: AlertRecord): Promise<void> {
    return this.#write(() => this.#tables.alerts.putAlert(record));
  }

  async getAlert(id: string): Promise<AlertRecord | undefined> {
    return this.#read(() => this.#tables.alerts.getAlert(id));
  }

  async openAlert(ruleId: string, subject: string): Promise<AlertRecord | undefined> {
    return this.#read(() => this.#tables.alerts.openAlert(ruleId, subject));
  }

  async listAlerts(filter: { status?: AlertRecord['status']; limit: number }): Promise<AlertRecord[]> {
    return this.#read(() => this.#tables.alerts.listAlerts(filter));
  }

  async listOpenAlerts(): Promise<AlertRecord[]> {
    return this.#read(() => this.#tables.alerts.listOpenAlerts());
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.#read(() => this.#tables.access.listApiKeys());
  }

  async deleteApiKey(id: string, options: { keepOne?: boolean } = {}): Promise<'deleted' | 'missing' | 'last'> {
    return this.#write(() => this.#tables.access.deleteApiKey(id, options.keepOne === true));
  }

  async createApiKey(record: ApiKeyRecord): Promise<void> {
    return this.#write(() => this.#tables.access.insertApiKey(record));
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return this.#read(() => this.#tables.access.apiKeyByHash(hash));
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.#read(() => this.#tables.access.apiKeyById(id));
  }

  async countApiKeys(): Promise<number> {
    return this.#read(() => this.#tables.access.countApiKeys());
  }

  async createSession(record: SessionRecord): Promise<void> {
    return this.#write(() => this.#tables.access.insertSession(record));
  }

  async findSession(hash: string, now: number): Promise<SessionRecord | undefined> {
    return this.#read(() => this.#tables.access.session(hash, now));
  }

  async deleteSession(hash: string): Promise<boolean> {
    return this.#write(() => this.#tables.access.deleteSession(hash));
  }

  async createSigninToken(record: SigninTokenRecord): Promise<void> {
    return this.#write(() => this.#tables.access.insertSigninToken(record));
  }

  async useSigninToken(hash: string, now: number): Promise<string | undefined> {
    return this.#write(() => this.#tables.access.useSigninToken(hash, now));
  }

  async recordScheduleFire(record: ScheduleFireRecord): Promise<void> {
    return this.#write(() => this.#tables.scheduleFires.record(record));
  }

  async getScheduleFire(workflowId: string, nodeId: string): Promise<ScheduleFireRecord | undefined> {
    return this.#read(() => this.#tables.scheduleFires.get(workflowId, nodeId));
  }

  async pruneRuns(policy: RetentionPolicy, now: number, limit: number): Promise<PruneReport> {
    return this.#write(() => this.#tables.retention.pruneBatch(policy, now, limit));
  }

  async vacuumStep(pages: number): Promise<number> {
    return this.#write(() => this.#tables.retention.vacuumStep(pages));
  }

  bytesInUse(): number {
    return this.#read(() => this.#tables.retention.bytesInUse());
  }

  runHistoryExtent(): { oldestRunAt: number | null; pruned: PrunedRunTotals } {
    return this.#read(() => ({ oldestRunAt: this.#tables.retention.oldestRunCreatedAt(), pruned: this.#tables.retention.prunedTotals() }));
  }

  /** Commits whatever is queued, then closes the file. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#writes.flush({ final: true });
      // Before the last connection closes: closing it checkpoints and removes the WAL.
      await this.#checkpointer?.close();
    } finally {
      this.#db.close();
    }
  }

  #read<T>(read: () => T): T {
    this.#assertOpen();
    try {
      return read();
    } catch (error) {
      throw toPortError(error);
    }
  }

  #write<T>(write: () => T): Promise<T> {
    this.#assertOpen();
    return this.#writes.enqueue(write);
  }

  #assertOpen(): void {
    if (this.#closed) throw storeClosed(this.path);
  }
}
