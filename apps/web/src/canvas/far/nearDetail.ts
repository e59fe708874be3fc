import { createContext } from 'react';

/**
 * Whether the DOM's near-view detail is built: the cards' content and handles, and React Flow's
 * SVG edges (without it a card is an empty box of its estimated size).
 * The editor leaves it out until the view is first at or above FAR_ZOOM (a large workflow opens
 * in the far view, where the canvas draws handles and edges), then keeps it. Outside the editor's
 * canvas (a card rendered alone) it is built.
 */
export const NearDetailContext = createContext(true);
