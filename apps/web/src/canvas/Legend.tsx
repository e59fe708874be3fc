import { useState } from 'react';

/** What the colours and line styles mean; collapsible so it never hides the canvas. */
export function Legend() {
  const [open, setOpen] = useState(true);
  return (
    <div className={`legend${open ? '' : ' legend--closed'}`} data-testid="legend">
      <button type="button" className="legend__toggle" onClick={() => setOpen(!open)} data-testid="btn-legend" aria-expanded={open}>
        {open ? 'Legend ▾' : 'Legend ▸'}
      </button>
      {open && (
        <ul className="legend__items">
          <li><span className="legend__line legend__line--next" /> next</li>
          <li><span className="legend__glyph legend__glyph--retry">↻</span> retry (loop on the node)</li>
          <li><span className="legend__line legend__line--fallback" /> fallback (on failure)</li>
          <li><span className="legend__line legend__line--compensate" /> undo (compensation)</li>
          <li><span className="legend__dot legend__dot--failure" /> failure handle · <span className="legend__dot legend__dot--undo" /> undo handle</li>
        </ul>
      )}
    </div>
  );
}
