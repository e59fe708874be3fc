import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import { PALETTE_DRAG_TYPE } from '../canvas/Canvas';
import { NODE_HEIGHT, NODE_WIDTH, findFreeSpot } from '../graph/layout';
import { useEditorStore } from '../store/EditorContext';
import { paletteGroups } from './paletteModel';

/** Node types to add: click drops one in the middle of the view, or drag it to a spot. */
export function Palette() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const [filter, setFilter] = useState('');
  const groups = paletteGroups(nodeCatalog, filter);

  const addAtCenter = (type: string): void => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const center = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 400, y: 300 };
    const base = flow.screenToFlowPosition(center);
    // Several clicks in a row should not stack cards on top of each other.
    store.getState().addNode(type, findFreeSpot(store.getState().graph, { x: base.x - NODE_WIDTH / 2, y: base.y - NODE_HEIGHT / 2 }));
  };

  return (
    <aside className="palette" data-testid="palette">
      <input className="palette__filter" placeholder="Filter nodes…" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="palette-filter" />
      {groups.map((g) => (
        <section key={g.group}>
          <h3 className="palette__group">{g.title}</h3>
          {g.items.map((d) => (
            <button
              key={d.type}
              type="button"
              className={`palette__item palette__item--${d.group}`}
              data-testid={`palette-${d.type}`}
              title={d.description}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_DRAG_TYPE, d.type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addAtCenter(d.type)}
            >
              <span className="palette__title">{d.title}</span>
              <span className="palette__type">{d.type}</span>
            </button>
          ))}
        </section>
      ))}
      {groups.length === 0 && <p className="muted">No node type matches.</p>}
    </aside>
  );
}
