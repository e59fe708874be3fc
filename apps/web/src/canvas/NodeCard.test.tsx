import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { fromWorkflow } from '../graph/convert';
import { NearDetailContext } from './far/nearDetail';
import { NodeCard } from './NodeCard';
import { estimatedCardHeight, toFlowNodes, type CardNode } from './toFlow';
import type { Workflow } from '@switchyard/schema';

afterEach(cleanup);

const SWITCH_WORKFLOW: Workflow = {
  schemaVersion: 1,
  name: 'route',
  nodes: [
    { id: 'start', type: 'trigger.manual', params: {} },
    {
      id: 'route',
      type: 'switch',
      params: { cases: [{ name: 'billing', condition: true }, { name: 'bug', condition: false }, { name: 'urgent', condition: false }] },
    },
  ],
  edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'route' }],
};

function card(id: string, near: boolean, workflow: Workflow = PARSED_EXAMPLES.find((e) => e.key === 'order-saga')!.workflow) {
  const node = toFlowNodes(fromWorkflow(workflow), { nodes: [], edges: [] }, nodeCatalog, new Map(), new Map()).find((n) => n.id === id)!;
  const props = { id, data: node.data, selected: false, type: 'card', dragging: false, zIndex: 0, isConnectable: true, positionAbsoluteX: 0, positionAbsoluteY: 0, draggable: true, selectable: true, deletable: true } as unknown as NodeProps<CardNode>;
  return render(
    <ReactFlowProvider>
      <NearDetailContext.Provider value={near}>
        <NodeCard {...props} />
      </NearDetailContext.Provider>
    </ReactFlowProvider>,
  );
}

describe('NodeCard', () => {
  it('near: shows title, summary and badges', () => {
    card('reserve', true);
    const el = screen.getByTestId('node-card-reserve');
    expect(el.textContent).toContain('POST /reservations');
    expect(el.querySelector('.node-card__badges')).not.toBeNull();
  });

  it('before the near detail is built: an empty box of the estimated size, for the far view to draw over', () => {
    card('reserve', false);
    const el = screen.getByTestId('node-card-reserve');
    expect(el.children).toHaveLength(0);
    expect(el.className).toContain('node-card--shell');
    expect(el.style.height).toBe(`${estimatedCardHeight(1)}px`);
  });

  it('a switch draws one output handle per case, in order, then default, labelled by the case name', () => {
    card('route', true, SWITCH_WORKFLOW);
    const el = screen.getByTestId('node-card-route');
    const labels = [...el.querySelectorAll('.handle--branch .handle__label')];
    expect(labels.map((l) => l.textContent)).toEqual(['billing', 'bug', 'urgent', 'default']);
    expect(labels.map((l) => l.getAttribute('title'))).toEqual(['case:billing', 'case:bug', 'case:urgent', 'default']);
    expect(el.style.minHeight).toBe('110px');
  });
});
