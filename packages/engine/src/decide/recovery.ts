import { failure } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';
import { isCompensationStep } from '../graph.js';
import type { Graph } from '../graph.js';
import type { AttemptRecord, NodeRunRecord } from '../records.js';
import { attemptFailed, gaveUp } from './after-failure.js';
import { beginAttempt } from './begin-attempt.js';
import { emit, finishNode, isEnded, newNodeRun, nodeOf, resetForNewEpoch, touch, touchRun } from './state.js';
import type { Decision } from './state.js';
import { endRun, stopForward, stopTimer } from './stop.js';

/** A node started and not yet settled: what a poison step is blamed on. */
const UNSETTLED: ReadonlySet<string> = new Set(['running', 'retrying', 'deferred']);

/** Takes the run back after a restart: interrupted attempts, timers, sleeping delay nodes. */
export function recover(d: Decision, openAttempts: readonly AttemptRecord[]): void {
  const { state } = d;
  for (const a of openAttempts) {
    const node = state.nodes.get(a.nodeId);
    if (!node) continue;
    if (node.status === 'running' && node.nextAttemptAt !== null && d.facts.isPure(a.nodeId)) {
      state.sleeping.set(a.nodeId, a);
      emit(d, { type: 'arm_timer', nodeId: a.nodeId, at: node.nextAttemptAt });
      continue;
    }
    interrupted(d, node, a);
  }
  for (const node of state.nodes.values()) {
    if ((node.status === 'retrying' || node.status === 'deferred') && node.nextAttemptAt !== null) {
      emit(d, { type: 'arm_timer', nodeId: node.nodeId, at: node.nextAttemptAt });
    } else if (node.status === 'running' && node.fallbackIndex === null && !state.sleeping.has(node.nodeId)) {
      if (!openAttempts.some((a) => a.nodeId === node.nodeId)) restartLost(d, node);
    }
  }
}

/** semantics.md Durability: an interrupted attempt is recorded and repeated when that is safe. */
function interrupted(d: Decision, node: NodeRunRecord, a: AttemptRecord): void {
  const { state } = d;
  a.outcome = 'interrupted';
  a.finishedAt = d.now;
  a.durationMs = Math.max(0, d.now - a.startedAt);
  d.step.attempt(a);
  node.interruptions += 1;
  touch(d, node);
  if (node.interruptions >= d.maxInterruptions) {
    node.tries += 1;
    return attemptFailed(d, node.nodeId, failure('internal', `the node was interrupted ${node.interruptions} times (its worker was lost); giving up`));
  }
  if (!d.facts.isRetrySafe(node.nodeId, node.params)) {
    const f = failure('internal', 'outcome unknown: the attempt was interrupted and this node is not retry-safe, so it was not repeated');
    node.error = f;
    finishNode(d, node, 'failed');
    if (state.run.phase === 'forward' && !state.run.stopReason) {
      state.run.stopReason = { kind: 'outcome_unknown', nodeId: node.nodeId };
      touchRun(d);
      stopForward(d);
    } else if (isCompensationStep(state.graph, node.nodeId)) {
      gaveUp(d, node.nodeId, f);
    }
    return;
  }
  beginAttempt(d, node.nodeId);
}

/** A node recorded as running whose attempt was never committed: start it again. */
function restartLost(d: Decision, node: NodeRunRecord): void {
  if (d.state.graph.roles.get(node.nodeId)?.kind === 'main' && d.state.run.phase === 'forward') {
    node.status = 'pending';
    touch(d, node);
  } else {
    beginAttempt(d, node.nodeId);
  }
}

/** Cancels a run as it is taken back, running nothing first: its open attempts end cancelled. */
export function cancelOnLoad(d: Decision, openAttempts: readonly AttemptRecord[], compensate: boolean): void {
  for (const a of openAttempts) {
    a.outcome = 'cancelled';
    a.finishedAt = d.now;
    a.durationMs = Math.max(0, d.now - a.startedAt);
    a.error = failure('cancelled', 'the run was cancelled while it was being taken back');
    d.step.attempt(a);
  }
  d.state.run.stopReason = { kind: 'cancelled', compensate };
  touchRun(d);
  stopForward(d);
}

export function cancel(d: Decision, compensate: boolean): void {
  const { state } = d;
  if (isEnded(d)) return;
  state.run.stopReason = { kind: 'cancelled', compensate };
  touchRun(d);
  if (state.run.phase === 'compensating' && compensate) return;
  emit(d, { type: 'abort_attempts' });
  stopForward(d);
  if (state.run.phase === 'compensating') {
    // Without compensation the undo in progress is abandoned; the node's effect stands.
    for (const n of state.nodes.values()) {
      if (n.status === 'compensating') {
        n.status = 'succeeded';
        touch(d, n);
      }
    }
    if (state.inFlight.size === 0) endRun(d, 'cancelled');
  }
}

/** Restart a run from a safe state (semantics.md Resume), optionally on another version. */
export function resume(d: Decision, graph: Graph, version: number): void {
  const { state } = d;
  state.graph = graph;
  state.run.workflowVersion = version;
  for (const id of graph.order) {
    const existing = state.nodes.get(id);
    if (!existing) {
      const fresh = newNodeRun(state.run.id, id);
      state.nodes.set(id, fresh);
      touch(d, fresh);
      continue;
    }
    const stands = (existing.status === 'succeeded' || existing.status === 'compensation_failed') && !isCompensationStep(graph, id);
    if (!stands) resetForNewEpoch(existing);
    else if (existing.status === 'compensation_failed') existing.status = 'succeeded';
    else continue;
    touch(d, existing);
  }
  Object.assign(state.run, { status: 'running', phase: 'forward', stopReason: null, finishedAt: null, degraded: false });
  touchRun(d);
}

/**
 * A step failed the same way too often (a poison run): the nodes it was working on fail with
 * `f` and the run takes its normal failure path (fallback, compensation). With `outright`,
 * that path failed too: every unfinished node fails and the run ends failed at once.
 */
export function giveUp(d: Decision, nodeIds: readonly string[], f: Failure, outright: boolean): void {
  const { state } = d;
  if (isEnded(d)) return;
  emit(d, { type: 'abort_attempts' });
  if (outright || nodeIds.length === 0) {
    for (const node of state.nodes.values()) {
      if (UNSETTLED.has(node.status)) {
        node.error ??= f;
        finishNode(d, node, 'failed');
      } else if (node.status === 'compensating') {
        node.status = 'compensation_failed';
        touch(d, node);
      }
    }
    state.run.stopReason ??= { kind: 'node_failed', nodeId: nodeIds[0] ?? state.graph.triggerId, failure: f };
    return endRun(d, 'failed');
  }
  for (const id of nodeIds) {
    const node = state.nodes.get(id);
    if (!node || !(UNSETTLED.has(node.status) || node.status === 'pending')) continue;
    state.sleeping.delete(id);
    stopTimer(d, id);
    nodeOf(d, id).nextAttemptAt = null;
    gaveUp(d, id, f);
  }
}
