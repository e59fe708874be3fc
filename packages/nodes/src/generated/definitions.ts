// Written by `pnpm --filter @switchyard/nodes generate` from src/node-types.ts: do not edit.
import type { NodeDefinition } from '@switchyard/schema';
import { triggerWebhookDefinition } from '../trigger-webhook/definition.js';
import { triggerManualDefinition } from '../trigger-manual/definition.js';
import { triggerScheduleDefinition } from '../trigger-schedule/definition.js';
import { httpRequestDefinition } from '../http-request/definition.js';
import { sqlDefinition } from '../sql/definition.js';
import { emailSendDefinition } from '../email-send/definition.js';
import { transformDefinition } from '../transform/definition.js';
import { codeDefinition } from '../code/definition.js';
import { setDefinition } from '../set/definition.js';
import { branchDefinition } from '../branch/definition.js';
import { switchDefinition } from '../switch/definition.js';
import { mergeDefinition } from '../merge/definition.js';
import { delayDefinition } from '../delay/definition.js';
import { respondDefinition } from '../respond/definition.js';
import { failDefinition } from '../fail/definition.js';

/** Each type's definition (its info and params schema): browser-safe, no executor. In palette order. */
export const nodeTypeDefinitions: readonly NodeDefinition[] = [
  triggerWebhookDefinition,
  triggerManualDefinition,
  triggerScheduleDefinition,
  httpRequestDefinition,
  sqlDefinition,
  emailSendDefinition,
  transformDefinition,
  codeDefinition,
  setDefinition,
  branchDefinition,
  switchDefinition,
  mergeDefinition,
  delayDefinition,
  respondDefinition,
  failDefinition,
];
