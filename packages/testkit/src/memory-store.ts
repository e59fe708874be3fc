import type {
  AttemptRecord,
  BreakerTransitionRecord,
  Changeset,
  IdempotencyRecord,
  IntegrationRecord,
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
import { StoreClosedError, type Json, type Workflow } from '@switchyard/schema';
import { commitChangeset } from './memory-store/changeset.js';
import { MemoryIdempotencyKeys } from './memory-store/idempotency.js';
import { MemoryIntegrations } from './memory-store/integrations.js';
import { MemoryLeases } from './memory-store/leases.js';
import { MemoryRuns } from './memory-store/runs.js';
import { MemoryWorkflows } from './memory-store/workflows.js';

/** The engine's Store in memory, for tests that need a store but not SQLite. */
export interface MemoryStore extends Store {
  /**
   * A new open handle on the same data, as a restarted process opens the same file again:
   * what was committed through any handle is there. For restart tests; `close` closes one handle.
   */
  reopen(): MemoryStore;
}

/** Everything a memory store keeps, shared by the handles `reopen` gives out. */
interface MemoryData {
  workflows: MemoryWorkflows;
  integrations: MemoryIntegrations;
  runs: MemoryRuns;
  leases: MemoryLeases;
  idempotencyKeys: MemoryIdempotencyKeys;
}

/**
 * An empty store with the SQLite store's semantics (the same contract suite passes against both):
 * changesets are checked whole before any of it is written, records are copied in and out, and
 * leases are granted to every claim with a raised epoch. It lives in one process and keeps nothing
 * past it: not a model of several processes sharing a store.
 */
export function createMemoryStore(): MemoryStore {
  const runs = new MemoryRuns();
  return new MemoryStoreHandle({
    workflows: new MemoryWorkflows(),
    integrations: new MemoryIntegrations(),
    runs,
    leases: new MemoryLeases(runs),
    idempotencyKeys: new MemoryIdempotencyKeys(),
  });
}

/**
 * Every method runs to its end without awaiting, so each call is atomic with respect to the
 * others, as SQLite's transactions are; the promise only gives the port's shape.
 */
class MemoryStoreHandle implements MemoryStore {
  readonly #data: MemoryData;
  #closed = false;

  constructor(data: MemoryData) {
    this.#data = data;
  }

  reopen(): MemoryStore {
    return new MemoryStoreHandle(this.#data);
  }

  // Workflows.

  async createWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow> {
    return this.#open().workflows.create(id, definition, at);
  }

  async updateWorkflow(id: string, definition: Workflow, at: number): Promise<StoredWorkflow | undefined> {
    return this.#open().workflows.addVersion(id, definition, at);
  }

  async getWorkflow(id: string): Promise<StoredWorkflow | undefined> {
    return this.#open().workflows.get(id);
  }

  async getWorkflowVersion(id: string, version: number): Promise<StoredWorkflow | undefined> {
    return this.#open().workflows.getVersion(id, version);
  }

  async listWorkflows(): Promise<WorkflowSummary[]> {
    return this.#open().workflows.list();
  }

  async listWorkflowVersions(id: string): Promise<Array<{ version: number; createdAt: number }>> {
    return this.#open().workflows.listVersions(id);
  }

  async setWorkflowActive(id: string, active: boolean, at: number): Promise<boolean> {
    return this.#open().workflows.setActive(id, active, at);
  }

  async deleteWorkflow(id: string, at: number): Promise<boolean> {
    return this.#open().workflows.markDeleted(id, at);
  }

  // Integrations and their breakers.

  async putIntegration(integration: IntegrationRecord): Promise<void> {
    this.#open().integrations.upsert(integration);
  }

  async getIntegration(id: string): Promise<IntegrationRecord | undefined> {
    return this.#open().integrations.get(id);
  }

  async listIntegrations(): Promise<IntegrationRecord[]> {
    return this.#open().integrations.list();
  }

  async deleteIntegration(id: string): Promise<boolean> {
    return this.#open().integrations.delete(id);
  }

  async recordBreakerTransition(transition: BreakerTransitionRecord): Promise<void> {
    this.#open().integrations.addBreakerTransition(transition);
  }

  async latestBreakerTransitions(): Promise<BreakerTransitionRecord[]> {
    return this.#open().integrations.latestBreakerTransitions();
  }

  async listBreakerTransitions(integrationId: string, since: number, limit: number): Promise<BreakerTransitionRecord[]> {
    return this.#open().integrations.listBreakerTransitions(integrationId, since, limit);
  }

  // Runs.

  async createRun(run: RunRecord, nodes: NodeRunRecord[]): Promise<void> {
    const data = this.#open();
    commitChangeset(data.runs, data.leases, { created: { run, nodes } });
  }

  async commit(changes: Changeset): Promise<void> {
    const data = this.#open();
    commitChangeset(data.runs, data.leases, changes);
  }

  async loadRun(runId: string): Promise<RunSnapshot | undefined> {
    const { runs } = this.#open();
    const run = runs.getRun(runId);
    if (run === undefined) return undefined;
    return { run, nodes: runs.listNodes(runId), openAttempts: runs.listOpenAttempts(runId) };
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.#open().runs.getRun(runId);
  }

  async listNodeRuns(runId: string): Promise<NodeRunRecord[]> {
    return this.#open().runs.listNodes(runId);
  }

  async listNodeRunPreviews(runId: string, maxChars: number): Promise<NodeRunPreview[]> {
    return this.#open()
      .runs.listNodes(runId)
      .map((node) => {
        // Values are held as objects here: their text is made to cut it, as a stored one would be read.
        const cut: NodeRunPreview['cut'] = {};
        for (const field of ['input', 'output'] as const) {
          const text = node[field] === null ? null : JSON.stringify(node[field]);
          if (text !== null && text.length > maxChars) {
            cut[field] = text.slice(0, maxChars);
            node[field] = null;
          }
        }
        return { node, cut };
      });
  }

  async listAttempts(runId: string, nodeId?: string): Promise<AttemptRecord[]> {
    return this.#open().runs.listAttempts(runId, nodeId);
  }

  async listRuns(filter: RunFilter): Promise<{ items: RunRecord[]; nextCursor: string | null }> {
    return this.#open().runs.list(filter);
  }

  async countRuns(filter: { workflowId?: string; since?: number }): Promise<Record<RunStatus, number> & { degraded: number }> {
    return this.#open().runs.count(filter);
  }

  async listUnfinishedRunIds(): Promise<string[]> {
    return this.#open().runs.unfinishedRunIds();
  }

  async listTimers(): Promise<TimerRecord[]> {
    return this.#open().runs.listTimers();
  }

  async getLastKnownGood(workflowId: string, nodeId: string, key: string): Promise<LastKnownGoodRecord | undefined> {
    return this.#open().runs.getLastKnownGood(workflowId, nodeId, key);
  }

  // Idempotency keys.

  async claimIdempotencyKey(record: IdempotencyRecord): Promise<{ claimed: true } | { claimed: false; existing: IdempotencyRecord }> {
    return this.#open().idempotencyKeys.claim(record);
  }

  async setIdempotencyResponse(scope: string, key: string, response: Json): Promise<void> {
    this.#open().idempotencyKeys.setResponse(scope, key, response);
  }

  async pruneIdempotencyKeys(before: number): Promise<number> {
    return this.#open().idempotencyKeys.prune(before);
  }

  // Leases: granted at once, since one process holds the store (see memory-store/leases.ts).

  async claimRuns(owner: string, now: number, leaseMs: number, limit: number): Promise<RunLease[]> {
    return this.#open().leases.claimAll(owner, now + leaseMs, limit);
  }

  async claimRun(runId: string, owner: string, now: number, leaseMs: number): Promise<RunLease | undefined> {
    return this.#open().leases.claimOne(runId, owner, now + leaseMs);
  }

  async renewLeases(owner: string, runIds: readonly string[], now: number, leaseMs: number): Promise<string[]> {
    return this.#open().leases.renew(owner, runIds, now + leaseMs);
  }

  async releaseLeases(owner: string, runIds: readonly string[]): Promise<void> {
    this.#open().leases.release(owner, runIds);
  }

  async claimDueTimers(owner: string, now: number, limit: number): Promise<TimerRecord[]> {
    return this.#open().leases.dueTimers(owner, now, limit);
  }

  /** Closes this handle (every later call rejects with StoreClosedError); closing twice is harmless. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  #open(): MemoryData {
    if (this.#closed) throw new StoreClosedError('the memory store is closed');
    return this.#data;
  }
}
