import type { Bindings } from '@switchyard/expressions';
import type { Json } from '@switchyard/schema';
import { rootOf } from '../graph.js';
import { continuedFailure, failureBinding, succeededOutputs } from '../decide/inputs.js';
import type { RunState } from '../decide/state.js';

/** What a node's expressions see (`$trigger`, `$input`, `$nodes`, `$failure`, …), but `$integration`. */
export function bindingsOf(state: RunState, nodeId: string, input: Json | null, attempt: number): Bindings {
  const { graph, run, nodes } = state;
  const node = nodes.get(nodeId);
  const role = graph.roles.get(nodeId);
  let failureValue: unknown;
  if (role?.kind === 'fallback') {
    const parent = nodes.get(role.for);
    if (parent?.exhaustedFailure) failureValue = failureBinding(parent, parent.exhaustedFailure);
  } else if (role?.kind === 'main') {
    failureValue = continuedFailure(graph, nodeId, nodes);
  }
  let compensating: unknown;
  const rootRole = graph.roles.get(rootOf(graph, nodeId));
  if (rootRole?.kind === 'compensation') {
    const undone = nodes.get(rootRole.undoes);
    if (undone) compensating = { nodeId: undone.nodeId, params: undone.params, output: undone.output };
  }
  return {
    trigger: run.trigger,
    input,
    nodes: succeededOutputs(nodes),
    run: { id: run.id, workflowId: run.workflowId, workflowVersion: run.workflowVersion },
    node: { id: nodeId, attempt, epoch: node?.epoch ?? 1 },
    failure: failureValue,
    compensating,
    integration: undefined,
  };
}
