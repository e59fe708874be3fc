/**
 * The node types as the editor shows them (title, group, outputs, capabilities), without their
 * params schemas: no zod, so a page can draw a workflow before the validator loads. Each type's
 * definition (definitions.ts) is its info here plus its params schema.
 */
import type { NodeTypeInfos } from '@switchyard/schema';
import { branchInfo } from './branch/info.js';
import { delayInfo } from './delay/info.js';
import { failInfo } from './fail/info.js';
import { httpRequestInfo } from './http-request/info.js';
import { respondInfo } from './respond/info.js';
import { transformInfo } from './transform/info.js';
import { triggerManualInfo } from './trigger-manual/info.js';
import { triggerScheduleInfo } from './trigger-schedule/info.js';
import { triggerWebhookInfo } from './trigger-webhook/info.js';

/** Every node type of the first set, keyed by type, in palette order (as `nodeDefinitions`). */
export const nodeCatalog: NodeTypeInfos = new Map(
  [
    triggerWebhookInfo,
    triggerManualInfo,
    triggerScheduleInfo,
    httpRequestInfo,
    transformInfo,
    branchInfo,
    delayInfo,
    respondInfo,
    failInfo,
  ].map((info) => [info.type, info]),
);

export { BRANCH_OUTPUTS } from './branch/info.js';
