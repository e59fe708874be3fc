// Waiting for something another process or the event loop will do. Tests run on shared 2-core
// machines that are often busy, so the deadline is generous: it only turns a hang into a
// failure that says what never happened. It is never a statement about speed.

/** How long `eventually` waits by default before it gives up. */
export const EVENTUALLY_TIMEOUT_MS = 30_000;

export interface EventuallyOptions {
  /** What the test waits for, named in the error when the deadline passes. */
  what?: string;
  timeoutMs?: number;
  /** Pause between checks. */
  intervalMs?: number;
}

/**
 * Calls `check` until it returns something other than `undefined` and returns that.
 * A check that throws is retried too; its last error is part of the message when time runs out.
 */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const { what = 'the condition', timeoutMs = EVENTUALLY_TIMEOUT_MS, intervalMs = 20 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last check threw: ${lastError.message})` : '';
      throw new Error(`waited ${timeoutMs} ms for ${what}, which never happened${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
