import { nodeCatalog } from '@switchyard/nodes/catalog';
import type { NodeTypeInfo } from '@switchyard/schema';
import type { CanvasNode, Graph } from '../graph/model';
import { formatDuration, retryLabel } from '../graph/retry';

/** What a node card shows, computed from the graph; the card component only renders it. */

/** The glyph of a node type's group, in the card's header (DOM and far view alike). */
export const GROUP_ICON: Readonly<Record<string, string>> = { trigger: '⚡', integration: '⇄', logic: 'ƒ', unknown: '?' };

export type BadgeKind = 'retry' | 'fallback' | 'lkg' | 'defer' | 'continue' | 'undo';

export interface Badge {
  kind: BadgeKind;
  /** A glyph, so colour is never the only signal. */
  icon: string;
  text: string;
  title: string;
}

/** One line of what the node does (`POST /charges`, `wait 1s`): each node type says it in its catalog entry. */
export function summary(node: CanvasNode): string {
  return nodeCatalog.get(node.type)?.summary(node.params ?? {}) ?? '';
}

export function badges(node: CanvasNode, graph: Graph): Badge[] {
  const out: Badge[] = [];
  if (node.retry) out.push({ kind: 'retry', icon: '↻', text: retryLabel(node.retry.policy), title: 'Retried on failure' });
  const fallbacks = graph.edges
    .filter((e) => e.kind === 'fallback' && e.source === node.id)
    .sort((a, b) => (a.kind === 'fallback' && b.kind === 'fallback' ? (a.order ?? 1) - (b.order ?? 1) : 0));
  for (const f of fallbacks) out.push({ kind: 'fallback', icon: '⤷', text: `-> ${f.target}`, title: 'Falls back to this node when it fails for good' });
  const policy = node.policy;
  if (policy?.lastKnownGood) out.push({ kind: 'lkg', icon: '◷', text: `cache ${formatDuration(policy.lastKnownGood.maxAgeMs)}`, title: 'Answers with its last known good output on failure' });
  if (policy?.defer) out.push({ kind: 'defer', icon: '⏸', text: `wait <=${formatDuration(policy.defer.maxWaitMs)}`, title: 'Waits for the integration to recover' });
  if (policy?.onFailure === 'continue') out.push({ kind: 'continue', icon: '→', text: 'continue', title: 'Optional: the run goes on if it fails' });
  const undo = graph.edges.find((e) => e.kind === 'compensate' && e.source === node.id);
  if (undo) out.push({ kind: 'undo', icon: '↶', text: `undo: ${undo.target}`, title: 'Undone by this node if the run fails later' });
  return out;
}

/** Branch outputs the card draws as separate handles; `null` means one main output. */
export function outputsOf(node: CanvasNode, definition: NodeTypeInfo | undefined): readonly string[] | null {
  if (!definition) return null;
  try {
    return definition.outputs(node.params ?? {});
  } catch {
    return null;
  }
}

/** A switch's `case:<name>` output is labelled by its name: the card says which node it is. */
export function outputLabel(output: string): string {
  return output.startsWith('case:') ? output.slice('case:'.length) : output;
}

/** Vertical room per output handle, so that a switch's case labels do not overlap. */
export const OUTPUT_HANDLE_SPACING_PX = 22;

/** The least height of a card with these outputs: more than two need room for their labels. */
export function minCardHeight(outputs: readonly string[] | null): number | undefined {
  return outputs !== null && outputs.length > 2 ? (outputs.length + 1) * OUTPUT_HANDLE_SPACING_PX : undefined;
}

/** The integration a card names: its own, else the one its type implies (`http.request`: `host:<hostname>`). */
export function integrationChip(node: CanvasNode): string | undefined {
  if (node.integration) return node.integration;
  return nodeCatalog.get(node.type)?.implicitIntegration?.(node.params ?? {});
}
