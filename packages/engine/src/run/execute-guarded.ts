import { failure } from '@switchyard/schema';
import type { ExecutionContext, ExecutionResult, NodeExecutor } from '../ports.js';

/**
 * The one boundary where an executor's exception becomes an `internal` failure, and where an
 * executor that ignores its timeout is cut off.
 */
export async function executeGuarded(
  exec: NodeExecutor,
  params: unknown,
  ctx: ExecutionContext,
  graceMs: number,
): Promise<ExecutionResult> {
  if (exec.pure) {
    try {
      return await exec.execute(params, ctx);
    } catch (err) {
      return { ok: false, failure: failure('internal', `node type '${exec.definition.type}' failed unexpectedly: ${errorMessage(err)}`) };
    }
  }
  const deadline = ctx.deadline(ctx.timeoutMs + graceMs);
  let onDeadline: (() => void) | undefined;
  const cutOff = new Promise<ExecutionResult>((resolve) => {
    onDeadline = () => resolve({ ok: false, failure: failure('timeout', `no answer within ${ctx.timeoutMs} ms`) });
    deadline.addEventListener('abort', onDeadline, { once: true });
  });
  try {
    return await Promise.race([exec.execute(params, ctx), cutOff]);
  } catch (err) {
    return { ok: false, failure: failure('internal', `node type '${exec.definition.type}' failed unexpectedly: ${errorMessage(err)}`) };
  } finally {
    if (onDeadline) deadline.removeEventListener('abort', onDeadline);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
