import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Lets a caller choose the id of the run it is about to start. A webhook with an idempotency
 * key claims the key with the run id first, so the key always names its run: a delivery
 * retried after the first failed to commit takes the same id over instead of finding a key
 * that names nothing.
 */
export interface RunIds {
  /** The engine's `newId`: the id chosen by the enclosing `startAs`, used once, else a random UUID. */
  next(): string;
  /** Runs `start` so that the run it creates gets `id`. */
  startAs<T>(id: string, start: () => Promise<T>): Promise<T>;
}

export function createRunIds(): RunIds {
  const chosen = new AsyncLocalStorage<{ id: string | undefined }>();
  return {
    next() {
      const box = chosen.getStore();
      const id = box?.id;
      if (box === undefined || id === undefined) return randomUUID();
      // Used once: anything else the run's continuations start gets its own id.
      box.id = undefined;
      return id;
    },
    startAs(id, start) {
      return chosen.run({ id }, start);
    },
  };
}
