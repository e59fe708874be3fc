import { nodeById, type Graph } from './graph.js';
import { issue, type ValidationIssue } from './issues.js';
import { quote } from './zod-issues.js';

/** The outputs a node declares: a list, `null` for the main output only, `undefined` when unknown. */
export type OutputsOf = (nodeId: string) => readonly string[] | null | undefined;

/** A `next` edge's `handle` names one of its source's outputs; a node with only the main output takes none. */
export function checkHandles(graph: Graph, outputsOf: OutputsOf): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const { edge, index } of graph.next) {
    const outputs = outputsOf(edge.source);
    const node = nodeById(graph, edge.source);
    if (outputs === undefined || node === undefined) continue;
    const who = `node '${node.id}' (${node.type})`;
    const path = ['edges', index, 'handle'];
    const list = outputs === null ? '' : outputs.length === 0 ? 'none' : outputs.map(quote).join(', ');
    if (outputs === null) {
      if (edge.handle !== undefined) out.push(issue(path, 'unexpected_handle', `${who} has a single output: a next edge from it takes no handle (got '${edge.handle}')`));
    } else if (edge.handle === undefined) {
      out.push(issue(path, 'missing_handle', `${who} has several outputs (${list}): a next edge from it needs a handle naming one`));
    } else if (!outputs.includes(edge.handle)) {
      out.push(issue(path, 'unknown_handle', `${who} has no output '${edge.handle}'; its outputs are: ${list}`));
    }
  }
  return out;
}
