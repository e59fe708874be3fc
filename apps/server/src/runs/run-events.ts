import type { RunRecord } from '@switchyard/engine';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { RunEventHubs } from './run-event-hub.js';

/**
 * `GET /api/runs/:id/events`. On connect it sends the run's current state (every node, then the
 * run), then what changes, and ends after the run ends. Events carry state, not deltas, so a
 * client resuming with Last-Event-ID gets the current state again and misses nothing; ids keep
 * counting up from the one it sent. A client that reads slowly skips to the latest state of
 * what changed (run-event-hub.ts): the server never queues more for it than one run's frames.
 */
export function streamRunEvents(c: Context, hubs: RunEventHubs, run: RunRecord): Response {
  const lastId = Number.parseInt(c.req.header('last-event-id') ?? '0', 10);
  let seq = Number.isFinite(lastId) && lastId > 0 ? lastId : 0;
  return streamSSE(c, async (stream) => {
    const viewer = await hubs.watch(run);
    let closed = false;
    stream.onAbort(() => {
      closed = true;
      viewer.close();
    });
    try {
      while (!closed && !viewer.finished) {
        const frame = viewer.next();
        if (frame === undefined) {
          await viewer.changed();
          continue;
        }
        seq += 1;
        // Resolves once the socket has taken it: a stalled reader waits here, holding nothing more.
        await stream.writeSSE({ event: frame.event, id: String(seq), data: frame.data });
      }
    } finally {
      viewer.close();
    }
  });
}
