import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NodePolicy, RetryPolicy, ValidationResult, Workflow } from '@switchyard/schema';
import { loadChecks, loadedChecks, type Checks } from '../checks/loadChecks';
import { copySelection, pasteFragment, type Fragment } from '../graph/clipboard';
import { fromWorkflow, toWorkflow } from '../graph/convert';
import { canRedo, canUndo, createHistory, push, redo, replace, undo, type History } from '../graph/history';
import { locateIssues, type LocatedIssue } from '../graph/issues';
import { autoLayout } from '../graph/layout';
import { EMPTY_SELECTION, emptyGraph, type Graph, type Point, type Selection, type WorkflowMeta } from '../graph/model';
import * as ops from '../graph/operations';
import { defaultParamsFor } from '../graph/defaults';
import { clearDraft, readDraft, writeDraft, type DraftStorage } from './drafts';

/** What the server said about the stored workflow (absent for a new one). */
export interface ServerInfo {
  id: string | null;
  version: number | null;
  active: boolean;
}

export interface EditorState {
  server: ServerInfo;
  history: History<Graph>;
  /** Always `history.present`; kept as a field so selectors stay simple. */
  graph: Graph;
  /** The workflow JSON of `graph`, and its validation: recomputed on every change. */
  workflow: Workflow;
  validation: ValidationResult;
  problems: LocatedIssue[];
  /**
   * True while `validation` and `problems` are not yet those of `graph`: the validator is still
   * loading (checks.ts, loaded on demand), or a large stored workflow waits for the page to be idle.
   */
  checking: boolean;
  selection: Selection;
  dirty: boolean;
  /** True when the editor opened unsaved work from an earlier session. */
  restoredDraft: boolean;
  clipboard: Fragment | null;
  /** Consecutive changes with the same key form one undo step (typing, one drag). */
  coalesceKey: string | null;

  apply(change: (graph: Graph) => Graph, coalesceKey?: string): void;
  endCoalescing(): void;
  addNode(type: string, position: Point): string;
  connect(request: ops.ConnectRequest): string | null;
  /** A drag from a handle dropped on empty canvas: a new node there, connected, as one undo step. */
  addConnectedNode(type: string, position: Point, from: { source: string; sourceHandle?: string | null }): string;
  select(selection: Selection): void;
  deleteSelection(): void;
  updateParams(nodeId: string, params: Record<string, unknown> | undefined, coalesceKey?: string): void;
  updatePolicy(nodeId: string, policy: NodePolicy | undefined, coalesceKey?: string): void;
  updateNodeFields(nodeId: string, patch: ops.NodeFieldsPatch, coalesceKey?: string): void;
  renameNode(from: string, to: string): boolean;
  setRetry(nodeId: string, policy: RetryPolicy, coalesceKey?: string): void;
  removeRetry(nodeId: string): void;
  updateEdge(edgeId: string, patch: ops.EdgePatch, coalesceKey?: string): void;
  updateMeta(meta: WorkflowMeta, coalesceKey?: string): void;
  /** `dragging` moves coalesce into one undo step, ended by a final move. */
  moveNodes(positions: ReadonlyMap<string, Point>, dragging: boolean): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  layout(): Promise<void>;
  /** Replaces the whole graph (import); one undo step. */
  replaceWorkflow(workflow: Workflow): void;
  /** After a successful save: the graph is now the stored version; the draft goes. */
  markSaved(server: ServerInfo): void;
  setActive(active: boolean): void;
  /** Forgets the unsaved draft of this workflow (the caller reopens the stored version). */
  discardDraft(): void;
  /** Resolves once `validation` is that of the current graph (loading the validator if need be). */
  checkNow(): Promise<void>;
  canUndo(): boolean;
  canRedo(): boolean;
}

export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreOptions {
  server?: ServerInfo;
  /** The stored workflow; absent for a new one. */
  workflow?: Workflow;
  storage?: DraftStorage;
}

/**
 * A stored workflow this large is shown before it is validated: the server stores only valid
 * workflows, and loading the validator and validating 500 nodes (every template parsed) costs a
 * few hundred ms of a cold page load. Its warnings (unknown integrations) appear a moment later.
 * Drafts, which may be invalid, and smaller workflows are validated as soon as the validator has
 * loaded (at once when it already has).
 */
export const VALIDATE_AFTER_FIRST_RENDER_NODES = 100;

type Checked = Pick<EditorState, 'workflow' | 'validation' | 'problems' | 'checking'>;

/** Until the validator has run: no problems shown, and `checking` says so. */
function notCheckedYet(graph: Graph): Checked {
  const workflow = toWorkflow(graph);
  return { workflow, validation: { ok: true, workflow, warnings: [] }, problems: [], checking: true };
}

/** Runs `fn` once the browser is idle (after the first render), or soon in environments without idle callbacks. */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 0);
}

function validate(graph: Graph, checks: Checks): Checked {
  const workflow = toWorkflow(graph);
  const validation = checks.validate(workflow);
  const problems = locateIssues(workflow, validation.ok ? [] : validation.issues, validation.warnings);
  return { workflow, validation, problems, checking: false };
}

/** Drops selected ids that no longer exist (after undo, delete, import). */
function pruneSelection(graph: Graph, selection: Selection): Selection {
  const nodes = new Set(graph.nodes.map((n) => n.id));
  const edges = new Set(graph.edges.map((e) => e.id));
  for (const n of graph.nodes) if (n.retry) edges.add(n.retry.id);
  const next = { nodes: selection.nodes.filter((id) => nodes.has(id)), edges: selection.edges.filter((id) => edges.has(id)) };
  return next.nodes.length === selection.nodes.length && next.edges.length === selection.edges.length ? selection : next;
}

function looksLikeWorkflow(value: unknown): value is Workflow {
  const v = value as Partial<Workflow> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.nodes) && Array.isArray(v.edges);
}

/** One store per open editor (never a module singleton): two editors never share state. */
export function createEditorStore(options: EditorStoreOptions = {}): EditorStore {
  const server: ServerInfo = options.server ?? { id: null, version: null, active: false };
  const storage = options.storage;
  const draft = readDraft(storage, server.id);
  const fromDraft = draft !== null && looksLikeWorkflow(draft.workflow);
  const initial = fromDraft ? fromWorkflow(draft.workflow) : options.workflow ? fromWorkflow(options.workflow) : emptyGraph();
  const validateLater = !fromDraft && options.workflow !== undefined && initial.nodes.length >= VALIDATE_AFTER_FIRST_RENDER_NODES;
  const checksAtStart = validateLater ? undefined : loadedChecks();

  const store = createStore<EditorState>()((set, get) => {
    /** Validates the graph as it is then, once the validator has loaded (one wait at a time). */
    let waiting: Promise<void> | null = null;
    const validateWhenLoaded = (): Promise<void> =>
      (waiting ??= loadChecks().then(
        (checks) => {
          waiting = null;
          if (get().checking) set(validate(get().graph, checks));
        },
        () => {
          // Not loaded (offline?): still `checking`; the next change or save tries again.
          waiting = null;
        },
      ));
    /** The graph's workflow and validation; without the validator yet, the last validation stays until it loads. */
    const check = (graph: Graph): Partial<Checked> => {
      const checks = loadedChecks();
      if (checks !== undefined) return validate(graph, checks);
      void validateWhenLoaded();
      return { workflow: toWorkflow(graph), checking: true };
    };

    /**
     * Every graph change goes through here: history, validation, dirty flag, draft.
     * `positionsOnly`: a drag frame. Positions cannot make a workflow valid or invalid and issue
     * paths are indexes, so validation is kept, and the draft is written when the drag ends.
     */
    const commit = (next: Graph, mode: 'push' | 'replace', coalesceKey: string | null, selection?: Selection, positionsOnly = false): void => {
      const state = get();
      if (next === state.graph && selection === undefined) return;
      const history = mode === 'push' ? push(state.history, next) : replace(state.history, next);
      set({
        history,
        graph: history.present,
        // A drag moves cards every frame: the workflow JSON (a deep copy of every node) follows when it ends.
        ...(positionsOnly ? {} : check(history.present)),
        selection: pruneSelection(history.present, selection ?? state.selection),
        dirty: true,
        coalesceKey,
      });
      if (!positionsOnly) persist();
    };
    const change = (fn: (g: Graph) => Graph, coalesceKey?: string): void => {
      const state = get();
      const next = fn(state.graph);
      if (next === state.graph) return;
      const key = coalesceKey ?? null;
      const coalesce = key !== null && key === state.coalesceKey;
      commit(next, coalesce ? 'replace' : 'push', key);
    };
    const persist = (): void => {
      const state = get();
      if (!state.dirty) return;
      writeDraft(storage, state.server.id, { workflow: state.workflow, baseVersion: state.server.version, savedAt: new Date().toISOString() });
    };
    const travel = (fn: (h: History<Graph>) => History<Graph>): void => {
      const state = get();
      const history = fn(state.history);
      if (history === state.history) return;
      set({ history, graph: history.present, ...check(history.present), selection: pruneSelection(history.present, state.selection), dirty: true, coalesceKey: null });
      persist();
    };

    return {
      server,
      history: createHistory(initial),
      graph: initial,
      ...(checksAtStart === undefined ? notCheckedYet(initial) : validate(initial, checksAtStart)),
      selection: EMPTY_SELECTION,
      dirty: fromDraft,
      restoredDraft: fromDraft,
      clipboard: null,
      coalesceKey: null,

      apply: change,
      endCoalescing: () => set({ coalesceKey: null }),
      addNode: (type, position) => {
        const params = defaultParamsFor(type);
        const result = ops.addNode(get().graph, params === undefined ? { type, position } : { type, position, params });
        commit(result.graph, 'push', null, { nodes: [result.id], edges: [] });
        return result.id;
      },
      connect: (request) => {
        const result = ops.connect(get().graph, request);
        if (result.id !== null) commit(result.graph, 'push', null, { nodes: [], edges: [result.id] });
        return result.id;
      },
      addConnectedNode: (type, position, from) => {
        const params = defaultParamsFor(type);
        const added = ops.addNode(get().graph, params === undefined ? { type, position } : { type, position, params });
        const connected = ops.connect(added.graph, { source: from.source, target: added.id, sourceHandle: from.sourceHandle ?? null });
        commit(connected.graph, 'push', null, { nodes: [added.id], edges: [] });
        return added.id;
      },
      select: (selection) => set({ selection, coalesceKey: null }),
      deleteSelection: () => {
        const { graph, selection } = get();
        if (selection.nodes.length === 0 && selection.edges.length === 0) return;
        commit(ops.deleteSelection(graph, selection), 'push', null, EMPTY_SELECTION);
      },
      updateParams: (id, params, key) => change((g) => ops.updateParams(g, id, params), key),
      updatePolicy: (id, policy, key) => change((g) => ops.updatePolicy(g, id, policy), key),
      updateNodeFields: (id, patch, key) => change((g) => ops.updateNodeFields(g, id, patch), key),
      renameNode: (from, to) => {
        const next = ops.renameNode(get().graph, from, to);
        if (next === get().graph) return false;
        const selection = get().selection;
        commit(next, 'push', null, { ...selection, nodes: selection.nodes.map((n) => (n === from ? to : n)) });
        return true;
      },
      setRetry: (id, policy, key) => change((g) => ops.setRetry(g, id, policy), key),
      removeRetry: (id) => change((g) => ops.removeRetry(g, id)),
      updateEdge: (id, patch, key) => change((g) => ops.updateEdge(g, id, patch), key),
      updateMeta: (meta, key) => change((g) => ops.updateMeta(g, meta), key),
      moveNodes: (positions, dragging) => {
        // Every move of one drag is one undo step; the key ends when the drag ends.
        const state = get();
        const next = ops.moveNodes(state.graph, positions);
        if (next !== state.graph) commit(next, state.coalesceKey === 'move' ? 'replace' : 'push', 'move', undefined, true);
        if (!dragging) {
          set({ coalesceKey: null, workflow: toWorkflow(get().graph) });
          persist();
        }
      },
      undo: () => travel(undo),
      redo: () => travel(redo),
      copy: () => {
        const { graph, selection } = get();
        if (selection.nodes.length > 0) set({ clipboard: copySelection(graph, selection) });
      },
      paste: () => {
        const { clipboard, graph } = get();
        if (!clipboard || clipboard.nodes.length === 0) return;
        const result = pasteFragment(graph, clipboard);
        commit(result.graph, 'push', null, result.selection);
        // The next paste lands further along instead of on top of this one.
        set({ clipboard: copySelection(result.graph, result.selection) });
      },
      layout: async () => {
        const before = get().graph;
        const next = await autoLayout(before);
        // A change made while ELK ran wins over the layout.
        if (get().graph === before) commit(next, 'push', null);
      },
      replaceWorkflow: (workflow) => commit(fromWorkflow(workflow), 'push', null, EMPTY_SELECTION),
      markSaved: (info) => {
        clearDraft(storage, get().server.id);
        clearDraft(storage, info.id);
        set({ server: info, dirty: false, restoredDraft: false });
      },
      setActive: (active) => set({ server: { ...get().server, active } }),
      discardDraft: () => {
        clearDraft(storage, get().server.id);
        set({ dirty: false, restoredDraft: false });
      },
      checkNow: () => (get().checking ? validateWhenLoaded() : Promise.resolve()),
      canUndo: () => canUndo(get().history),
      canRedo: () => canRedo(get().history),
    };
  });
  // A change made meanwhile is validated when it is made (or when the validator has loaded).
  if (validateLater) whenIdle(() => void store.getState().checkNow());
  else if (checksAtStart === undefined) void store.getState().checkNow();
  return store;
}
