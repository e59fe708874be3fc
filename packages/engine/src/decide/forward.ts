import type { RunStatus } from '../records.js';
import { beginAttempt } from './begin-attempt.js';
import { advanceCompensation, beginCompensationOrEnd } from './compensation.js';
import { readiness } from './flow.js';
import { finishNode, isEnded, touchRun } from './state.js';
import type { Decision } from './state.js';
import { endRun } from './stop.js';

/** semantics.md "Flow" guard: a run whose state keeps changing without end is an engine bug. */
const MAX_PASSES = 10_000;

/**
 * What the run does next: skips what can no longer run, begins at most one attempt (the driver
 * asks again once it is under way, so a start that fails the run is seen before the next one),
 * compensates once stopped, and ends the run when nothing is left. Makes no command when settled.
 */
export function advance(d: Decision): void {
  const { state, step } = d;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (isEnded(d)) return;
    if (state.run.phase === 'compensating') return advanceCompensation(d);
    if (state.run.stopReason) {
      if (state.inFlight.size > 0) return;
      beginCompensationOrEnd(d);
      continue;
    }
    if (state.run.status === 'queued' || state.run.status === 'waiting') {
      state.run.status = 'running';
      touchRun(d);
    }
    let skipped = false;
    let busy = false;
    for (const id of state.graph.order) {
      const node = state.nodes.get(id)!;
      if (state.graph.roles.get(id)?.kind !== 'main') continue;
      if (node.status !== 'pending') {
        if (node.status === 'running' || node.status === 'retrying' || node.status === 'deferred') busy = true;
        continue;
      }
      const r = readiness(state.graph, id, state.nodes, d.facts.joinsOnFirst(id) ? 'first' : 'all');
      if (r === 'skip') {
        finishNode(d, node, 'skipped');
        skipped = true;
      } else if (r === 'ready') {
        // One pure node a step: a long chain of them is committed step by step, not in one go.
        if (d.facts.isPure(id)) {
          if (step.pureRan) {
            step.moreWork = true;
            busy = true;
            continue;
          }
          step.pureRan = true;
        }
        return beginAttempt(d, id);
      }
    }
    if (skipped) continue;
    if (!busy && state.inFlight.size === 0) return endRun(d, 'succeeded');
    const status: RunStatus = state.inFlight.size === 0 && !step.moreWork ? 'waiting' : 'running';
    if (state.run.status !== status) {
      state.run.status = status;
      touchRun(d);
    }
    return;
  }
  throw new Error('the run did not settle (engine bug)');
}
