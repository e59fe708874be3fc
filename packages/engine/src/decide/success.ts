import type { Json } from '@switchyard/schema';
import type { OutputSource } from '../records.js';
import { compensationDone } from './compensation.js';
import { emit, finishNode, nodeOf } from './state.js';
import type { Decision } from './state.js';

/** The outputs a node chose: one `handle`, or several `handles` (a `switch` in mode `all`). */
export interface ChosenOutputs {
  handle?: string | null | undefined;
  handles?: readonly string[] | null | undefined;
}

function chosenHandles(chosen: ChosenOutputs | undefined): string[] {
  if (chosen?.handles && chosen.handles.length > 0) return [...new Set(chosen.handles)];
  return chosen?.handle ? [chosen.handle] : [];
}

/**
 * A node succeeded with `output`: its own, a fallback's (then the node it stands in for succeeds
 * too), or a last-known-good one. An undo step's success marks what it undid as compensated.
 */
export function succeeded(d: Decision, nodeId: string, output: Json | null, source: OutputSource, chosen?: ChosenOutputs): void {
  const { state } = d;
  const node = nodeOf(d, nodeId);
  node.output = output;
  node.source = source;
  const handles = chosenHandles(chosen);
  node.handle = handles[0] ?? null;
  node.handles = handles.length > 1 ? handles : null;
  if (source === 'self') node.error = null;
  // The run's counter is persisted with its next status change; on load it is re-derived from the nodes.
  state.run.completionSeq += 1;
  node.completedSeq = state.run.completionSeq;
  finishNode(d, node, 'succeeded');
  const role = state.graph.roles.get(nodeId);
  if (role?.kind === 'fallback') return succeeded(d, role.for, output, `fallback:${nodeId}`, chosen);
  if (role?.kind === 'compensation') return compensationDone(d, role.undoes, true);
  const lastKnownGood = state.graph.nodes.get(nodeId)?.policy?.lastKnownGood;
  if (lastKnownGood && source === 'self' && output !== null) emit(d, { type: 'save_last_known_good', nodeId, output });
}
