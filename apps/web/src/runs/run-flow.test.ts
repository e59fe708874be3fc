import { describe, expect, it } from 'vitest';
import { layoutNodes, runFlow } from './run-flow';
import { fixtureRun, fixtureWorkflow } from './fixture';

describe('runFlow', () => {
  it('colours nodes by status and marks taken edges, without retry edges', () => {
    const flow = runFlow(fixtureWorkflow, fixtureRun().nodes);
    expect(flow.nodes.find((n) => n.id === 'charge')).toMatchObject({ look: { tone: 'compensation' }, attempts: 2 });
    expect(flow.nodes.find((n) => n.id === 'hold')?.look.tone).toBe('skipped');
    expect(flow.edges.map((e) => e.id)).not.toContain('r1');
    expect(flow.edges.filter((e) => e.taken).map((e) => e.id).sort()).toEqual(['c2', 'e1', 'e2', 'e3', 'f1']);
    expect(flow.edges.find((e) => e.id === 'e4')).toMatchObject({ taken: false, faded: true, label: 'false' });
    expect(flow.edges.find((e) => e.id === 'f1')?.label).toBe('on: server #1');
  });

  it('shows nodes the run has no record of as not reached', () => {
    const flow = runFlow(fixtureWorkflow, []);
    expect(flow.nodes.every((n) => n.run === undefined && n.look.tone === 'pending')).toBe(true);
  });
});

describe('layoutNodes', () => {
  it('puts the main path left to right and failure targets beneath their source', () => {
    const p = layoutNodes(fixtureWorkflow);
    const x = (id: string) => p.get(id)!.x;
    const y = (id: string) => p.get(id)!.y;
    expect(x('in')).toBeLessThan(x('charge'));
    expect(x('charge')).toBeLessThan(x('check'));
    expect(x('check')).toBeLessThan(x('ship'));
    expect(x('ship')).toBe(x('hold'));
    expect(x('charge_backup')).toBe(x('charge'));
    expect(y('charge_backup')).toBeGreaterThan(y('hold'));
    // Compensation targets: half a column left, under the undo handle.
    expect(x('refund')).toBeLessThan(x('charge'));
    expect(x('refund')).toBeGreaterThan(x('in'));
    expect(x('refund_backup')).toBe(x('refund'));
    expect(y('refund_backup')).toBeGreaterThan(y('refund'));
  });

  it('survives a cycle and keeps authored positions', () => {
    const cyc = { nodes: [{ id: 'a', type: 't' }, { id: 'b', type: 't' }], edges: [{ id: 'x', kind: 'next' as const, source: 'a', target: 'b' }, { id: 'y', kind: 'next' as const, source: 'b', target: 'a' }] };
    expect(layoutNodes(cyc).size).toBe(2);
    const placed = runFlow({ nodes: [{ id: 'a', type: 't', position: { x: 5, y: 7 } }], edges: [] }, []);
    expect(placed.nodes[0]!.position).toEqual({ x: 5, y: 7 });
  });
});
