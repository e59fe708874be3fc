import type { NodeExecutor } from '@switchyard/engine';
import type { RecordedResponse } from '@switchyard/engine';
import type { Json } from '@switchyard/schema';
import { parseResolvedParams } from '../shared/resolved-params.js';
import type { ExecutorServices } from '../shared/executor-source.js';
import { classifySandboxFailure } from './classify.js';
import { CodeResolvedParams, codeDefinition } from './definition.js';
import type { SandboxLogs } from './sandbox/protocol.js';

/**
 * Runs the code in the registry's sandbox pool, off the event loop. Not pure: it may hold a worker
 * up to its time limit, so the engine commits its attempt as started first. It reaches nothing
 * outside the sandbox, so repeating it is safe.
 */
export const codeExecutor = (services: ExecutorServices): NodeExecutor => ({
  definition: codeDefinition,
  pure: false,
  retrySafe: () => true,
  execute: async (params, ctx) => {
    const parsed = parseResolvedParams(CodeResolvedParams, params);
    if (!parsed.ok) return parsed;
    const { code, timeLimitMs } = parsed.value;
    // The attempt's own timeout bounds the wait for a free worker and the run together.
    const timeLimit = Math.min(timeLimitMs, ctx.timeoutMs);
    const attemptDeadline = ctx.deadline(ctx.timeoutMs);
    const result = await services.codeSandbox().run({
      code,
      scope: {
        input: ctx.input,
        nodes: ctx.scope?.nodes ?? {},
        trigger: ctx.scope?.trigger ?? null,
        run: ctx.scope?.run ?? { id: ctx.runId, workflowId: ctx.workflowId },
      },
      timeLimitMs: timeLimit,
      deadline: (ms) => ctx.deadline(ms),
      signal: AbortSignal.any([ctx.signal, attemptDeadline]),
    });
    const response = logsResponse(result.logs);
    if (result.ok) return { ok: true, output: result.output, response };
    return { ok: false, failure: classifySandboxFailure(result, timeLimit, ctx.signal, attemptDeadline.aborted), response };
  },
});

/**
 * `console` lines as the attempt's recorded response: the output stays exactly the returned
 * value, and the run view shows the lines where it shows any attempt's response. Status 0: no
 * HTTP exchange took place.
 */
function logsResponse(logs: SandboxLogs): RecordedResponse {
  const body: Json = logs.dropped > 0 ? { logs: logs.lines, droppedLines: logs.dropped } : { logs: logs.lines };
  return { status: 0, headers: {}, body, truncated: logs.dropped > 0 };
}
