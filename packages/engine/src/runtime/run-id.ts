import { randomUUID } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A new run id: a UUIDv7 (RFC 9562) whose first 48 bits are the creation time in ms and whose
 * next 12 bits count runs created within the same ms, so ids made by one process sort in
 * creation order. Time-ordered ids land at the end of the store's indexes on run ids: starting
 * a run dirties the same few pages as the runs started just before it, not a random page per
 * run (docs/benchmarks.md). The last 62 bits are random, taken from `randomUUID`, which draws
 * from a pooled buffer (a random fill per id cost more than the rest of the id).
 */
export function newRunId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    sequence = 0;
  } else {
    // Same ms (or the clock stepped back): stay on the last ms and count up, moving on when full.
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      ms += 1;
      sequence = 0;
    }
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  // randomUUID: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; from index 18 on it is "-Vxxx-…" with the variant bits set.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
