import type { NodeCatalogEntry } from '../shared/catalog-entry.js';

/** What the editor shows of `trigger.manual`: no zod here (its params schema is in definition.ts). */
export const triggerManualInfo: NodeCatalogEntry = {
  type: 'trigger.manual',
  title: 'Manual trigger',
  description: 'Starts a run from the editor or the API, with an optional body.',
  group: 'trigger',
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  isTemplateExempt: () => true,
  summary: () => 'started by hand',
  starterParams: {},
  docs: { params: 'none', output: 'the trigger object', retrySafe: 'yes' },
};
