import type { Workflow } from '@switchyard/schema';
import type { Attempt, RunDetail, RunNode } from './types';

/**
 * A compensated run of a small saga, for tests and for trying the views by hand: `charge`
 * retried twice on 503, then its fallback `charge_backup` stood in; `check` chose `true`;
 * `ship` failed with a 400, so the run failed and `charge_backup`'s compensation
 * `refund_backup` undid the charge.
 */

export const fixtureWorkflow: Workflow = {
  schemaVersion: 1,
  name: 'Order saga',
  nodes: [
    { id: 'in', type: 'webhook' },
    { id: 'charge', type: 'http.request', integration: 'payments' },
    { id: 'charge_backup', type: 'http.request', integration: 'payments_backup' },
    { id: 'refund', type: 'http.request', integration: 'payments' },
    { id: 'refund_backup', type: 'http.request', integration: 'payments_backup' },
    { id: 'check', type: 'branch' },
    { id: 'ship', type: 'http.request' },
    { id: 'hold', type: 'http.request' },
  ],
  edges: [
    { id: 'e1', kind: 'next', source: 'in', target: 'charge' },
    { id: 'e2', kind: 'next', source: 'charge', target: 'check' },
    { id: 'e3', kind: 'next', source: 'check', target: 'ship', handle: 'true' },
    { id: 'e4', kind: 'next', source: 'check', target: 'hold', handle: 'false' },
    { id: 'r1', kind: 'retry', source: 'charge', target: 'charge', retry: { maxAttempts: 3 } },
    { id: 'f1', kind: 'fallback', source: 'charge', target: 'charge_backup', on: ['server'] },
    { id: 'c1', kind: 'compensate', source: 'charge', target: 'refund' },
    { id: 'c2', kind: 'compensate', source: 'charge_backup', target: 'refund_backup' },
  ],
};

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

function attempt(number: number, start: number, durationMs: number, outcome: Attempt['outcome'], extra: Partial<Attempt> = {}): Attempt {
  return {
    number,
    epoch: 1,
    startedAt: at(start),
    finishedAt: at(start + durationMs),
    durationMs,
    delayBeforeMs: 0,
    outcome,
    error: null,
    request: { method: 'POST', url: 'https://pay.example/charges', headers: { 'content-type': 'application/json' }, body: { amount: 1200 }, truncated: false },
    response: { status: 200, headers: {}, body: { ok: true }, truncated: false },
    ...extra,
  };
}

function node(nodeId: string, status: RunNode['status'], attempts: Attempt[], extra: Partial<RunNode> = {}): RunNode {
  const first = attempts[0];
  const last = attempts[attempts.length - 1];
  return {
    nodeId,
    status,
    source: status === 'succeeded' ? 'self' : null,
    epoch: 1,
    input: {},
    output: null,
    error: null,
    startedAt: first ? first.startedAt : null,
    finishedAt: last ? last.finishedAt : null,
    nextAttemptAt: null,
    deferredUntil: null,
    handle: null,
    compensation: null,
    attempts,
    ...extra,
  };
}

const serverError = (n: number, start: number, delay: number) =>
  attempt(n, start, 30, 'failed', {
    delayBeforeMs: delay,
    error: { category: 'server', message: 'HTTP 503', httpStatus: 503 },
    response: { status: 503, headers: { 'retry-after': '1' }, body: '{"error":"unavail', truncated: true },
  });

export function fixtureRun(): RunDetail {
  return {
    id: 'run_1',
    workflowId: 'order_saga',
    workflowVersion: 3,
    status: 'compensated',
    degraded: false,
    trigger: { kind: 'webhook', body: { orderId: 'o-1' } },
    startedAt: at(0),
    finishedAt: at(2000),
    nodes: [
      node('in', 'succeeded', [attempt(1, 0, 2, 'succeeded', { request: null, response: null })], { output: { orderId: 'o-1' } }),
      node('charge', 'compensated', [serverError(1, 10, 0), serverError(2, 240, 200)], {
        source: 'fallback:charge_backup',
        output: { chargeId: 'ch_9' },
        compensation: { nodeId: 'refund_backup', status: 'succeeded' },
      }),
      node('charge_backup', 'compensated', [attempt(1, 280, 100, 'succeeded', { response: { status: 201, headers: {}, body: { chargeId: 'ch_9' }, truncated: false } })], {
        source: 'self',
        output: { chargeId: 'ch_9' },
        compensation: { nodeId: 'refund_backup', status: 'succeeded' },
      }),
      node('refund', 'skipped', []),
      node('refund_backup', 'succeeded', [attempt(1, 600, 50, 'succeeded')]),
      node('check', 'succeeded', [attempt(1, 390, 1, 'succeeded', { request: null, response: null })], { handle: 'true', output: true }),
      node('ship', 'failed', [attempt(1, 400, 80, 'failed', { error: { category: 'invalid_request', message: 'HTTP 400', httpStatus: 400 }, response: { status: 400, headers: {}, body: { error: 'bad address' }, truncated: false } })], {
        error: { category: 'invalid_request', message: 'HTTP 400', httpStatus: 400 },
      }),
      node('hold', 'skipped', []),
    ],
  };
}
