import { v7 } from 'uuid';

/**
 * A new run id: a UUIDv7, whose leading bits are the creation time. Time-ordered ids land at
 * the end of the store's indexes on run ids, so starting a run dirties the same few pages as
 * the runs started just before it instead of a random page per run (measured in
 * docs/benchmarks.md).
 */
export function newRunId(): string {
  return v7();
}
