import { failure } from '@switchyard/schema';
import type { Failure } from '@switchyard/schema';
import type { SandboxResult } from './sandbox/pool.js';

type Failed = Extract<SandboxResult, { ok: false }>;

/**
 * A failed execution's category (semantics.md, "Error categories"):
 * - the time limit is `timeout` (retried by a default retry edge, like any timeout);
 * - everything the author's code did wrong (threw, did not compile, ran out of memory or stack,
 *   returned a value that is not JSON or too large, awaited forever) is `invalid_request`: the
 *   same code fails the same way again, so it is not retried by default;
 * - a stop by the engine (cancel, the attempt's deadline) is `cancelled` or `timeout`;
 * - a lost worker is `internal` (the node type's fault, not the workflow's).
 */
export function classifySandboxFailure(result: Failed, timeLimitMs: number, signal: AbortSignal, attemptTimedOut: boolean): Failure {
  switch (result.kind) {
    case 'interrupted':
      return failure('timeout', `the code ran longer than its time limit of ${timeLimitMs} ms and was stopped`);
    case 'aborted':
    case 'aborted_waiting':
      if (attemptTimedOut) {
        return failure('timeout', result.kind === 'aborted_waiting' ? 'no sandbox was free before the attempt\'s timeout (every sandbox worker was busy)' : 'the attempt\'s timeout passed while the code ran');
      }
      return failure('cancelled', signal.aborted ? 'the run was cancelled' : result.message);
    case 'out_of_memory':
      return failure('invalid_request', `the code ran out of memory: ${result.message}`);
    case 'stack_overflow':
      return failure('invalid_request', `the code recursed too deep (stack overflow): ${result.message}`);
    case 'threw':
      return failure('invalid_request', result.line === undefined ? `the code threw ${result.message}` : `the code threw ${result.message} (line ${result.line})`);
    case 'not_json':
    case 'output_too_large':
    case 'never_settled':
      return failure('invalid_request', result.message);
    case 'worker_lost':
    case 'closed':
      return failure('internal', result.message);
  }
}
