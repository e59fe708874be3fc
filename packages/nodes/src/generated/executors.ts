// Written by `pnpm --filter @switchyard/nodes generate` from src/node-types.ts: do not edit.
import type { ExecutorSource } from '../shared/executor-source.js';
import { triggerWebhookExecutor } from '../trigger-webhook/execute.js';
import { triggerManualExecutor } from '../trigger-manual/execute.js';
import { triggerScheduleExecutor } from '../trigger-schedule/execute.js';
import { httpRequestExecutor } from '../http-request/execute.js';
import { sqlExecutor } from '../sql/execute.js';
import { emailSendExecutor } from '../email-send/execute.js';
import { transformExecutor } from '../transform/execute.js';
import { codeExecutor } from '../code/execute.js';
import { setExecutor } from '../set/execute.js';
import { branchExecutor } from '../branch/execute.js';
import { switchExecutor } from '../switch/execute.js';
import { mergeExecutor } from '../merge/execute.js';
import { delayExecutor } from '../delay/execute.js';
import { respondExecutor } from '../respond/execute.js';
import { failExecutor } from '../fail/execute.js';

/** Each type's executor, or how the registry makes it. In palette order. */
export const nodeTypeExecutors: readonly ExecutorSource[] = [
  triggerWebhookExecutor,
  triggerManualExecutor,
  triggerScheduleExecutor,
  httpRequestExecutor,
  sqlExecutor,
  emailSendExecutor,
  transformExecutor,
  codeExecutor,
  setExecutor,
  branchExecutor,
  switchExecutor,
  mergeExecutor,
  delayExecutor,
  respondExecutor,
  failExecutor,
];
