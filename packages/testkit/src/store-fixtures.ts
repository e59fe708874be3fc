import type { AttemptRecord, IntegrationRecord, NodeRunRecord, RunRecord } from '@switchyard/engine';
import { newNodeRun } from '@switchyard/engine';
import type { Workflow } from '@switchyard/schema';

/** Records for store tests: every field set to a value that would expose a lossy column. */

export function workflowDefinition(name: string, marker = 0): Workflow {
  return {
    schemaVersion: 1,
    name,
    description: `version marker ${marker}`,
    nodes: [
      {
        id: 'fetch',
        type: 'http.request',
        name: 'Fetch ✓',
        position: { x: 10.5, y: -20 },
        params: { url: 'https://example.test/items', marker, options: { retry: true, list: [1, null, 'x'] } },
        integration: 'crm',
        policy: { timeoutMs: 5000, onFailure: 'continue', lastKnownGood: { maxAgeMs: 60_000 } },
      },
      { id: 'shape', type: 'transform', params: { expression: '$.items' } },
    ],
    edges: [
      { id: 'e1', source: 'fetch', target: 'shape', kind: 'next' },
      { id: 'e2', source: 'fetch', target: 'fetch', kind: 'retry', retry: { maxAttempts: 3, jitter: 'none' } },
    ],
  };
}

export function integrationRecord(id: string, overrides: Partial<IntegrationRecord> = {}): IntegrationRecord {
  return {
    id,
    name: `Integration ${id}`,
    baseUrl: `https://${id}.example.test/api`,
    timeoutMs: 2500,
    credential: `${id}_token`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_500,
    ...overrides,
  };
}

/** A run with every field set, including a stop reason and a webhook trigger. */
export function runRecord(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflowId: 'wf_orders',
    workflowVersion: 3,
    status: 'running',
    degraded: false,
    phase: 'forward',
    trigger: {
      kind: 'webhook',
      body: { order: { id: 'o-1', total: 99.95, lines: [{ sku: 'A', qty: 2 }], note: null, paid: false } },
      headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
      query: { source: 'shop' },
      method: 'POST',
      path: '/hooks/orders',
      receivedAt: '2024-01-02T03:04:05.678Z',
    },
    createdAt: 1_700_000_000_000,
    startedAt: 1_700_000_000_010,
    finishedAt: null,
    stopReason: null,
    completionSeq: 0,
    mode: 'production',
    ...overrides,
  };
}

/** A node that has been through a lot: every nullable field holds a value. */
export function fullNodeRecord(runId: string, nodeId: string, overrides: Partial<NodeRunRecord> = {}): NodeRunRecord {
  return {
    runId,
    nodeId,
    status: 'succeeded',
    source: 'fallback:charge_backup',
    epoch: 2,
    input: {
      amount: 12.5,
      text: 'ünïcödé 😀 "quoted" \\ back',
      nested: { deep: [null, true, false, 0, -1, 1e21, 0.1, Number.MAX_SAFE_INTEGER] },
      empty: {},
      list: [],
    },
    output: { charged: true, id: 'ch_1' },
    params: [1, 'two', { three: null }],
    error: { category: 'server', message: 'HTTP 503', httpStatus: 503, retryAfterMs: 1500 },
    startedAt: 1_700_000_000_100,
    finishedAt: 1_700_000_000_900,
    nextAttemptAt: 1_700_000_001_000,
    deferredUntil: 1_700_000_002_000,
    handle: 'approved',
    handles: ['approved', 'case:vip'],
    lastAttempt: 4,
    tries: 3,
    interruptions: 1,
    completedSeq: 7,
    fallbackIndex: 0,
    exhaustedFailure: { category: 'timeout', message: 'no response within 5000 ms' },
    ...overrides,
  };
}

/** A node not reached yet: every nullable field is null. */
export function pendingNodeRecord(runId: string, nodeId: string, overrides: Partial<NodeRunRecord> = {}): NodeRunRecord {
  return { ...newNodeRun(runId, nodeId), epoch: 0, ...overrides };
}

/** An attempt in flight: no outcome yet. */
export function openAttemptRecord(runId: string, nodeId: string, number: number, startedAt: number): AttemptRecord {
  return {
    runId,
    nodeId,
    number,
    epoch: 0,
    startedAt,
    finishedAt: null,
    durationMs: null,
    outcome: null,
    error: null,
    delayBeforeMs: number === 1 ? 0 : 1000,
    request: null,
    response: null,
  };
}

/** The same attempt finished, with what was sent and received. */
export function finishedAttemptRecord(
  open: AttemptRecord,
  outcome: 'succeeded' | 'failed',
  finishedAt: number,
): AttemptRecord {
  return {
    ...open,
    finishedAt,
    durationMs: finishedAt - open.startedAt,
    outcome,
    error: outcome === 'failed' ? { category: 'server', message: 'HTTP 502', httpStatus: 502 } : null,
    request: {
      method: 'POST',
      url: 'https://crm.example.test/api/contacts',
      headers: { 'idempotency-key': `${open.runId}:${open.nodeId}:${open.epoch}`, authorization: '[REDACTED]' },
      body: { email: 'a@example.test', tags: [] },
      truncated: false,
    },
    response: {
      status: outcome === 'failed' ? 502 : 201,
      headers: { 'content-type': 'application/json' },
      body: outcome === 'failed' ? 'Bad gateway' : { id: 17, ok: true },
      truncated: outcome === 'failed',
    },
  };
}
