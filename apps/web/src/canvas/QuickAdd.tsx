import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
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
  // The item Enter picks; the arrow keys move it, typing starts again at the first match.
  const [active, setActive] = useState(0);
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
  const items = groups.flatMap((g) => g.items);
  const current = Math.min(active, Math.max(0, items.length - 1));
  const onFilterKey = (e: ReactKeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length > 0) setActive((current + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const picked = items[current];
      if (picked) onPick(picked.type);
    }
  };
  return (
    <div ref={ref} className="quick-add" style={{ left: request.screen.x, top: request.screen.y }} data-testid="quick-add" role="menu">
      <input
        className="palette__filter"
        autoFocus
        placeholder="Add a node…"
        aria-label="Add a node: type to filter, arrows to choose, Enter to add"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onFilterKey}
        data-testid="quick-add-filter"
      />
      {items.map((d, i) => (
        <button key={d.type} type="button" role="menuitem" className={`quick-add__item${i === current ? ' is-active' : ''}`} data-active={i === current ? 'true' : undefined} data-testid={`quick-add-${d.type}`} onClick={() => onPick(d.type)}>
          {d.title} <span className="palette__type">{d.type}</span>
        </button>
      ))}
    </div>
  );
}
