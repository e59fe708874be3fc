import { useEffect, useRef, useState } from 'react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import { paletteGroups } from '../palette/paletteModel';

export interface QuickAddRequest {
  /** Where the drag ended, in screen and flow coordinates. */
  screen: { x: number; y: number };
  flow: { x: number; y: number };
  source: string;
  sourceHandle: string | null;
}

/**
 * The palette, filtered to nodes that fit, where a connection was dropped on empty canvas:
 * anything that can take an input (no triggers).
 */
export function QuickAdd({ request, onPick, onClose }: { request: QuickAddRequest; onPick: (type: string) => void; onClose: () => void }) {
  const [filter, setFilter] = useState('');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  const groups = paletteGroups(nodeCatalog, filter).filter((g) => g.group !== 'trigger');
  return (
    <div ref={ref} className="quick-add" style={{ left: request.screen.x, top: request.screen.y }} data-testid="quick-add" role="menu">
      <input className="palette__filter" autoFocus placeholder="Add a node…" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="quick-add-filter" />
      {groups.flatMap((g) => g.items).map((d) => (
        <button key={d.type} type="button" role="menuitem" className="quick-add__item" data-testid={`quick-add-${d.type}`} onClick={() => onPick(d.type)}>
          {d.title} <span className="palette__type">{d.type}</span>
        </button>
      ))}
    </div>
  );
}
