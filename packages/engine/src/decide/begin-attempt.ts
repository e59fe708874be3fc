import type { AttemptRecord } from '../records.js';
import { emit, inputOf, touch } from './state.js';
import type { Decision } from './state.js';

/**
 * A node's next attempt begins: the node is running and its attempt is asked to be prepared. A
 * pure node's attempt then runs inside the step; any other is committed as started, then sent.
 */
export function beginAttempt(d: Decision, nodeId: string): void {
  const node = d.state.nodes.get(nodeId);
  if (!node || !d.state.graph.nodes.has(nodeId)) return;
  const input = inputOf(d.state, nodeId);
  node.status = 'running';
  node.startedAt ??= d.now;
  node.input = input;
  node.nextAttemptAt = null;
  node.lastAttempt += 1;
  touch(d, node);
  const attempt: AttemptRecord = {
    runId: d.state.run.id,
    nodeId,
    number: node.lastAttempt,
    epoch: node.epoch,
    startedAt: d.now,
    finishedAt: null,
    durationMs: null,
    outcome: null,
    error: null,
    delayBeforeMs: d.state.scheduledDelay.get(nodeId) ?? 0,
    request: null,
    response: null,
  };
  d.state.scheduledDelay.delete(nodeId);
  emit(d, { type: 'start_attempt', nodeId, attempt });
}
