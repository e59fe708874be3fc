import { LeaseLostError, StaleWriteError, type Changeset } from '@switchyard/engine';
import { ConflictError } from './errors.js';
import type { Tables } from './tables/index.js';

/**
 * Writes one changeset; call it inside a transaction (or savepoint) so a throw undoes all of it.
 * Parents before children (runs, nodes, then attempts and timers) for the foreign keys; timers are
 * cleared before they are set, so a changeset that does both leaves the new timer.
 */
export function applyChangeset(tables: Tables, changes: Changeset): void {
  if (changes.created) {
    const { run, nodes, lease } = changes.created;
    if (tables.runs.exists(run.id)) throw new ConflictError(`run ${run.id} already exists`);
    tables.runs.insert(run);
    if (lease) tables.runLeases.grant(run.id, lease.owner, lease.until);
    for (const node of nodes) tables.nodeRuns.insert(node);
  }
  const fence = changes.fence;
  if (fence && !tables.runLeases.holds(fence.runId, fence.owner, fence.epoch)) {
    throw new LeaseLostError(`run ${fence.runId} is no longer leased to this driver (epoch ${fence.epoch}); its step is not written`);
  }
  for (const run of changes.runs ?? []) tables.runs.upsert(run);
  for (const node of changes.nodes ?? []) tables.nodeRuns.upsert(node);
  for (const attempt of changes.attempts ?? []) {
    if (!tables.attempts.write(attempt)) {
      throw new StaleWriteError(
        `attempt ${attempt.number} of node ${attempt.nodeId} in run ${attempt.runId} is already finished; ` +
          'its result was recorded once and this late write is rejected',
      );
    }
  }
  for (const timer of changes.timersCleared ?? []) tables.timers.clear(timer.runId, timer.nodeId);
  for (const timer of changes.timersSet ?? []) tables.timers.set(timer);
  for (const record of changes.lastKnownGood ?? []) tables.lastKnownGood.upsert(record);
}
