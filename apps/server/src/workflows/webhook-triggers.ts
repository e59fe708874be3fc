import { TriggerWebhookParams, webhookSettings } from '@switchyard/nodes';
import type { WebhookSettings } from '@switchyard/nodes';
import type { Store, StoredWorkflow } from '@switchyard/engine';
import type { Workflow } from '@switchyard/schema';

/** What finding the active webhooks needs of the store. */
export type WebhookLookupStore = Pick<Store, 'listWorkflows' | 'getWorkflow'>;
import { ApiError } from '../http/api-error.js';

export interface WebhookTrigger {
  nodeId: string;
  settings: WebhookSettings;
}

/** The webhook triggers of a workflow version, defaults applied. */
export function webhookTriggers(definition: Workflow): WebhookTrigger[] {
  const out: WebhookTrigger[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'trigger.webhook') continue;
    // Stored workflows were validated, so this parses; a failure would be a stored-data bug.
    const parsed = TriggerWebhookParams.safeParse(node.params ?? {});
    if (parsed.success) out.push({ nodeId: node.id, settings: webhookSettings(parsed.data) });
  }
  return out;
}

export interface ActiveWebhook {
  workflow: StoredWorkflow;
  trigger: WebhookTrigger;
}

/** Every active workflow's newest version's webhook triggers. */
export async function activeWebhooks(store: WebhookLookupStore): Promise<ActiveWebhook[]> {
  const summaries = (await store.listWorkflows()).filter((w) => w.active);
  const out: ActiveWebhook[] = [];
  for (const summary of summaries) {
    const workflow = await store.getWorkflow(summary.id);
    if (!workflow) continue;
    for (const trigger of webhookTriggers(workflow.definition)) out.push({ workflow, trigger });
  }
  return out;
}

/** The active webhook answering `method /hooks/<path>`, if any; `cache` keeps the index between deliveries. */
export async function findActiveWebhook(
  store: WebhookLookupStore,
  path: string,
  method: string,
  cache?: { activeIndex(load: () => Promise<ActiveWebhook[]>): Promise<ActiveWebhook[]> },
): Promise<ActiveWebhook | undefined> {
  const index = cache ? cache.activeIndex(() => activeWebhooks(store)) : activeWebhooks(store);
  return (await index).find((h) => h.trigger.settings.path === path && h.trigger.settings.method === method);
}

/**
 * An active webhook at `path` that answers a handshake with `method` although its own method is
 * another (Meta checks a POST webhook with a GET).
 */
export async function findHandshakeWebhook(
  store: WebhookLookupStore,
  path: string,
  accepts: (settings: WebhookSettings) => boolean,
  cache?: { activeIndex(load: () => Promise<ActiveWebhook[]>): Promise<ActiveWebhook[]> },
): Promise<ActiveWebhook | undefined> {
  const index = cache ? cache.activeIndex(() => activeWebhooks(store)) : activeWebhooks(store);
  return (await index).find((h) => h.trigger.settings.path === path && accepts(h.trigger.settings));
}

/** 409 when another active workflow already answers one of `definition`'s webhook paths and methods. */
export async function assertWebhooksFree(store: WebhookLookupStore, workflowId: string, definition: Workflow): Promise<void> {
  const mine = webhookTriggers(definition);
  if (mine.length === 0) return;
  const taken = (await activeWebhooks(store)).filter((h) => h.workflow.id !== workflowId);
  for (const { settings } of mine) {
    const holder = taken.find((h) => h.trigger.settings.path === settings.path && h.trigger.settings.method === settings.method);
    if (holder) {
      throw new ApiError('conflict', `the webhook ${settings.method} /hooks/${settings.path} is already used by active workflow '${holder.workflow.id}'`, {
        workflowId: holder.workflow.id,
        path: settings.path,
        method: settings.method,
      });
    }
  }
}
