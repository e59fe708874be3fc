import type { RunDetail, RunNode, RunSummary } from './types';
import { TERMINAL_RUN_STATUSES } from './types';

/**
 * Live updates of one run over `GET /api/runs/:id/events`. The server sends state, not deltas
 * (`event: run` is the summary, `event: node` one whole node), so merging is replacing, and a
 * reconnect that replays the current state changes nothing.
 */

export type RunEvent = { type: 'run'; run: RunSummary } | { type: 'node'; node: RunNode };

/** Merges one event into the run detail; returns the same object when nothing changed. */
export function applyRunEvent(detail: RunDetail, event: RunEvent): RunDetail {
  switch (event.type) {
    case 'run': {
      const { trigger, ...summary } = event.run;
      // The summary's trigger only has `kind`; the detail keeps its full trigger data.
      return { ...detail, ...summary, trigger: { ...detail.trigger, kind: trigger.kind } };
    }
    case 'node': {
      const incoming = event.node;
      const index = detail.nodes.findIndex((n) => n.nodeId === incoming.nodeId);
      if (index === -1) return { ...detail, nodes: [...detail.nodes, incoming] };
      const existing = detail.nodes[index];
      // A node event may leave out the compensation it had (the server fills it only in the run answer).
      const merged: RunNode = { ...incoming, compensation: incoming.compensation ?? existing?.compensation ?? null };
      const nodes = detail.nodes.slice();
      nodes[index] = merged;
      return { ...detail, nodes };
    }
  }
}

export function runEnded(detail: Pick<RunDetail, 'status'>): boolean {
  return TERMINAL_RUN_STATUSES.has(detail.status);
}

/** The subset of EventSource used here, so tests can pass a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

const defaultFactory: EventSourceFactory = (url) => new EventSource(url, { withCredentials: true });

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Subscribes to a run's events and calls `onEvent` for each. Closes itself once the run has
 * ended and the server has closed the stream (EventSource would otherwise reconnect forever).
 * It does not close on the ending `run` event itself: the server may still be sending the
 * nodes' final states after it. Returns the unsubscribe function.
 */
export function subscribeRunEvents(
  runId: string,
  onEvent: (event: RunEvent) => void,
  options: { factory?: EventSourceFactory; onError?: () => void; onEnd?: () => void } = {},
): () => void {
  const source = (options.factory ?? defaultFactory)(`/api/runs/${encodeURIComponent(runId)}/events`);
  let closed = false;
  let ended = false;
  const close = () => {
    if (closed) return;
    closed = true;
    source.close();
  };
  source.addEventListener('run', (e) => {
    const run = parse(e.data) as RunSummary | undefined;
    if (run === undefined || typeof run !== 'object' || run === null) return;
    onEvent({ type: 'run', run });
    ended = TERMINAL_RUN_STATUSES.has(run.status);
  });
  source.addEventListener('node', (e) => {
    const node = parse(e.data) as RunNode | undefined;
    if (node === undefined || typeof node !== 'object' || node === null) return;
    onEvent({ type: 'node', node });
  });
  // After the end, an error is the server closing the stream: done. Before it, EventSource
  // reconnects by itself with Last-Event-ID; the caller only learns that it happened.
  source.onerror = () => {
    if (ended) {
      close();
      options.onEnd?.();
    } else options.onError?.();
  };
  return close;
}
