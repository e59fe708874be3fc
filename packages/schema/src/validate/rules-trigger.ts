import { isTriggerNode, nodeById, type Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';

/** Exactly one trigger; nothing leads into it; it neither falls back nor gets undone. */
export function checkTrigger(graph: Graph): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  let first: string | undefined;
  graph.nodes.forEach((node, i) => {
    if (!isTriggerNode(node, graph.definitions)) return;
    if (first === undefined) first = node.id;
    else {
      out.push(issue(['nodes', i, 'type'], 'multiple_triggers', `a workflow has exactly one trigger node, and '${first}' is already its trigger`));
    }
  });
  if (first === undefined) {
    out.push(issue(['nodes'], 'no_trigger', 'a workflow needs exactly one trigger node (a trigger.* type); it has none'));
  }
  const isTrigger = (id: string): boolean => {
    const node = nodeById(graph, id);
    return node !== undefined && isTriggerNode(node, graph.definitions);
  };
  graph.edges.forEach((edge, i) => {
    if (isTrigger(edge.target)) {
      out.push(issue(['edges', i, 'target'], 'trigger_incoming_edge', `the trigger '${edge.target}' cannot have incoming edges ('${edge.id}' is a ${edge.kind} edge into it)`));
    }
    if ((edge.kind === 'fallback' || edge.kind === 'compensate') && isTrigger(edge.source)) {
      out.push(issue(['edges', i, 'source'], 'trigger_invalid_edge', `the trigger '${edge.source}' cannot have a ${edge.kind} edge`));
    }
  });
  return out;
}
