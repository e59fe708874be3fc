import { beginAttempt } from './begin-attempt.js';
import { compensationsDue, producerOf, standInChain, undoneBy } from './compensation-order.js';
import { isCompensationStep } from '../graph.js';
import { resetTarget, touch, touchRun } from './state.js';
import type { Decision } from './state.js';
import { endRun, settleStopped } from './stop.js';

/**
 * semantics.md "Compensation": once the forward flow has stopped, the effects that stand are
 * undone one at a time, latest completion first.
 */

/** The forward flow has stopped and nothing is in flight: compensate, or end the run. */
export function beginCompensationOrEnd(d: Decision): void {
  settleStopped(d);
  const reason = d.state.run.stopReason;
  if (reason?.kind === 'outcome_unknown') return endRun(d, 'needs_attention');
  if (reason?.kind === 'cancelled' && !reason.compensate) return endRun(d, 'cancelled');
  if (compensationsDue(d.state.graph, d.state.nodes).length === 0) return endRun(d, reason?.kind === 'cancelled' ? 'cancelled' : 'failed');
  d.state.run.phase = 'compensating';
  touchRun(d);
}

/** Starts the next undo when none is running; ends the run when all are done. */
export function advanceCompensation(d: Decision): void {
  const { state } = d;
  const reason = state.run.stopReason;
  if (reason?.kind === 'cancelled' && !reason.compensate) {
    // Cancelled without compensation while compensating: no further undo is sent. The one
    // aborted in flight settles first (its attempt is recorded), then the run ends.
    if (state.inFlight.size === 0) endRun(d, 'cancelled');
    return;
  }
  for (const node of state.nodes.values()) {
    if (isCompensationStep(state.graph, node.nodeId) && (node.status === 'running' || node.status === 'retrying')) return;
  }
  const due = compensationsDue(state.graph, state.nodes);
  const next = due.find((n) => n.status === 'compensating') ?? due[0];
  if (!next) {
    const failedAny = [...state.nodes.values()].some((n) => n.status === 'compensation_failed');
    endRun(d, reason?.kind === 'cancelled' ? 'cancelled' : failedAny ? 'needs_attention' : 'compensated');
    return;
  }
  const producer = producerOf(state.nodes, next.nodeId)!;
  const undo = state.graph.compensation.get(producer)!;
  for (const id of standInChain(state.nodes, next.nodeId)) {
    const n = state.nodes.get(id)!;
    n.status = 'compensating';
    touch(d, n);
  }
  const target = state.nodes.get(undo)!;
  resetTarget(target);
  touch(d, target);
  beginAttempt(d, undo);
}

/** The undo through `producer`'s compensate edge ended: the node it undid is compensated, or not. */
export function compensationDone(d: Decision, producer: string, ok: boolean): void {
  const main = undoneBy(d.state.graph, d.state.nodes, producer);
  if (!main) return;
  for (const id of standInChain(d.state.nodes, main.nodeId)) {
    const n = d.state.nodes.get(id)!;
    n.status = ok ? 'compensated' : 'compensation_failed';
    touch(d, n);
  }
}
