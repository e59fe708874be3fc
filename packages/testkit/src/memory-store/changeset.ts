import { LeaseLostError, StaleWriteError, type Changeset } from '@switchyard/engine';
import { ConflictError } from '@switchyard/schema';
import { compositeKey, constraintFailure } from './keys.js';
import type { MemoryLeases } from './leases.js';
import type { MemoryRuns } from './runs.js';

/**
 * Writes one changeset, all of it or nothing: every check the SQLite store makes while it writes
 * (a taken run id, the fence, the parent of every row, a finished attempt written again) is made
 * first against the stored rows plus what the changeset itself adds, in the order SQLite writes;
 * only when all hold does anything change. The first failing check is the error thrown.
 */
export function commitChangeset(runs: MemoryRuns, leases: MemoryLeases, changes: Changeset): void {
  checkChangeset(runs, leases, changes);
  applyChangeset(runs, leases, changes);
}

function checkChangeset(runs: MemoryRuns, leases: MemoryLeases, changes: Changeset): void {
  // The rows the changeset adds, seen by its later parts as SQLite's statements see earlier ones.
  const addedRuns = new Set<string>();
  const addedNodes = new Set<string>();
  const runExists = (runId: string): boolean => addedRuns.has(runId) || runs.hasRun(runId);
  const nodeExists = (runId: string, nodeId: string): boolean => addedNodes.has(compositeKey(runId, nodeId)) || runs.hasNode(runId, nodeId);
  const requireNode = (runId: string, nodeId: string, what: string): void => {
    if (!nodeExists(runId, nodeId)) throw constraintFailure(`${what} of node ${nodeId} in run ${runId}: the run has no such node`);
  };

  if (changes.created) {
    const { run, nodes } = changes.created;
    if (runs.hasRun(run.id)) throw new ConflictError(`run ${run.id} already exists`);
    addedRuns.add(run.id);
    for (const node of nodes) {
      if (!runExists(node.runId)) throw constraintFailure(`node ${node.nodeId} belongs to run ${node.runId}, which does not exist`);
      if (nodeExists(node.runId, node.nodeId)) throw constraintFailure(`node ${node.nodeId} of run ${node.runId} is created twice`);
      addedNodes.add(compositeKey(node.runId, node.nodeId));
    }
  }

  const fence = changes.fence;
  if (fence && !fenceHolds(leases, changes, fence)) {
    throw new LeaseLostError(`run ${fence.runId} is no longer leased to this driver (epoch ${fence.epoch}); its step is not written`);
  }

  for (const run of changes.runs ?? []) addedRuns.add(run.id);
  for (const node of changes.nodes ?? []) {
    if (!runExists(node.runId)) throw constraintFailure(`node ${node.nodeId} belongs to run ${node.runId}, which does not exist`);
    addedNodes.add(compositeKey(node.runId, node.nodeId));
  }

  // Whether each attempt is finished once the changeset's earlier writes of it are applied.
  const finished = new Map<string, boolean>();
  for (const attempt of changes.attempts ?? []) {
    requireNode(attempt.runId, attempt.nodeId, `attempt ${attempt.number}`);
    const key = compositeKey(attempt.runId, attempt.nodeId, attempt.number);
    const alreadyFinished = finished.get(key) ?? runs.attemptFinished(attempt.runId, attempt.nodeId, attempt.number) === true;
    if (alreadyFinished) {
      throw new StaleWriteError(
        `attempt ${attempt.number} of node ${attempt.nodeId} in run ${attempt.runId} is already finished; ` +
          'its result was recorded once and this late write is rejected',
      );
    }
    finished.set(key, attempt.finishedAt !== null);
  }

  for (const timer of changes.timersSet ?? []) requireNode(timer.runId, timer.nodeId, `a ${timer.kind} timer`);
}

/** The fence of a run this changeset creates held is checked against that new lease (epoch 1). */
function fenceHolds(leases: MemoryLeases, changes: Changeset, fence: NonNullable<Changeset['fence']>): boolean {
  const created = changes.created;
  if (created !== undefined && created.run.id === fence.runId) {
    return created.lease !== undefined && created.lease.owner === fence.owner && fence.epoch === 1;
  }
  return leases.holds(fence.runId, fence.owner, fence.epoch);
}

/** Parents before children, as SQLite writes; timers are cleared before they are set, so a changeset doing both leaves the new timer. */
function applyChangeset(runs: MemoryRuns, leases: MemoryLeases, changes: Changeset): void {
  if (changes.created) {
    const { run, nodes, lease } = changes.created;
    runs.upsertRun(run);
    if (lease) leases.grant(run.id, lease.owner, lease.until);
    for (const node of nodes) runs.upsertNode(node);
  }
  for (const run of changes.runs ?? []) runs.upsertRun(run);
  for (const node of changes.nodes ?? []) runs.upsertNode(node);
  for (const attempt of changes.attempts ?? []) runs.writeAttempt(attempt);
  for (const timer of changes.timersCleared ?? []) runs.clearTimer(timer.runId, timer.nodeId);
  for (const timer of changes.timersSet ?? []) runs.setTimer(timer);
  for (const record of changes.lastKnownGood ?? []) runs.upsertLastKnownGood(record);
}
