import type { Engine, EngineEvent, RunRecord } from '@switchyard/engine';
import { TERMINAL_RUN_STATUSES } from '@switchyard/engine';
import type { SqliteStore } from '@switchyard/store-sqlite';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { presentNodeEvent } from './load-run.js';
import { presentNode, presentRunSummary } from './present-run.js';

/**
 * `GET /api/runs/:id/events`. On connect it sends the run's current state (the run, then every
 * node), then the engine's events for that run, and ends after the run ends. Events carry state,
 * not deltas, so a client resuming with Last-Event-ID gets the current state again and misses
 * nothing; ids keep counting up from the one it sent.
 */
export function streamRunEvents(c: Context, deps: { store: SqliteStore; engine: Engine }, run: RunRecord): Response {
  const { store, engine } = deps;
  const lastId = Number.parseInt(c.req.header('last-event-id') ?? '0', 10);
  let seq = Number.isFinite(lastId) && lastId > 0 ? lastId : 0;
  return streamSSE(c, async (stream) => {
    const queue: EngineEvent[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    // Subscribed before reading the state, so nothing between the read and the subscription is lost.
    const unsubscribe = engine.subscribe(
      (event) => {
        queue.push(event);
        wake?.();
      },
      { runId: run.id },
    );
    stream.onAbort(() => {
      closed = true;
      wake?.();
    });
    const send = async (event: 'run' | 'node', data: unknown): Promise<void> => {
      seq += 1;
      await stream.writeSSE({ event, id: String(seq), data: JSON.stringify(data) });
    };
    try {
      let current = (await store.getRun(run.id)) ?? run;
      await send('run', presentRunSummary(current));
      const [nodes, attempts] = await Promise.all([store.listNodeRuns(run.id), store.listAttempts(run.id)]);
      for (const node of nodes) {
        await send('node', presentNode(node, attempts.filter((a) => a.nodeId === node.nodeId), null));
      }
      while (!closed && !TERMINAL_RUN_STATUSES.has(current.status)) {
        const event = queue.shift();
        if (event === undefined) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
          continue;
        }
        if (event.type === 'run') {
          current = event.run;
          if (TERMINAL_RUN_STATUSES.has(current.status)) {
            // The engine tells a step's run change before its node changes: the ending step's
            // nodes go first, so the terminal run event is the stream's last.
            for (const e of queue.splice(0)) if (e.type === 'node') await send('node', await presentNodeEvent(store, current, e.node));
          }
          await send('run', presentRunSummary(current));
        } else {
          await send('node', await presentNodeEvent(store, current, event.node));
        }
      }
    } finally {
      unsubscribe();
    }
  });
}
