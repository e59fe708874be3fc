import type { NodeExecutor } from '@switchyard/engine';
import { createTriggerExecutor } from '../shared/trigger-executor.js';
import { triggerScheduleDefinition } from './definition.js';

/** Outputs the trigger object (`{ kind: "schedule", firedAt }`) the scheduler started the run with. */
export const triggerScheduleExecutor: NodeExecutor = createTriggerExecutor(triggerScheduleDefinition);
