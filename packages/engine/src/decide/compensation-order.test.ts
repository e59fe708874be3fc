import { describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { compensationsDue, producerOf, standInChain } from './compensation-order.js';
import { compileGraph } from '../graph.js';
import type { NodeRunRecord, OutputSource } from '../records.js';
import { newNodeRun } from './state.js';

const http = (id: string) => ({ id, type: 'http.request', params: { method: 'POST', url: 'http://x' } });
const saga: Workflow = {
  schemaVersion: 1,
  name: 'saga',
  nodes: [{ id: 't', type: 'trigger.manual' }, http('reserve'), http('release'), http('charge'), http('backup'), http('refund'), http('refund_backup'), http('lookup')],
  edges: [
    { id: 'e1', kind: 'next', source: 't', target: 'reserve' },
    { id: 'e2', kind: 'next', source: 'reserve', target: 'charge' },
    { id: 'e3', kind: 'next', source: 'charge', target: 'lookup' },
    { id: 'f', kind: 'fallback', source: 'charge', target: 'backup' },
    { id: 'c1', kind: 'compensate', source: 'reserve', target: 'release' },
    { id: 'c2', kind: 'compensate', source: 'charge', target: 'refund' },
    { id: 'c3', kind: 'compensate', source: 'backup', target: 'refund_backup' },
  ],
};
const graph = compileGraph(saga);

function nodes(states: Record<string, [NodeRunRecord['status'], OutputSource | null, number | null]>): Map<string, NodeRunRecord> {
  return new Map(
    graph.order.map((id) => {
      const [status, source, completedSeq] = states[id] ?? ['skipped', null, null];
      return [id, { ...newNodeRun('r', id), status, source, completedSeq }];
    }),
  );
}

describe('compensation (semantics.md)', () => {
  it('undoes succeeded nodes with a compensate edge, latest completion first', () => {
    const n = nodes({ t: ['succeeded', 'self', 1], reserve: ['succeeded', 'self', 2], charge: ['succeeded', 'self', 3], lookup: ['failed', null, null] });
    expect(compensationsDue(graph, n).map((x) => x.nodeId)).toEqual(['charge', 'reserve']);
  });

  it('undoes a node that succeeded through a fallback at the fallback target that produced it', () => {
    const n = nodes({ reserve: ['succeeded', 'self', 2], charge: ['succeeded', 'fallback:backup', 4], backup: ['succeeded', 'self', 3] });
    expect(producerOf(n, 'charge')).toBe('backup');
    expect(standInChain(n, 'charge')).toEqual(['charge', 'backup']);
    expect(compensationsDue(graph, n).map((x) => x.nodeId)).toEqual(['charge', 'reserve']);
  });

  it('does not undo a last-known-good value, which caused no effect', () => {
    const n = nodes({ reserve: ['succeeded', 'last_known_good', 2] });
    expect(producerOf(n, 'reserve')).toBeUndefined();
    expect(compensationsDue(graph, n)).toEqual([]);
  });

  it('leaves nodes already compensated, and keeps the one being compensated due', () => {
    const n = nodes({ reserve: ['compensating', 'self', 2], charge: ['compensated', 'self', 3] });
    expect(compensationsDue(graph, n).map((x) => x.nodeId)).toEqual(['reserve']);
  });
});
