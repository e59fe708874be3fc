import type { Failure, Json } from '@switchyard/schema';
import type { ExecutionResult } from '../ports.js';
import type { AttemptRecord } from '../records.js';
import { attemptFailed, wakeDeferred } from './after-failure.js';
import { beginAttempt } from './begin-attempt.js';
import { closeAttempt, emit, finishNode, nodeOf } from './state.js';
import type { Decision } from './state.js';
import { succeeded } from './success.js';

/** An attempt's preparation answered: a pure node runs now, any other is sent once committed. */
export function attemptPrepared(d: Decision, nodeId: string, attempt: AttemptRecord, params: Json): void {
  const node = nodeOf(d, nodeId);
  node.params = params;
  if (d.facts.isPure(nodeId)) {
    emit(d, { type: 'execute_inline', nodeId, attempt });
    return;
  }
  d.step.attempt(attempt);
  d.state.inFlight.set(nodeId, attempt);
  emit(d, { type: 'send_attempt', nodeId, attempt, isRetry: node.tries > 0 });
}

/** The attempt failed before its executor ran (no executor, a missing integration, a bad template). */
export function attemptNotStarted(d: Decision, nodeId: string, attempt: AttemptRecord, f: Failure, counted: boolean): void {
  closeAttempt(d, attempt, { ok: false, failure: f });
  if (counted) nodeOf(d, nodeId).tries += 1;
  attemptFailed(d, nodeId, f);
}

export function attemptFinished(d: Decision, nodeId: string, attempt: AttemptRecord, result: ExecutionResult): void {
  const { state } = d;
  const node = nodeOf(d, nodeId);
  if (result.ok && result.sleepUntil !== undefined && d.facts.isPure(nodeId)) return fallAsleep(d, nodeId, attempt, result.output, result.sleepUntil);
  // An answer to an attempt that is no longer the node's current one changes nothing.
  const flight = state.inFlight.get(nodeId);
  if (flight && flight !== attempt) return;
  state.inFlight.delete(nodeId);
  closeAttempt(d, attempt, result);
  node.tries += 1;
  if (result.ok) return succeeded(d, nodeId, result.output, 'self', result);
  if (result.failure.category === 'cancelled' && state.run.stopReason?.kind === 'cancelled') {
    node.error = result.failure;
    finishNode(d, node, 'cancelled');
    return;
  }
  attemptFailed(d, nodeId, result.failure);
}

/** A delay node: its attempt stays open until its timer fires, then it succeeds with `output`. */
function fallAsleep(d: Decision, nodeId: string, attempt: AttemptRecord, output: Json, until: number): void {
  const node = nodeOf(d, nodeId);
  node.output = output;
  node.nextAttemptAt = until;
  d.state.sleeping.set(nodeId, attempt);
  d.step.attempt(attempt);
  d.step.setTimer({ runId: d.state.run.id, nodeId, kind: 'delay', dueAt: until });
  emit(d, { type: 'arm_timer', nodeId, at: until });
}

/** A node's timer fired: a delay wakes, a retry is due, a deferred node checks its dependency. */
export function timerFired(d: Decision, nodeId: string): void {
  const node = d.state.nodes.get(nodeId);
  if (!node || node.nextAttemptAt === null) return;
  if (node.nextAttemptAt > d.now) {
    emit(d, { type: 'arm_timer', nodeId, at: node.nextAttemptAt });
    return;
  }
  const asleep = d.state.sleeping.get(nodeId);
  if (node.status === 'running' && asleep) {
    d.state.sleeping.delete(nodeId);
    d.step.clearTimer(nodeId);
    node.nextAttemptAt = null;
    closeAttempt(d, asleep, { ok: true, output: node.output });
    succeeded(d, nodeId, node.output, 'self', node);
  } else if (node.status === 'retrying') {
    d.step.clearTimer(nodeId);
    node.nextAttemptAt = null;
    beginAttempt(d, nodeId);
  } else if (node.status === 'deferred') {
    d.step.clearTimer(nodeId);
    node.nextAttemptAt = null;
    wakeDeferred(d, nodeId);
  }
}
