import { useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { CardNode, FlowEdge } from '../toFlow';
import { isFar } from './farModel';
import { farScene, type FarScene, type GeometryCache } from './farScene';
import { createFarPainter } from './paintFarView';

/**
 * The far view: below FAR_ZOOM the editor's cards and edges are drawn on this one canvas, fixed
 * to the pane and redrawn in an animation frame from React Flow's viewport and nodes. The DOM
 * cards stay where they are, the same size, hidden but hit-testable (app.css `.is-far`), so React
 * Flow still selects and drags them; panning then paints one canvas instead of ~1,100 elements.
 */
export function FarView({ dragging, edges }: { dragging: { readonly current: ReadonlySet<string> }; edges: FlowEdge[] }) {
  const store = useStoreApi<CardNode, FlowEdge>();
  const ref = useRef<HTMLCanvasElement>(null);
  // The editor's edges: React Flow holds none while the view is far.
  const edgesRef = useRef(edges);
  edgesRef.current = edges;
  const redraw = useRef<() => void>(() => {});
  useEffect(() => redraw.current(), [edges]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const painter = createFarPainter(canvas);
    const geometry: GeometryCache = new Map();
    let scene: FarScene | undefined;
    let sceneEdges: unknown;
    // React Flow's internal nodes the scene was built from: it replaces a node's object when the
    // node changes or is measured, so comparing them tells whether the scene is stale.
    let sceneNodes: unknown[] = [];
    let drawn = false;
    // Names the drag in progress ('' when none): the still part of the view is drawn once per drag.
    let dragKey = '';
    let drags = 0;
    let edgesVersion = 0;
    let frame = 0;
    let microtask = false;

    const lookupChanged = (lookup: ReadonlyMap<string, unknown>): boolean => {
      let i = 0;
      for (const node of lookup.values()) if (sceneNodes[i++] !== node) return true;
      return i !== sceneNodes.length;
    };

    const draw = (): void => {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
      microtask = false;
      const state = store.getState();
      const [x, y, zoom] = state.transform;
      if (!isFar(zoom)) {
        if (drawn) painter.clear();
        drawn = false;
        canvas.dataset.cards = '0';
        canvas.dataset.onScreen = '0';
        return;
      }
      // Panning changes only the transform: the scene is rebuilt when nodes or edges change.
      const edgeList = edgesRef.current;
      if (!scene || sceneEdges !== edgeList || lookupChanged(state.nodeLookup)) {
        scene = farScene(state.nodeLookup.values(), edgeList, geometry);
        if (sceneEdges !== edgeList) edgesVersion += 1;
        sceneEdges = edgeList;
        sceneNodes = [...state.nodeLookup.values()];
      }
      // Cards being dragged: the rest of the view stays one image for the drag.
      const moving = dragging.current;
      // A drag's still image is also dropped if cards or edges come or go meanwhile.
      const stillKey = `${[...moving].join(',')}|${scene.cards.length}|${edgesVersion}`;
      if (moving.size === 0) dragKey = '';
      else if (!dragKey.endsWith(stillKey)) dragKey = `${++drags}:${stillKey}`;
      const onScreen = painter.paint(scene, { x, y, zoom }, state.width, state.height, { ids: moving, key: dragKey });
      drawn = true;
      // For tests and diagnostics: the cards the last frame placed (drawn or off screen), and those on screen.
      if (canvas.dataset.cards !== String(scene.cards.length)) canvas.dataset.cards = String(scene.cards.length);
      if (canvas.dataset.onScreen !== String(onScreen)) canvas.dataset.onScreen = String(onScreen);
      if (canvas.dataset.edges !== String(scene.edges.length)) canvas.dataset.edges = String(scene.edges.length);
    };
    const schedule = (): void => {
      if (frame === 0 && !microtask) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = store.subscribe((state, previous) => {
      if (!isFar(state.transform[2]) && !drawn) return;
      if (state.transform !== previous.transform || state.width !== previous.width || state.height !== previous.height || state.nodes !== previous.nodes) {
        schedule();
        return;
      }
      // Nothing the far view draws changed, unless React Flow measured cards: it replaces their
      // internal nodes and calls set({}) in its resize observer, just before the frame is painted.
      // Then draw in a microtask (once for all of them), so the canvas shows the cards in the same
      // frame as the DOM makes them visible.
      if (!microtask && lookupChanged(state.nodeLookup)) {
        microtask = true;
        queueMicrotask(draw);
      }
    });
    redraw.current = schedule;
    schedule();
    return () => {
      redraw.current = () => {};
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [store, dragging]);

  return <canvas ref={ref} className="far-view" data-testid="far-view" aria-hidden />;
}
