// Written by `pnpm --filter @switchyard/nodes generate` from src/node-types.ts: do not edit.
import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { triggerWebhookInfo } from '../trigger-webhook/info.js';
import { triggerManualInfo } from '../trigger-manual/info.js';
import { triggerScheduleInfo } from '../trigger-schedule/info.js';
import { httpRequestInfo } from '../http-request/info.js';
import { sqlInfo } from '../sql/info.js';
import { emailSendInfo } from '../email-send/info.js';
import { transformInfo } from '../transform/info.js';
import { codeInfo } from '../code/info.js';
import { setInfo } from '../set/info.js';
import { branchInfo } from '../branch/info.js';
import { switchInfo } from '../switch/info.js';
import { mergeInfo } from '../merge/info.js';
import { delayInfo } from '../delay/info.js';
import { respondInfo } from '../respond/info.js';
import { failInfo } from '../fail/info.js';

/** Each type's info: what the catalog loads (no zod). In palette order. */
export const nodeTypeInfos: readonly NodeCatalogEntry[] = [
  triggerWebhookInfo,
  triggerManualInfo,
  triggerScheduleInfo,
  httpRequestInfo,
  sqlInfo,
  emailSendInfo,
  transformInfo,
  codeInfo,
  setInfo,
  branchInfo,
  switchInfo,
  mergeInfo,
  delayInfo,
  respondInfo,
  failInfo,
];
