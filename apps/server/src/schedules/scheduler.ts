import type { Clock, Engine, Logger, Store, StoredWorkflow, TimerHandle } from '@switchyard/engine';
import type { ScheduleStore } from '../ports/index.js';
import { IDEMPOTENCY_WINDOW_MS } from '../webhooks/idempotency.js';
import { fireScheduledTime } from './fire.js';
import { DEFAULT_CATCH_UP_WINDOW_MS, DEFAULT_MAX_TIMER_STEP_MS, planNext } from './plan.js';
import { scheduleTriggerOf, type ScheduleTrigger } from './schedule-trigger.js';

/** Keys older than the idempotency window are pruned at most this often by the scheduler. */
const PRUNE_EVERY_MS = 60 * 60_000;

export interface SchedulerOptions {
  catchUpWindowMs?: number;
  maxTimerStepMs?: number;
}

export interface SchedulerDeps {
  store: ScheduleStore & Pick<Store, 'listWorkflows' | 'getWorkflow' | 'pruneIdempotencyKeys' | 'claimIdempotencyKey' | 'getRun'>;
  engine: Pick<Engine, 'startRun' | 'newRunId'>;
  clock: Clock;
  log: Logger;
  options?: SchedulerOptions;
}

/**
 * Fires the schedule triggers of active workflows. The server owns activation, so it owns
 * this too: every change of a workflow goes through `refresh`, and `start` plans them all.
 */
export interface Scheduler {
  /** Plans every active workflow's schedule; a time missed while the server was down fires now if recent enough. */
  start(): Promise<void>;
  /** Re-reads one workflow after it was created, updated, activated, deactivated or deleted, and re-plans it. */
  refresh(workflowId: string): Promise<void>;
  /** The next time the workflow's schedule fires, while it is planned. */
  nextFireAt(workflowId: string): number | undefined;
  /** Resolves once no fire or re-plan is in progress. */
  idle(): Promise<void>;
  /** Clears every timer and lets a fire in progress finish; nothing fires after it. */
  stop(): Promise<void>;
}

interface Planned {
  readonly workflowId: string;
  readonly trigger: ScheduleTrigger;
  dueAt: number | undefined;
  timer: TimerHandle | undefined;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { store, clock, log } = deps;
  const catchUpWindowMs = deps.options?.catchUpWindowMs ?? DEFAULT_CATCH_UP_WINDOW_MS;
  const maxTimerStepMs = deps.options?.maxTimerStepMs ?? DEFAULT_MAX_TIMER_STEP_MS;
  const planned = new Map<string, Planned>();
  // Fires and re-plans run one at a time, in order: a re-plan never interleaves with a fire of the same workflow.
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
  let stopped = false;
  let lastPrunedAt = Number.NEGATIVE_INFINITY;

  function enqueue(what: string, work: () => Promise<void>): Promise<void> {
    pending += 1;
    const done = queue
      .then(work)
      .catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, `scheduler: ${what} failed`))
      .finally(() => {
        pending -= 1;
      });
    queue = done;
    return done;
  }

  function drop(workflowId: string): void {
    const entry = planned.get(workflowId);
    if (entry?.timer !== undefined) clock.clearTimer(entry.timer);
    planned.delete(workflowId);
  }

  /** Plans `trigger` owing the times after `after`. */
  function install(workflowId: string, trigger: ScheduleTrigger, after: number): void {
    drop(workflowId);
    const entry: Planned = { workflowId, trigger, dueAt: planNext(trigger.schedule, after, clock.now(), catchUpWindowMs), timer: undefined };
    planned.set(workflowId, entry);
    arm(entry);
  }

  /** Fires the entry now if it is due, else sleeps towards its due time in bounded steps. */
  function arm(entry: Planned): void {
    if (stopped || entry.dueAt === undefined || planned.get(entry.workflowId) !== entry) return;
    const now = clock.now();
    if (entry.dueAt <= now) {
      void enqueue('a scheduled fire', () => fire(entry));
      return;
    }
    entry.timer = clock.setTimer(Math.min(entry.dueAt, now + maxTimerStepMs), () => {
      entry.timer = undefined;
      arm(entry);
    });
  }

  async function fire(entry: Planned): Promise<void> {
    const at = entry.dueAt;
    if (stopped || at === undefined || planned.get(entry.workflowId) !== entry) return;
    try {
      const workflow = await store.getWorkflow(entry.workflowId);
      // Changed since it was planned (the refresh that follows the change may still be queued): follow the store.
      if (!workflow?.active || scheduleTriggerOf(workflow.definition)?.planKey !== entry.trigger.planKey) {
        await replan(entry.workflowId, workflow);
        return;
      }
      await pruneKeys();
      const outcome = await fireScheduledTime(deps, workflow, entry.trigger.nodeId, at);
      const fields = { workflowId: workflow.id, firedAt: new Date(at).toISOString(), ...outcome };
      if (outcome.kind === 'refused') log.warn(fields, 'scheduled run not started');
      else log.info(fields, outcome.kind === 'started' ? 'scheduled run started' : 'scheduled time already had its run');
    } finally {
      // Whatever happened, this time is dealt with: the plan moves on rather than retrying it forever.
      if (planned.get(entry.workflowId) === entry) {
        entry.dueAt = planNext(entry.trigger.schedule, at, clock.now(), catchUpWindowMs);
        arm(entry);
      }
    }
  }

  async function replan(workflowId: string, workflow: StoredWorkflow | undefined): Promise<void> {
    const trigger = workflow?.active ? scheduleTriggerOf(workflow.definition) : undefined;
    if (trigger === undefined) {
      drop(workflowId);
      return;
    }
    // The same times as planned: keep the plan (and its due time).
    if (planned.get(workflowId)?.trigger.planKey === trigger.planKey) return;
    // Newly active, or new times: nothing before now is owed.
    install(workflowId, trigger, clock.now());
  }

  async function pruneKeys(): Promise<void> {
    const now = clock.now();
    if (now - lastPrunedAt < PRUNE_EVERY_MS) return;
    lastPrunedAt = now;
    await store.pruneIdempotencyKeys(now - IDEMPOTENCY_WINDOW_MS);
  }

  return {
    start: () =>
      enqueue('planning the schedules', async () => {
        for (const summary of await store.listWorkflows()) {
          if (stopped || !summary.active) continue;
          const workflow = await store.getWorkflow(summary.id);
          const trigger = workflow === undefined ? undefined : scheduleTriggerOf(workflow.definition);
          if (workflow === undefined || trigger === undefined) continue;
          const fired = await store.getScheduleFire(workflow.id, trigger.nodeId);
          // Owed: times after the last fire, while the workflow was active as it is now (unchanged since `updatedAt`).
          const after = Math.max(workflow.updatedAt, fired?.lastFiredAt ?? Number.NEGATIVE_INFINITY);
          const missed = trigger.schedule.nextAfter(after);
          if (missed !== undefined && missed < clock.now() - catchUpWindowMs) {
            log.warn({ workflowId: workflow.id, firstMissed: new Date(missed).toISOString() }, 'scheduled times passed while the server was down; they are not fired, except the latest if it is within the catch-up window');
          }
          install(workflow.id, trigger, after);
        }
      }),
    refresh: (workflowId) =>
      enqueue('re-planning a workflow', async () => {
        if (!stopped) await replan(workflowId, await store.getWorkflow(workflowId));
      }),
    nextFireAt: (workflowId) => planned.get(workflowId)?.dueAt,
    async idle() {
      while (pending > 0) await queue;
    },
    async stop() {
      stopped = true;
      for (const entry of planned.values()) if (entry.timer !== undefined) clock.clearTimer(entry.timer);
      planned.clear();
      while (pending > 0) await queue;
    },
  };
}
