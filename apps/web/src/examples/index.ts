import { Workflow } from '@switchyard/schema';
import branchAndJoin from './branch-and-join.json';
import enrichWithCache from './enrich-with-cache.json';
import orderSaga from './order-saga.json';
import syncContacts from './sync-contacts.json';

/** The spec's examples: the empty canvas offers them, and the round-trip tests use them. */
export const EXAMPLES: ReadonlyArray<{ key: string; workflow: Workflow }> = [
  { key: 'order-saga', workflow: Workflow.parse(orderSaga) },
  { key: 'enrich-with-cache', workflow: Workflow.parse(enrichWithCache) },
  { key: 'sync-contacts', workflow: Workflow.parse(syncContacts) },
  { key: 'branch-and-join', workflow: Workflow.parse(branchAndJoin) },
];
