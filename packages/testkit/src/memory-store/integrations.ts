import type { BreakerTransitionRecord, IntegrationRecord } from '@switchyard/engine';
import { compareText } from './keys.js';

/** How long breaker changes are kept: the longest health window (as the SQLite store keeps them). */
export const BREAKER_HISTORY_MS = 30 * 86_400_000;

interface StoredTransition {
  /** Insertion order: "newest" means the last recorded, as SQLite's row sequence. */
  seq: number;
  transition: BreakerTransitionRecord;
}

/** Integrations and the history of their breakers. */
export class MemoryIntegrations {
  readonly #integrations = new Map<string, IntegrationRecord>();
  #transitions: StoredTransition[] = [];
  #nextSeq = 1;

  /** Inserts or replaces every field with the record's: the record is the truth. */
  upsert(integration: IntegrationRecord): void {
    this.#integrations.set(integration.id, withoutEmptyProtections(structuredClone(integration)));
  }

  get(id: string): IntegrationRecord | undefined {
    const integration = this.#integrations.get(id);
    return integration === undefined ? undefined : structuredClone(integration);
  }

  /** Ordered by id. */
  list(): IntegrationRecord[] {
    return [...this.#integrations.values()].sort((a, b) => compareText(a.id, b.id)).map((i) => structuredClone(i));
  }

  /** A new integration under the same id starts with a closed breaker and no history. */
  delete(id: string): boolean {
    this.#transitions = this.#transitions.filter((t) => t.transition.integrationId !== id);
    return this.#integrations.delete(id);
  }

  addBreakerTransition(transition: BreakerTransitionRecord): void {
    this.#transitions.push({ seq: this.#nextSeq++, transition: structuredClone(transition) });
    // History is shown for at most 30 days: older changes go (the one just added is the newest).
    const cutoff = transition.at - BREAKER_HISTORY_MS;
    this.#transitions = this.#transitions.filter((t) => t.transition.integrationId !== transition.integrationId || t.transition.at >= cutoff);
  }

  /** The newest transition of each integration, ordered by integration id. */
  latestBreakerTransitions(): BreakerTransitionRecord[] {
    const newest = new Map<string, StoredTransition>();
    for (const stored of this.#transitions) newest.set(stored.transition.integrationId, stored);
    return [...newest.values()]
      .sort((a, b) => compareText(a.transition.integrationId, b.transition.integrationId))
      .map((t) => structuredClone(t.transition));
  }

  /** One integration's transitions at or after `since`, newest first, at most `limit`. */
  listBreakerTransitions(integrationId: string, since: number, limit: number): BreakerTransitionRecord[] {
    return this.#transitions
      .filter((t) => t.transition.integrationId === integrationId && t.transition.at >= since)
      .sort((a, b) => b.seq - a.seq)
      // A negative limit is no limit, as SQLite's LIMIT reads it.
      .slice(0, limit < 0 ? undefined : limit)
      .map((t) => structuredClone(t.transition));
  }
}

/** The SQLite store keeps protections as `{}` when none are set and answers none: so does this one. */
function withoutEmptyProtections(integration: IntegrationRecord): IntegrationRecord {
  if (integration.protections !== undefined && Object.keys(integration.protections).length > 0) return integration;
  const { protections: _none, ...rest } = integration;
  return rest;
}
