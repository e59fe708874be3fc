import type { ExecutionContext, ExecutionResult, IntegrationRecord, NodeExecutor } from '@switchyard/engine';
import { expect } from 'vitest';

/** 2026-01-01T00:00:00Z: the fake "now" every test context reads. */
export const NOW = Date.UTC(2026, 0, 1);

/** Deadlines on the real sockets of the scripted upstreams run in real time. */
export const realDeadline = (ms: number): AbortSignal => AbortSignal.timeout(ms);

/** An attempt's context with test defaults; `overrides` win. */
export function makeContext(overrides: Partial<ExecutionContext> = {}): ExecutionContext {
  return {
    runId: 'run-1',
    workflowId: 'wf-1',
    nodeId: 'call',
    attempt: 1,
    epoch: 1,
    input: null,
    integration: undefined,
    credential: undefined,
    idempotencyKey: 'run-1:call:1',
    idempotencyKeyExplicit: false,
    timeoutMs: 5_000,
    signal: new AbortController().signal,
    now: () => NOW,
    recordBodyBytes: 1_048_576,
    deadline: realDeadline,
    ...overrides,
  };
}

export function integration(id: string, baseUrl: string): IntegrationRecord {
  return { id, name: id, baseUrl, timeoutMs: null, credential: null, createdAt: NOW, updatedAt: NOW };
}

export type Success = Extract<ExecutionResult, { ok: true }>;
export type Failed = Extract<ExecutionResult, { ok: false }>;

export function expectOk(result: ExecutionResult): Success {
  if (!result.ok) expect.fail(`expected success, got ${result.failure.category}: ${result.failure.message}`);
  return result;
}

export function expectFailure(result: ExecutionResult): Failed {
  if (result.ok) expect.fail(`expected a failure, got output ${JSON.stringify(result.output)}`);
  return result;
}

export function run(executor: NodeExecutor | undefined, params: unknown, ctx: Partial<ExecutionContext> = {}): Promise<ExecutionResult> {
  if (executor === undefined) throw new Error('no executor');
  return executor.execute(params, makeContext(ctx));
}
