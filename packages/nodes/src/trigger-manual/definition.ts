import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { triggerManualInfo } from './info.js';

/** `trigger.manual` has no params. */
export const TriggerManualParams = strictParams({});

export const triggerManualDefinition: NodeDefinition = { ...triggerManualInfo, params: TriggerManualParams };
