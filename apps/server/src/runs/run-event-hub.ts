import type { AttemptRecord, Engine, EngineEvent, NodeRunPreview, NodeRunRecord, RunRecord, Store } from '@switchyard/engine';
import { TERMINAL_RUN_STATUSES } from '@switchyard/engine';
import { compensationOf } from './load-run.js';
import { LIVE_CUT_BYTES, presentNode, presentRunSummary } from './present-run.js';

/**
 * Live updates of one run, shared by everyone watching it.
 *
 * The cost of an event must not grow with the number of viewers, and a viewer that reads slowly
 * (or not at all) must not make the server hold more for it. So the hub, not each connection,
 * listens to the engine and turns each change into its `event:` frame once. It keeps only the
 * latest frame of the run and of each node: events carry state, not deltas, so a viewer that
 * falls behind skips to the latest state of what changed instead of queueing every step. A
 * viewer holds just the set of keys that changed since it last wrote (at most one per node, plus
 * the run) and writes the next one when its socket has room, so what a stalled connection costs
 * is bounded by the frames of one run, shared with every other viewer.
 *
 * Frames carry values cut at 64 KiB (present-run.ts); the full values are fetched on demand
 * from the node and attempt routes.
 */

/** `run` or `node:<id>`: what a frame is the latest state of. */
type FrameKey = string;
const RUN_KEY: FrameKey = 'run';
const nodeKey = (nodeId: string): FrameKey => `node:${nodeId}`;

export interface Frame {
  event: 'run' | 'node';
  /** The JSON text of the event's data, made once for every viewer. */
  data: string;
}

/** One connection's view: what changed since it last wrote, and a way to be told of more. */
export interface RunViewer {
  /** The next frame to write (the run first; later, nodes before the run, so a final run state is written last), or undefined when up to date. */
  next(): Frame | undefined;
  /** Whether the run has ended and this viewer has written everything. */
  readonly finished: boolean;
  /** Resolves when there is something new (or the run ended). */
  changed(): Promise<void>;
  close(): void;
}

interface Hub {
  frames: Map<FrameKey, Frame>;
  ended: boolean;
  /** No longer told of changes: the run ended, or its last viewer left. */
  closed: boolean;
  viewers: Set<ViewerState>;
  close(): void;
}

interface HubEntry {
  hub: Promise<Hub>;
}

interface ViewerState {
  dirty: Set<FrameKey>;
  /** Nothing written yet: a new viewer hears of the run first. */
  fresh: boolean;
  wake: (() => void) | undefined;
}

export interface RunEventHubs {
  /** Watches `run`: the viewer starts with every frame of its current state marked to write. */
  watch(run: RunRecord): Promise<RunViewer>;
  /** How many runs are watched now (for tests and metrics). */
  readonly watchedRuns: number;
}

export function createRunEventHubs(deps: { store: Pick<Store, 'getRun' | 'listNodeRunPreviews' | 'listAttempts' | 'getWorkflowVersion'>; engine: Engine }): RunEventHubs {
  const { store, engine } = deps;
  const hubs = new Map<string, HubEntry>();

  async function openHub(run: RunRecord, entry: HubEntry): Promise<Hub> {
    const hub: Hub = { frames: new Map(), ended: false, closed: false, viewers: new Set(), close: () => close() };
    // Subscribed before reading the state, so a change between the read and the subscription is
    // applied after it (state, not deltas: applying it twice is harmless).
    const pending: EngineEvent[] = [];
    let draining: Promise<void> | undefined;
    let loaded = false;
    const unsubscribe = engine.subscribe(
      (event) => {
        pending.push(event);
        if (loaded) draining ??= drainSoon();
      },
      { runId: run.id },
    );

    const [current, previews, attempts, version] = await Promise.all([
      store.getRun(run.id),
      // Large values as the start of their text, cut by the store: opening a hub parses no megabytes.
      store.listNodeRunPreviews(run.id, LIVE_CUT_BYTES),
      store.listAttempts(run.id),
      store.getWorkflowVersion(run.workflowId, run.workflowVersion),
    ]);
    // What compensation shows needs each node's status and source only: kept here, so a node
    // event never reloads the run's other nodes (and their outputs).
    const statuses = new Map<string, Pick<NodeRunRecord, 'status' | 'source'>>(previews.map(({ node }) => [node.nodeId, { status: node.status, source: node.source }]));
    const compensation = compensationOf(version, statuses);
    const byNode = new Map<string, AttemptRecord[]>();
    for (const a of attempts) byNode.set(a.nodeId, [...(byNode.get(a.nodeId) ?? []), a]);

    const setRun = (record: RunRecord): void => {
      hub.frames.set(RUN_KEY, { event: 'run', data: JSON.stringify(presentRunSummary(record)) });
      if (TERMINAL_RUN_STATUSES.has(record.status)) hub.ended = true;
      markDirty(RUN_KEY);
    };
    const setNode = (node: NodeRunRecord, nodeAttempts: AttemptRecord[], cut?: NodeRunPreview['cut']): void => {
      statuses.set(node.nodeId, { status: node.status, source: node.source });
      hub.frames.set(nodeKey(node.nodeId), { event: 'node', data: JSON.stringify(presentNode(node, nodeAttempts, compensation(node.nodeId), cut, LIVE_CUT_BYTES)) });
      markDirty(nodeKey(node.nodeId));
    };
    const markDirty = (key: FrameKey): void => {
      for (const viewer of hub.viewers) {
        viewer.dirty.add(key);
        viewer.wake?.();
      }
    };

    for (const { node, cut } of previews) setNode(node, byNode.get(node.nodeId) ?? [], cut);
    setRun(current ?? run);

    /** Drains on the next turn of the loop, so a step's events, told together, form one batch. */
    function drainSoon(): Promise<void> {
      return new Promise<void>((resolve) => setImmediate(resolve)).then(drain);
    }

    /** Applies the engine's events in order, nodes of a batch before its run change. */
    async function drain(): Promise<void> {
      try {
        while (pending.length > 0) {
          const batch = pending.splice(0);
          // The engine tells a step's run change before its node changes: the step's nodes go
          // first, so a final run state follows every node state of that step.
          for (const event of batch) {
            if (event.type !== 'node') continue;
            setNode(event.node, await store.listAttempts(run.id, event.node.nodeId));
          }
          for (const event of batch) if (event.type === 'run') setRun(event.run);
        }
      } finally {
        draining = undefined;
        if (hub.ended) close();
      }
    }

    function close(): void {
      if (hub.closed) return;
      hub.closed = true;
      unsubscribe();
      if (hubs.get(run.id) === entry) hubs.delete(run.id);
      for (const viewer of hub.viewers) viewer.wake?.();
    }
    loaded = true;
    if (hub.ended) close();
    else if (pending.length > 0) draining ??= drainSoon();
    return hub;
  }

  return {
    get watchedRuns() {
      return hubs.size;
    },
    async watch(run) {
      let hub: Hub;
      for (;;) {
        let entry = hubs.get(run.id);
        if (entry === undefined) {
          // The entry exists before the hub does, so a hub closing can tell whether it is still the current one.
          const created = {} as HubEntry;
          created.hub = openHub(run, created);
          created.hub.catch(() => {
            if (hubs.get(run.id) === created) hubs.delete(run.id);
          });
          hubs.set(run.id, created);
          entry = created;
        }
        hub = await entry.hub;
        // Its last viewer left while this one was joining: open it afresh.
        if (!hub.closed || hub.ended) break;
      }
      const state: ViewerState = { dirty: new Set(hub.frames.keys()), fresh: true, wake: undefined };
      hub.viewers.add(state);
      return {
        next() {
          if (state.fresh) {
            // The run first, then its nodes; a run that has ended is told again after them, so
            // a stream's last event is always the run's final state.
            state.fresh = false;
            if (!hub.ended) state.dirty.delete(RUN_KEY);
            return hub.frames.get(RUN_KEY);
          }
          let key: FrameKey | undefined;
          for (const k of state.dirty) {
            if (k !== RUN_KEY) {
              key = k;
              break;
            }
          }
          if (key === undefined && state.dirty.has(RUN_KEY)) key = RUN_KEY;
          if (key === undefined) return undefined;
          state.dirty.delete(key);
          return hub.frames.get(key);
        },
        get finished() {
          return hub.ended && state.dirty.size === 0;
        },
        changed() {
          if (state.dirty.size > 0 || hub.ended) return Promise.resolve();
          return new Promise<void>((resolve) => {
            state.wake = () => {
              state.wake = undefined;
              resolve();
            };
          });
        },
        close() {
          hub.viewers.delete(state);
          state.wake?.();
          // Nobody watches: stop listening (a run may wait for days); the next viewer reopens it.
          if (hub.viewers.size === 0) hub.close();
        },
      };
    },
  };
}
