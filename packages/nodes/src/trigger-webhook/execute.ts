import type { NodeExecutor } from '@switchyard/engine';
import { createTriggerExecutor } from '../shared/trigger-executor.js';
import { triggerWebhookDefinition } from './definition.js';

/** Outputs the trigger object (`$trigger`) it was given as input. */
export const triggerWebhookExecutor: NodeExecutor = createTriggerExecutor(triggerWebhookDefinition);
