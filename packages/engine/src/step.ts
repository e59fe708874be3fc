import type { Changeset } from './ports.js';
import type { AttemptRecord, LastKnownGoodRecord, NodeRunRecord, RunRecord, TimerRecord } from './records.js';

/**
 * The state changes of one engine step, committed in one transaction before any of the step's
 * effects (the commands that reach outside the run: sending attempts, arming timers) happen.
 */
export class Step {
  runChanged = false;
  readonly nodes = new Set<string>();
  readonly attempts = new Map<string, AttemptRecord>();
  readonly timersSet = new Map<string, TimerRecord>();
  readonly timersCleared = new Set<string>();
  readonly lastKnownGood: LastKnownGoodRecord[] = [];
  /** A pure node already ran in this step; further ready pure nodes wait for the next step. */
  pureRan = false;
  /** More work became ready that this step left for the next one. */
  moreWork = false;

  attempt(a: AttemptRecord): void {
    this.attempts.set(`${a.nodeId}#${a.number}`, a);
  }

  setTimer(t: TimerRecord): void {
    this.timersCleared.delete(t.nodeId);
    this.timersSet.set(t.nodeId, t);
  }

  clearTimer(nodeId: string): void {
    this.timersSet.delete(nodeId);
    this.timersCleared.add(nodeId);
  }

  isEmpty(): boolean {
    return (
      !this.runChanged &&
      this.nodes.size === 0 &&
      this.attempts.size === 0 &&
      this.timersSet.size === 0 &&
      this.timersCleared.size === 0 &&
      this.lastKnownGood.length === 0
    );
  }

  toChangeset(run: RunRecord, nodes: ReadonlyMap<string, NodeRunRecord>): Changeset {
    const changes: Changeset = {};
    if (this.runChanged) changes.runs = [{ ...run }];
    if (this.nodes.size > 0) {
      changes.nodes = [...this.nodes].flatMap((id) => {
        const n = nodes.get(id);
        return n ? [{ ...n }] : [];
      });
    }
    if (this.attempts.size > 0) changes.attempts = [...this.attempts.values()].map((a) => ({ ...a }));
    if (this.timersSet.size > 0) changes.timersSet = [...this.timersSet.values()];
    if (this.timersCleared.size > 0) {
      changes.timersCleared = [...this.timersCleared].map((nodeId) => ({ runId: run.id, nodeId }));
    }
    if (this.lastKnownGood.length > 0) changes.lastKnownGood = this.lastKnownGood;
    return changes;
  }
}
