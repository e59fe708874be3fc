import { describe, expect, it } from 'vitest';
import type { AttemptRecord, IntegrationRecord, StoredWorkflow } from '@switchyard/engine';
import { failure } from '@switchyard/schema';
import type { Workflow } from '@switchyard/schema';
import { newNodeRun } from '@switchyard/engine';
import type { RunHistoryItem } from '../runs/run-history.js';
import { adviseWorkflow } from './advice.js';
import { applyChange } from './apply-change.js';

// Advice is a pure function of run history: these tests give it exact histories (durations
// especially, which a live upstream cannot give exactly); the HTTP tests run it on real runs.

const workflow = (definition: Workflow, version = 1): StoredWorkflow => ({ id: 'wf', version, active: false, definition, createdAt: 0, updatedAt: 0 });
const pay = (timeoutMs?: number): Workflow => ({
  schemaVersion: 1,
  name: 'w',
  nodes: [
    { id: 't', type: 'trigger.manual' },
    { id: 'charge', type: 'http.request', integration: 'pay', params: {}, ...(timeoutMs === undefined ? {} : { policy: { timeoutMs } }) },
  ],
  edges: [{ id: 'e', kind: 'next', source: 't', target: 'charge' }],
});

function attempt(runId: string, number: number, outcome: 'succeeded' | 'failed', durationMs: number, category?: 'timeout' | 'server'): AttemptRecord {
  return {
    runId,
    nodeId: 'charge',
    number,
    epoch: 1,
    startedAt: number,
    finishedAt: number + durationMs,
    durationMs,
    outcome,
    error: category ? failure(category, category) : null,
    delayBeforeMs: 0,
    request: null,
    response: null,
  };
}

function history(stored: StoredWorkflow, runs: AttemptRecord[][]): RunHistoryItem[] {
  return runs.map((attempts, i) => ({
    run: { id: `r${i}`, workflowId: stored.id, workflowVersion: stored.version, status: 'succeeded', degraded: false, phase: 'ended', trigger: { kind: 'manual', body: null }, createdAt: i, startedAt: i, finishedAt: i, stopReason: null, completionSeq: 0, mode: 'production' },
    version: stored,
    nodes: [{ ...newNodeRun(`r${i}`, 'charge'), status: attempts.at(-1)?.outcome === 'succeeded' ? 'succeeded' : 'failed', source: 'self' }],
    attempts,
  }));
}

const integrations = new Map<string, IntegrationRecord>([['pay', { id: 'pay', name: 'Pay', baseUrl: 'http://pay', timeoutMs: 1_000, credential: null, createdAt: 0, updatedAt: 0 }]]);

describe('timeout advice', () => {
  it('advises a longer timeout when successful calls reach close to it and some time out', () => {
    const stored = workflow(pay(2_000));
    const fast = Array.from({ length: 17 }, (_, i) => [attempt(`f${i}`, 1, 'succeeded', 900 + i * 60)]);
    const timedOut = Array.from({ length: 3 }, (_, i) => [attempt(`t${i}`, 1, 'failed', 2_000, 'timeout')]);
    const [advice] = adviseWorkflow(stored, history(stored, [...fast, ...timedOut]), integrations);
    // Successful calls: 900..1860 ms; p95 and p99 (nearest rank of 17) 1860 >= 0.8 x 2000; to = ceil(2000 x 1.5 / 500) x 500.
    expect(advice).toMatchObject({ kind: 'raise_timeout', id: 'raise_timeout:wf:1:charge', integration: 'pay', change: { kind: 'set_timeout', nodeId: 'charge', from: 2_000, to: 3_000 } });
    expect(advice!.evidence).toBe('3 of 20 attempts timed out at 2000 ms; successful calls to pay took p95 1860 ms, p99 1860 ms (17 calls): the timeout cuts off the latency tail');
  });

  it("takes the integration's timeout when the node sets none", () => {
    const stored = workflow(pay());
    const runs = [...Array.from({ length: 10 }, () => [attempt('a', 1, 'succeeded', 950)]), ...Array.from({ length: 3 }, () => [attempt('b', 1, 'failed', 1_000, 'timeout')])];
    expect(adviseWorkflow(stored, history(stored, runs), integrations)[0]?.change).toEqual({ kind: 'set_timeout', nodeId: 'charge', from: 1_000, to: 1_500 });
  });

  it('stays quiet when the timeouts are rare or the latency tail is far below the timeout', () => {
    const stored = workflow(pay(2_000));
    const quick = Array.from({ length: 20 }, () => [attempt('q', 1, 'succeeded', 300)]);
    const timeouts = Array.from({ length: 3 }, () => [attempt('t', 1, 'failed', 2_000, 'timeout')]);
    expect(adviseWorkflow(stored, history(stored, [...quick, ...timeouts]), integrations)).toEqual([]);
    const near = Array.from({ length: 100 }, () => [attempt('n', 1, 'succeeded', 1_900)]);
    expect(adviseWorkflow(stored, history(stored, [...near, ...timeouts.slice(0, 2)]), integrations)).toEqual([]);
  });

  it('only counts runs of the version the advice is for', () => {
    const old = workflow(pay(2_000), 1);
    const runs = [...Array.from({ length: 10 }, () => [attempt('a', 1, 'succeeded', 1_900)]), ...Array.from({ length: 3 }, () => [attempt('b', 1, 'failed', 2_000, 'timeout')])];
    expect(adviseWorkflow(workflow(pay(2_000), 2), history(old, runs), integrations)).toEqual([]);
  });
});

describe('applying a change', () => {
  it('sets a timeout, keeping the rest of the policy, without touching the original', () => {
    const original = pay(2_000);
    const result = applyChange(original, { kind: 'set_timeout', nodeId: 'charge', from: 2_000, to: 3_000 });
    expect(result.ok && result.workflow.nodes[1]?.policy).toEqual({ timeoutMs: 3_000 });
    expect(original.nodes[1]?.policy).toEqual({ timeoutMs: 2_000 });
  });

  it('refuses a change whose node or edge is gone, or whose value moved on', () => {
    expect(applyChange(pay(), { kind: 'set_timeout', nodeId: 'gone', from: 1, to: 2 })).toEqual({ ok: false, reason: "node 'gone' is gone" });
    expect(applyChange(pay(), { kind: 'remove_edge', edgeId: 'r' })).toEqual({ ok: false, reason: "edge 'r' is gone" });
    const retried: Workflow = { ...pay(), edges: [...pay().edges, { id: 'r', kind: 'retry', source: 'charge', target: 'charge', retry: { maxAttempts: 4 } }] };
    expect(applyChange(retried, { kind: 'set_max_attempts', edgeId: 'r', from: 5, to: 2 })).toEqual({ ok: false, reason: 'maxAttempts is 4 now, not 5' });
    const removed = applyChange(retried, { kind: 'remove_edge', edgeId: 'r' });
    expect(removed.ok && removed.workflow.edges.map((e) => e.id)).toEqual(['e']);
  });
});
