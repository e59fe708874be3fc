import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** What the editor shows of `trigger.webhook`: no zod here (its params schema is in definition.ts). */
export const triggerWebhookInfo: NodeCatalogEntry = {
  type: 'trigger.webhook',
  title: 'Webhook',
  description: 'Starts a run when an HTTP request arrives at /hooks/<path>.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  // Trigger params are never templates (the idempotency expression is plain JSONata).
  isTemplateExempt: () => true,
  summary: (p) => shorten(`${textOf(p.method) ?? 'POST'} /hooks/${textOf(p.path) ?? ''}${p.mode === 'sync' ? ' (sync)' : ''}`),
  starterParams: { path: 'hook', method: 'POST' },
  docs: {
    params: '`path`, `method`, `mode`, `timeoutMs`, `auth`, `idempotency`, `schema`, `maxBodyBytes`, `rateLimit`',
    output: 'the trigger object (its input, unchanged)',
    retrySafe: 'yes',
  },
};
