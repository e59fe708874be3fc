import { Workflow } from '@switchyard/schema';
import branchAndJoin from './branch-and-join.json';
import enrichWithCache from './enrich-with-cache.json';
import orderSaga from './order-saga.json';
import syncContacts from './sync-contacts.json';

export interface Example {
  key: string;
  readonly workflow: Workflow;
}

/** Parsed when first read, not when the app starts: only an empty canvas offers them. */
function example(key: string, raw: unknown): Example {
  let parsed: Workflow | undefined;
  return {
    key,
    get workflow() {
      parsed ??= Workflow.parse(raw);
      return parsed;
    },
  };
}

/** The spec's examples: the empty canvas offers them, and the round-trip tests use them. */
export const EXAMPLES: readonly Example[] = [
  example('order-saga', orderSaga),
  example('enrich-with-cache', enrichWithCache),
  example('sync-contacts', syncContacts),
  example('branch-and-join', branchAndJoin),
];
