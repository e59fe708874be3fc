import { failure } from '@switchyard/schema';
import type { RunStatus } from '../records.js';
import { closeAttempt, emit, finishNode, touchRun } from './state.js';
import type { Decision } from './state.js';

/** Run failing or cancelled: nodes not started end skipped (or cancelled), timers stop. */
export function stopForward(d: Decision): void {
  const { state } = d;
  const cancelled = state.run.stopReason?.kind === 'cancelled';
  for (const node of state.nodes.values()) {
    const role = state.graph.roles.get(node.nodeId)?.kind;
    const asleep = state.sleeping.get(node.nodeId);
    if (node.status === 'pending' && role === 'main') finishNode(d, node, cancelled ? 'cancelled' : 'skipped');
    else if (node.status === 'retrying' || node.status === 'deferred' || asleep) {
      if (asleep) {
        state.sleeping.delete(node.nodeId);
        closeAttempt(d, asleep, { ok: false, failure: failure('cancelled', 'the run stopped') });
      }
      stopTimer(d, node.nodeId);
      finishNode(d, node, 'cancelled');
    }
  }
}

/** Nodes still waiting on a fallback that can no longer run end with the run. */
export function settleStopped(d: Decision): void {
  const cancelled = d.state.run.stopReason?.kind === 'cancelled';
  for (const node of d.state.nodes.values()) {
    if (node.status === 'running' && !d.state.inFlight.has(node.nodeId)) finishNode(d, node, cancelled ? 'cancelled' : 'failed');
  }
}

/** The node's timer neither fires nor stays stored. */
export function stopTimer(d: Decision, nodeId: string): void {
  emit(d, { type: 'disarm_timer', nodeId });
  d.step.clearTimer(nodeId);
}

export function endRun(d: Decision, status: RunStatus): void {
  const { state } = d;
  for (const node of state.nodes.values()) {
    if (node.status === 'pending') finishNode(d, node, 'skipped');
    else if (node.status === 'retrying' || node.status === 'deferred' || node.status === 'running') {
      stopTimer(d, node.nodeId);
      finishNode(d, node, 'cancelled');
    }
  }
  Object.assign(state.run, { status, phase: 'ended', finishedAt: d.now, degraded: status === 'succeeded' && isDegraded(d) });
  touchRun(d);
}

/** Succeeded, but not the normal way: a stand-in output or an optional step that failed. */
function isDegraded(d: Decision): boolean {
  for (const node of d.state.nodes.values()) {
    if (d.state.graph.roles.get(node.nodeId)?.kind !== 'main') continue;
    if (node.status === 'failed') return true;
    if (node.source !== null && node.source !== 'self') return true;
  }
  return false;
}
