import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  getNodesBounds,
  getViewportForBounds,
  useReactFlow,
  useUpdateNodeInternals,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
  type OnConnectEnd,
  type Viewport,
} from '@xyflow/react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import { issuesByElement } from '../graph/issues';
import type { Point } from '../graph/model';
import { useEditor, useEditorStore } from '../store/EditorContext';
import { EmptyCanvas } from './EmptyCanvas';
import { FarView } from './far/FarView';
import { isFar } from './far/farModel';
import { NearDetailContext } from './far/nearDetail';
import { nearOnlyEdgeTypes } from './far/nearOnlyEdges';
import { Legend } from './Legend';
import { QuickAdd, type QuickAddRequest } from './QuickAdd';
import { NodeCard } from './NodeCard';
import { toFlowEdges, toFlowNodes, type CardNode, type FlowEdge, type FlowNodeCache } from './toFlow';
import { selectGraph, selectProblems, selectSelection } from '../store/selectors';

export const PALETTE_DRAG_TYPE = 'application/x-switchyard-node-type';

const nodeTypes: NodeTypes = { card: NodeCard };
const NO_EDGES: FlowEdge[] = [];
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.15 };
const MIN_ZOOM = 0.2;
/**
 * A workflow this large is opened without the near view's DOM detail (handles, SVG edges): it
 * fits below 30 % zoom, where the far view draws them, and building them first costs ~25 % of the
 * opening. A smaller one gets them from the start; either way they are built once the view is near.
 */
const DEFER_DETAIL_FROM = 100;

/**
 * The React Flow canvas, controlled by the editor store: every change goes to the store, and
 * the store's graph is drawn. Only measured sizes stay local (React Flow needs them back).
 */
export function Canvas() {
  const store = useEditorStore();
  const graph = useEditor(selectGraph);
  const selection = useEditor(selectSelection);
  const problems = useEditor(selectProblems);
  const flow = useReactFlow();
  const measured = useRef(new Map<string, { width?: number; height?: number }>());
  // The cards being dragged now (the far view keeps the rest of the view as one image meanwhile).
  const dragging = useRef<ReadonlySet<string>>(new Set());
  const [measuredVersion, setMeasuredVersion] = useState(0);

  const canvasRef = useRef<HTMLDivElement>(null);
  // Near-view detail (NearDetailContext): built the first time the view is at or above 30 %, then kept.
  const [nearDetail, setNearDetail] = useState(() => graph.nodes.length < DEFER_DETAIL_FROM);
  const nearDetailRef = useRef(nearDetail);
  // In the far view React Flow gets no edges: the canvas draws them, and 600 edge components
  // would each recompute their position on every move of a dragged card for nothing.
  const [farView, setFarView] = useState(!nearDetail);
  const farViewRef = useRef(farView);
  const onZoom = useCallback((zoom: number) => {
    canvasRef.current?.classList.toggle('is-far', isFar(zoom));
    // onMove fires every frame of a pan: React hears of the far view only when it comes or goes.
    if (farViewRef.current !== isFar(zoom)) {
      farViewRef.current = isFar(zoom);
      setFarView(farViewRef.current);
    }
    if (!nearDetailRef.current && !isFar(zoom)) {
      nearDetailRef.current = true;
      setNearDetail(true);
    }
  }, []);
  const updateNodeInternals = useUpdateNodeInternals();
  const deferredDetail = useRef(!nearDetail);
  useEffect(() => {
    // The cards were measured without handles: React Flow measures their new handles now, so that
    // it can draw the edges (their sizes do not change, so it would not on its own).
    if (!nearDetail || !deferredDetail.current) return;
    deferredDetail.current = false;
    updateNodeInternals(flow.getNodes().map((n) => n.id));
  }, [nearDetail, updateNodeInternals, flow]);

  const byElement = useMemo(() => issuesByElement(problems), [problems]);
  const flowNodeCache = useRef<FlowNodeCache>(new Map());
  const nodes = useMemo(
    () => toFlowNodes(graph, selection, nodeCatalog, byElement.nodes, measured.current, flowNodeCache.current),
    // measuredVersion: re-read the ref after React Flow reports sizes.
    [graph, selection, byElement, measuredVersion],
  );
  // A large workflow opens already fitted, from the cards' estimated sizes and the pane's size
  // read before the first paint: React Flow's own fit waits for every card to be measured, so the
  // first frames would show the top-left corner at 100 % (building the near view's detail) and
  // the far view would come a measuring pass later. undefined: not computed yet (nothing drawn).
  const [initialViewport, setInitialViewport] = useState<Viewport | null | undefined>(() => (nearDetail ? null : undefined));
  useLayoutEffect(() => {
    if (initialViewport !== undefined) return;
    const pane = canvasRef.current?.getBoundingClientRect();
    if (!pane || pane.width === 0 || pane.height === 0) return setInitialViewport(null);
    const viewport = getViewportForBounds(getNodesBounds(nodes), pane.width, pane.height, MIN_ZOOM, FIT_VIEW_OPTIONS.maxZoom, FIT_VIEW_OPTIONS.padding);
    // Far from the first frame: the DOM cards' content stays hidden, the far view draws them.
    onZoom(viewport.zoom);
    setInitialViewport(viewport);
  }, [initialViewport, nodes, onZoom]);

  // Edges depend on the edge list only: a drag (new node positions) keeps every edge object.
  const graphEdges = graph.edges;
  const edges = useMemo(() => toFlowEdges({ ...graph, edges: graphEdges }, selection, byElement.edges), [graphEdges, selection, byElement]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNode>[]) => {
      const moves = new Map<string, Point>();
      let isDragging = false;
      let dragEnded = false;
      let sized = false;
      let selectionChanged = false;
      const selected = new Set(store.getState().selection.nodes);
      const draggingNow = new Set(dragging.current);
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions) {
          measured.current.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
          sized = true;
        } else if (change.type === 'position') {
          if (change.position) moves.set(change.id, change.position);
          if (change.dragging) {
            isDragging = true;
            draggingNow.add(change.id);
          } else {
            dragEnded = true;
            draggingNow.delete(change.id);
          }
        } else if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
      }
      if (sized) setMeasuredVersion((v) => v + 1);
      dragging.current = draggingNow;
      if (moves.size > 0 || dragEnded) store.getState().moveNodes(moves, isDragging && !dragEnded);
      if (selectionChanged) store.getState().select({ ...store.getState().selection, nodes: [...selected] });
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const selected = new Set(store.getState().selection.edges);
      let changed = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        changed = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (changed) store.getState().select({ ...store.getState().selection, edges: [...selected] });
    },
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      store.getState().connect({ source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle });
    },
    [store],
  );

  const [quickAdd, setQuickAdd] = useState<QuickAddRequest | null>(null);
  // A drag from a handle that ends on empty canvas offers the nodes that fit there (UX.md).
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const bounds = canvasRef.current?.getBoundingClientRect();
      setQuickAdd({
        screen: { x: point.clientX - (bounds?.left ?? 0), y: point.clientY - (bounds?.top ?? 0) },
        flow: flow.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
        source: state.fromNode.id,
        sourceHandle: state.fromHandle.id ?? null,
      });
    },
    [flow],
  );
  const closeQuickAdd = useCallback(() => setQuickAdd(null), []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type || !nodeCatalog.has(type)) return;
      event.preventDefault();
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().addNode(type, position);
    },
    [flow, store],
  );

  return (
    <div ref={canvasRef} className="canvas" data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <NearDetailContext.Provider value={nearDetail}>
        {initialViewport !== undefined && (
          <ReactFlow<CardNode, FlowEdge>
            nodes={nodes}
            edges={farView ? NO_EDGES : edges}
            nodeTypes={nodeTypes}
            edgeTypes={nearOnlyEdgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            onPaneClick={() => store.getState().select({ nodes: [], edges: [] })}
            // The editor's own shortcuts handle Delete, so that deleting also goes through history.
            deleteKeyCode={null}
            {...(initialViewport ? { defaultViewport: initialViewport } : { fitView: true })}
            // A first node alone must not be blown up to twice its size (React Flow's default maxZoom 2).
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={MIN_ZOOM}
            proOptions={{ hideAttribution: true }}
            // Painting dominates panning a large workflow: cards drop their shadows while the view moves.
            onMoveStart={() => canvasRef.current?.classList.add('is-moving')}
            onMoveEnd={() => canvasRef.current?.classList.remove('is-moving')}
            // Zoomed far out, the far view draws title-only cards and the edges on a canvas; the DOM cards
            // and edges are hidden (sizes kept, cards still hit-testable) so panning paints one element.
            onMove={(_event, viewport) => onZoom(viewport.zoom)}
            onInit={(instance) => onZoom(instance.getZoom())}
          >
            <Background gap={20} />
            <FarView dragging={dragging} edges={edges} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable className="minimap" />
          </ReactFlow>
        )}
      </NearDetailContext.Provider>
      {graph.nodes.length === 0 && <EmptyCanvas />}
      <Legend />
      {quickAdd && (
        <QuickAdd
          request={quickAdd}
          onClose={closeQuickAdd}
          onPick={(type) => {
            store.getState().addConnectedNode(type, quickAdd.flow, { source: quickAdd.source, sourceHandle: quickAdd.sourceHandle });
            setQuickAdd(null);
          }}
        />
      )}
    </div>
  );
}
