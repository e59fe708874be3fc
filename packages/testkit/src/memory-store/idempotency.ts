import type { IdempotencyRecord } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { compositeKey } from './keys.js';

export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** The idempotency keys of webhook deliveries, by (scope, key), and the answers they replay. */
export class MemoryIdempotencyKeys {
  readonly #records = new Map<string, IdempotencyRecord>();

  /** Inserts the key if it is new; otherwise answers (a copy of) the record that holds it. */
  claim(record: IdempotencyRecord): ClaimResult {
    const key = compositeKey(record.scope, record.key);
    const existing = this.#records.get(key);
    if (existing !== undefined) return { claimed: false, existing: structuredClone(existing) };
    this.#records.set(key, structuredClone(record));
    return { claimed: true };
  }

  /** A key nobody claimed (or one pruned meanwhile) stays unclaimed. */
  setResponse(scope: string, key: string, response: Json): void {
    const existing = this.#records.get(compositeKey(scope, key));
    if (existing !== undefined) existing.response = structuredClone(response);
  }

  /** Forgets keys created before `before`; answers how many. */
  prune(before: number): number {
    let pruned = 0;
    for (const [key, record] of this.#records) {
      if (record.createdAt < before) {
        this.#records.delete(key);
        pruned += 1;
      }
    }
    return pruned;
  }
}
