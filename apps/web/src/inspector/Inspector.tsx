import { useState } from 'react';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import { outputsOf } from '../canvas/cardModel';
import { isValidNodeId } from '../graph/ids';
import type { CanvasNode } from '../graph/model';
import { findEdge, findNode } from '../graph/operations';
import { useEditor, useEditorStore } from '../store/EditorContext';
import { Bindings } from './Bindings';
import { ExpressionScope } from './expression/ExpressionInput';
import { EdgeForm } from './EdgeForm';
import { TextField } from './Fields';
import { ParamsForm } from './ParamsForm';
import { PolicyForm, type FallbackSummary } from './PolicyForm';
import { selectGraph, selectMeta, selectSelection } from '../store/selectors';

type Tab = 'params' | 'failure' | 'notes';

/** The right-hand panel: the selected node, else the selected edge, else the workflow itself. */
export function Inspector() {
  const graph = useEditor(selectGraph);
  const selection = useEditor(selectSelection);
  const nodeId = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
  const edgeId = selection.nodes.length === 0 && selection.edges.length === 1 ? selection.edges[0] : undefined;
  const node = nodeId === undefined ? undefined : findNode(graph, nodeId);
  const edge = edgeId === undefined ? undefined : findEdge(graph, edgeId);
  return (
    <aside className="inspector" data-testid="inspector">
      {node ? <NodeInspector key={node.id} node={node} /> : edge ? <EdgeInspector edgeId={edge.id} /> : selection.nodes.length > 1 ? <p className="muted">{selection.nodes.length} nodes selected. Delete, copy or move them together.</p> : <WorkflowInspector />}
    </aside>
  );
}

function NodeInspector({ node }: { node: CanvasNode }) {
  const store = useEditorStore();
  const graph = useEditor(selectGraph);
  const [tab, setTab] = useState<Tab>('params');
  const [idError, setIdError] = useState<string | null>(null);
  const info = nodeCatalog.get(node.type);
  const fallbacks: FallbackSummary[] = graph.edges.flatMap((e) => (e.kind === 'fallback' && e.source === node.id ? [{ id: e.id, target: e.target, order: e.order ?? 1, on: e.on }] : [])).sort((a, b) => a.order - b.order);
  const key = (field: string): string => `${node.id}:${field}`;
  const s = store.getState;
  const otherNodeIds = graph.nodes.filter((n) => n.id !== node.id).map((n) => n.id);

  return (
    <ExpressionScope.Provider value={otherNodeIds}>
      <div className="node-inspector">
        <header className="inspector__header">
          <h2>{node.name ?? node.id}</h2>
          <span className="muted">{info?.title ?? node.type}</span>
        </header>
        <TextField
          name="id"
          label="Id"
          value={node.id}
          error={idError}
          hint="Used in expressions as $nodes.<id>"
          onChange={(t) => setIdError(isValidNodeId(t) ? null : 'letters, digits and _, starting with a letter or _; not a reserved word')}
          onBlur={(t) => {
            if (t === node.id) return setIdError(null);
            if (!s().renameNode(node.id, t)) setIdError(isValidNodeId(t) ? `"${t}" is taken` : 'not a valid id');
          }}
        />
        <TextField name="name" label="Name" value={node.name ?? ''} placeholder={node.id} onChange={(t) => s().updateNodeFields(node.id, { name: t }, key('name'))} />
        {info?.group === 'integration' && (
          <>
            <TextField name="integration" label="Integration" value={node.integration ?? ''} placeholder="e.g. payments" onChange={(t) => s().updateNodeFields(node.id, { integration: t }, key('integration'))} />
            <TextField name="credential" label="Credential" value={node.credential ?? ''} placeholder="(the integration's)" onChange={(t) => s().updateNodeFields(node.id, { credential: t }, key('credential'))} />
          </>
        )}
        <div className="tabs" role="tablist">
          {(
            [
              ['params', 'Parameters'],
              ['failure', 'On failure'],
              ['notes', 'Notes'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className={`tab${tab === id ? ' tab--active' : ''}`} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
        {tab === 'params' &&
          (info ? (
            <>
              <ParamsForm info={info} params={node.params} onChange={(params, field) => s().updateParams(node.id, params, key(`params.${field}`))} />
              {!info.isTrigger && <Bindings nodeIds={otherNodeIds} />}
            </>
          ) : (
            <p className="field__error">Unknown node type {node.type}: its parameters cannot be edited here.</p>
          ))}
        {tab === 'failure' && (
          <PolicyForm
            node={node}
            canFail={info?.canFail ?? true}
            fallbacks={fallbacks}
            onPolicy={(policy, field) => s().updatePolicy(node.id, policy, key(`policy.${field}`))}
            onRetry={(retry, field) => (retry ? s().setRetry(node.id, retry, key(field)) : s().removeRetry(node.id))}
            onSelectEdge={(edgeId) => s().select({ nodes: [], edges: [edgeId] })}
          />
        )}
        {tab === 'notes' && <TextField name="notes" label="Notes" multiline value={node.notes ?? ''} onChange={(t) => s().updateNodeFields(node.id, { notes: t }, key('notes'))} />}
      </div>
    </ExpressionScope.Provider>
  );
}

function EdgeInspector({ edgeId }: { edgeId: string }) {
  const store = useEditorStore();
  const graph = useEditor(selectGraph);
  const edge = findEdge(graph, edgeId);
  if (!edge) return null;
  const source = findNode(graph, edge.source);
  const outputs = source ? outputsOf(source, nodeCatalog.get(source.type)) : null;
  return <EdgeForm edge={edge} sourceOutputs={outputs} onChange={(patch, field) => store.getState().updateEdge(edge.id, patch, `${edge.id}:${field}`)} />;
}

function WorkflowInspector() {
  const store = useEditorStore();
  const meta = useEditor(selectMeta);
  return (
    <div className="workflow-inspector">
      <header className="inspector__header">
        <h2>Workflow</h2>
      </header>
      <TextField name="workflow-name" label="Name" required value={meta.name} onChange={(t) => store.getState().updateMeta({ ...meta, name: t }, 'meta.name')} />
      <TextField name="workflow-description" label="Description" multiline value={meta.description ?? ''} onChange={(t) => store.getState().updateMeta({ ...meta, description: t }, 'meta.description')} />
      <p className="muted">Select a node or an edge to edit it. Shortcuts: Delete, Ctrl+Z / Ctrl+Y, Ctrl+C / Ctrl+V, Ctrl+S, F (fit view).</p>
    </div>
  );
}
