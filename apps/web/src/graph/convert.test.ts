import { describe, expect, it } from 'vitest';
import type { Workflow } from '@switchyard/schema';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { fromWorkflow, toWorkflow } from './convert';

describe('fromWorkflow / toWorkflow', () => {
  for (const { key, workflow } of PARSED_EXAMPLES) {
    it(`round-trips ${key} without loss`, () => {
      const back = toWorkflow(fromWorkflow(workflow));
      // toStrictEqual: no key may appear as `undefined`; key order is not compared.
      expect(back).toStrictEqual(workflow);
      expect(JSON.parse(JSON.stringify(back))).toStrictEqual(workflow);
    });
  }

  it('turns a retry edge into a property of its node', () => {
    const saga = PARSED_EXAMPLES.find((e) => e.key === 'order-saga')?.workflow as Workflow;
    const graph = fromWorkflow(saga);
    const charge = graph.nodes.find((n) => n.id === 'charge');
    expect(charge?.retry?.id).toBe('r1');
    expect(charge?.retry?.policy.maxAttempts).toBe(3);
    expect(graph.edges.some((e) => e.kind === 'retry')).toBe(false);
    expect(graph.edges.filter((e) => e.kind === 'fallback')).toHaveLength(1);
    expect(graph.edges.filter((e) => e.kind === 'compensate')).toHaveLength(3);
  });

  it('keeps invalid retry edges (not a self-loop, a second one) as stray edges', () => {
    const wf: Workflow = {
      schemaVersion: 1,
      name: 'broken',
      nodes: [
        { id: 'a', type: 'trigger.manual' },
        { id: 'b', type: 'http.request', params: { method: 'GET', url: 'https://x' } },
      ],
      edges: [
        { id: 'r1', kind: 'retry', source: 'b', target: 'b', retry: { maxAttempts: 2 } },
        { id: 'e1', kind: 'next', source: 'a', target: 'b' },
        { id: 'r2', kind: 'retry', source: 'b', target: 'b', retry: { maxAttempts: 3 } },
        { id: 'r3', kind: 'retry', source: 'a', target: 'b', retry: { maxAttempts: 4 } },
      ],
    };
    const graph = fromWorkflow(wf);
    expect(graph.edges.filter((e) => e.kind === 'retry').map((e) => e.id)).toEqual(['r2', 'r3']);
    expect(toWorkflow(graph)).toStrictEqual(wf);
  });

  it('keeps every optional node field and the description', () => {
    const wf: Workflow = {
      schemaVersion: 1,
      name: 'all fields',
      description: 'd',
      nodes: [
        { id: 't', type: 'trigger.manual', name: 'Start', notes: 'n', position: { x: 1, y: 2 } },
        {
          id: 'h',
          type: 'http.request',
          integration: 'crm',
          credential: 'crm_key',
          params: { method: 'GET', url: 'https://x' },
          policy: { timeoutMs: 5, onFailure: 'continue', lastKnownGood: { maxAgeMs: 10, key: 'k' }, defer: { maxWaitMs: 9, checkEveryMs: 3 }, idempotencyKey: 'i' },
        },
      ],
      edges: [{ id: 'e1', kind: 'next', source: 't', target: 'h' }],
    };
    expect(toWorkflow(fromWorkflow(wf))).toStrictEqual(wf);
  });

  it('does not share objects with its input', () => {
    const saga = PARSED_EXAMPLES[0]?.workflow as Workflow;
    const graph = fromWorkflow(saga);
    const node = graph.nodes[1];
    if (node?.params) node.params.url = 'changed';
    expect(saga.nodes[1]?.params?.url).not.toBe('changed');
  });
});
