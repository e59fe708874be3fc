import type { Clock, Engine, EngineEvent, RunRecord, Store, StoredWorkflow, Trigger } from '@switchyard/engine';
import { TERMINAL_RUN_STATUSES } from '@switchyard/engine';
import type { WebhookSettings } from '@switchyard/nodes';
import { accepted, fromRespondOutput, jsonAnswer, runFailed, type WebhookAnswer } from './webhook-answer.js';

export interface AnswerDeps {
  store: Pick<Store, 'getRun' | 'listNodeRuns'>;
  engine: Engine;
  clock: Clock;
}

function respondNodeIds(workflow: StoredWorkflow): Set<string> {
  return new Set(workflow.definition.nodes.filter((n) => n.type === 'respond').map((n) => n.id));
}

/** A sync webhook's answer once its run has ended, from the stored nodes (used for replays too). */
export async function answerForEndedRun(store: Pick<Store, 'listNodeRuns'>, run: RunRecord, respondIds: Set<string>): Promise<WebhookAnswer> {
  const nodes = await store.listNodeRuns(run.id);
  const responded = nodes.find((n) => respondIds.has(n.nodeId) && n.status === 'succeeded');
  if (responded) return fromRespondOutput(responded.output);
  if (run.status !== 'succeeded') return runFailed(run.id, run.status);
  const last = nodes
    .filter((n) => n.status === 'succeeded')
    .sort((a, b) => (b.completedSeq ?? -1) - (a.completedSeq ?? -1))[0];
  return jsonAnswer(200, last?.output ?? null);
}

/**
 * Starts the webhook's run and answers with the run committed: async at once (202); sync with a
 * `respond` node's output as soon as it runs, the run's end, or 202 after `timeoutMs`.
 */
export async function startAndAnswer(
  deps: AnswerDeps,
  workflow: StoredWorkflow,
  settings: WebhookSettings,
  trigger: Trigger,
  /** `runId`: the id the run must get (the one its idempotency key names). */
  options: { runId?: string } = {},
): Promise<{ runId: string; answer: WebhookAnswer }> {
  const { engine, store, clock } = deps;
  // The id is chosen here so that a sync delivery can listen to its run before it starts.
  const request = { workflowId: workflow.id, version: workflow.version, trigger, runId: options.runId ?? engine.newRunId() };
  if (settings.mode === 'async') {
    const run = await engine.startRun(request);
    return { runId: run.id, answer: accepted(run.id) };
  }
  const respondIds = respondNodeIds(workflow);
  // Subscribed before the run starts: a fast run's events must not pass before we listen.
  const early: EngineEvent[] = [];
  let onEvent: ((e: EngineEvent) => void) | undefined;
  const unsubscribe = engine.subscribe((e) => (onEvent ? onEvent(e) : early.push(e)), { runId: request.runId });
  try {
    const run = await engine.startRun(request);
    const answer = await new Promise<WebhookAnswer>((resolve, reject) => {
      let settled = false;
      const handle = clock.setTimer(clock.now() + settings.timeoutMs, () => {
        settled = true;
        resolve(accepted(run.id));
      });
      const settle = (a: WebhookAnswer): void => {
        settled = true;
        clock.clearTimer(handle);
        resolve(a);
      };
      onEvent = (e) => {
        if (e.type === 'node' && respondIds.has(e.node.nodeId) && e.node.status === 'succeeded') settle(fromRespondOutput(e.node.output));
      };
      for (const e of early.splice(0)) onEvent(e);
      engine.waitForRun(run.id).then(
        // Once a respond node (or the timeout) answered, the ended run needs no second look.
        (ended) => (!settled && TERMINAL_RUN_STATUSES.has(ended.status) ? answerForEndedRun(store, ended, respondIds).then(settle) : undefined),
        (err: unknown) => {
          clock.clearTimer(handle);
          reject(err);
        },
      ).catch(reject);
    });
    return { runId: run.id, answer };
  } finally {
    unsubscribe();
  }
}

/** The answer for a run another delivery with the same key started (its answer was not stored yet). */
export async function answerForExistingRun(deps: AnswerDeps, workflow: StoredWorkflow, settings: WebhookSettings, runId: string): Promise<WebhookAnswer> {
  if (settings.mode === 'async') return accepted(runId);
  const run = await deps.store.getRun(runId);
  if (!run) return accepted(runId);
  if (TERMINAL_RUN_STATUSES.has(run.status)) return answerForEndedRun(deps.store, run, respondNodeIds(workflow));
  return accepted(runId);
}
