import type { NodeTypeInfo } from '@switchyard/schema';

/** What the editor shows of `trigger.webhook`: no zod here (its params schema is in definition.ts). */
export const triggerWebhookInfo: NodeTypeInfo = {
  type: 'trigger.webhook',
  title: 'Webhook',
  description: 'Starts a run when an HTTP request arrives at /hooks/<path>.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  // Trigger params are never templates (the idempotency expression is plain JSONata).
  isTemplateExempt: () => true,
};
