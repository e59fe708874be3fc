import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';

/** `trigger.manual` has no params. */
export const TriggerManualParams = strictParams({});

export const triggerManualDefinition: NodeDefinition = {
  type: 'trigger.manual',
  title: 'Manual trigger',
  description: 'Starts a run from the editor or the API, with an optional body.',
  group: 'trigger',
  params: TriggerManualParams,
  outputs: () => null,
  canFail: false,
  isTrigger: true,
  isTemplateExempt: () => true,
};
