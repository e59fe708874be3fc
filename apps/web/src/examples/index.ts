import branchAndJoin from './branch-and-join.json';
import enrichWithCache from './enrich-with-cache.json';
import orderSaga from './order-saga.json';
import syncContacts from './sync-contacts.json';

/**
 * One of the spec's examples as it ships: its name and description to list, and its JSON, parsed
 * into a workflow when it is opened (checks.ts `parseExample`: the workflow schema is not loaded
 * with the app).
 */
export interface Example {
  key: string;
  name: string;
  description: string | undefined;
  raw: unknown;
}

function example(key: string, raw: { name: string; description?: string }): Example {
  return { key, name: raw.name, description: raw.description, raw };
}

/** The spec's examples: the empty canvas offers them, and the round-trip tests use them. */
export const EXAMPLES: readonly Example[] = [
  example('order-saga', orderSaga),
  example('enrich-with-cache', enrichWithCache),
  example('sync-contacts', syncContacts),
  example('branch-and-join', branchAndJoin),
];
