import type { Json } from '@switchyard/schema';
import type { Graph } from '../graph.js';
import type { AttemptRecord, NodeRunRecord, RunMode, RunRecord, Trigger } from '../records.js';
import { newNodeRun } from './state.js';

/**
 * A new run as it is first written: queued, every node pending but the trigger, whose output is
 * the run's trigger. Recorded with the run, the trigger needs no step of its own.
 */
export function newRun(
  started: { id: string; workflowId: string; workflowVersion: number; trigger: Trigger; mode: RunMode },
  graph: Graph,
  now: number,
): { run: RunRecord; nodes: NodeRunRecord[]; triggerAttempt: AttemptRecord } {
  const run: RunRecord = {
    ...started,
    status: 'queued',
    degraded: false,
    phase: 'forward',
    createdAt: now,
    startedAt: now,
    finishedAt: null,
    stopReason: null,
    completionSeq: 1,
  };
  const trigger = run.trigger as unknown as Json;
  const nodes = graph.order.map((id) => newNodeRun(run.id, id));
  const node = nodes.find((n) => n.nodeId === graph.triggerId)!;
  Object.assign(node, { status: 'succeeded', source: 'self', input: trigger, output: trigger, startedAt: now, finishedAt: now, lastAttempt: 1, tries: 1, completedSeq: 1 });
  const triggerAttempt: AttemptRecord = {
    runId: run.id,
    nodeId: graph.triggerId,
    number: 1,
    epoch: 1,
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    outcome: 'succeeded',
    error: null,
    delayBeforeMs: 0,
    request: null,
    response: null,
  };
  return { run, nodes, triggerAttempt };
}
