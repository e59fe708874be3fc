import { EngineError } from '@switchyard/engine';
import type { Clock, Engine, Store, StoredWorkflow, Trigger } from '@switchyard/engine';
import { ConflictError } from '../ports/index.js';
import type { ScheduleStore } from '../ports/index.js';

export type FireOutcome =
  | { kind: 'started'; runId: string }
  /** This scheduled time already has its run (fired before a restart). */
  | { kind: 'duplicate'; runId: string }
  /** The engine refused the run (at capacity, stopping): the time is not fired again. */
  | { kind: 'refused'; reason: string };

export interface FireDeps {
  store: Pick<Store, 'claimIdempotencyKey' | 'getRun'> & Pick<ScheduleStore, 'recordScheduleFire'>;
  engine: Pick<Engine, 'startRun' | 'newRunId'>;
  clock: Clock;
}

/** The idempotency scope and key of one scheduled time of one workflow's schedule trigger. */
export function scheduleKey(workflowId: string, nodeId: string, firedAt: string): { scope: string; key: string } {
  return { scope: `schedule:${workflowId}`, key: `${nodeId}@${firedAt}` };
}

/**
 * Starts the run for one scheduled time, at most once across restarts: like a webhook delivery
 * with an idempotency key, the key (workflow, trigger, scheduled time) is claimed naming the
 * run before the run starts, and a key that names a committed run is not started again. Then
 * the time is recorded as the trigger's last fired time.
 */
export async function fireScheduledTime(deps: FireDeps, workflow: StoredWorkflow, nodeId: string, at: number): Promise<FireOutcome> {
  const { store, engine, clock } = deps;
  const firedAt = new Date(at).toISOString();
  const { scope, key } = scheduleKey(workflow.id, nodeId, firedAt);
  const candidate = engine.newRunId();
  const claim = await store.claimIdempotencyKey({ scope, key, runId: candidate, response: null, createdAt: clock.now() });
  const runId = claim.claimed ? candidate : claim.existing.runId;
  let outcome: FireOutcome;
  if (!claim.claimed && (await store.getRun(runId)) !== undefined) {
    outcome = { kind: 'duplicate', runId };
  } else {
    // A claimed key whose run is missing: the earlier attempt died between claim and start; start it now under that id.
    const trigger: Trigger = { kind: 'schedule', firedAt };
    try {
      await engine.startRun({ workflowId: workflow.id, version: workflow.version, trigger, runId });
      outcome = { kind: 'started', runId };
    } catch (err) {
      if (err instanceof ConflictError) outcome = { kind: 'duplicate', runId };
      else if (err instanceof EngineError) outcome = { kind: 'refused', reason: err.message };
      else throw err;
    }
  }
  await store.recordScheduleFire({ workflowId: workflow.id, nodeId, lastFiredAt: at });
  return outcome;
}
