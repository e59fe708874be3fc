import type { CanvasEdgeKind } from './model';

/**
 * Handle ids on a node card. One place decides what a handle means, so that dragging from a
 * handle and drawing an existing edge agree.
 */
export const HANDLE_IN = 'in';
/** Failure-plan edges enter from the top: their targets sit below the node they protect. */
export const HANDLE_IN_TOP = 'in-top';
export const HANDLE_MAIN = 'out';
export const HANDLE_FAILURE = 'failure';
export const HANDLE_UNDO = 'undo';
const BRANCH_PREFIX = 'out:';

export function branchHandleId(output: string): string {
  return `${BRANCH_PREFIX}${output}`;
}

export type HandleMeaning =
  | { kind: 'next'; handle?: string }
  | { kind: 'fallback' }
  | { kind: 'compensate' };

/** What edge a drag from this source handle creates; `null`/undefined is the main output. */
export function edgeKindForHandle(sourceHandle: string | null | undefined): HandleMeaning {
  if (sourceHandle === HANDLE_FAILURE) return { kind: 'fallback' };
  if (sourceHandle === HANDLE_UNDO) return { kind: 'compensate' };
  if (sourceHandle?.startsWith(BRANCH_PREFIX)) return { kind: 'next', handle: sourceHandle.slice(BRANCH_PREFIX.length) };
  return { kind: 'next' };
}

/** The target handle an edge is drawn into. */
export function targetHandleFor(edge: { kind: CanvasEdgeKind }): string {
  return edge.kind === 'fallback' || edge.kind === 'compensate' ? HANDLE_IN_TOP : HANDLE_IN;
}

/** The source handle an edge is drawn from. */
export function sourceHandleFor(edge: { kind: CanvasEdgeKind; handle?: string }): string {
  switch (edge.kind) {
    case 'fallback':
      return HANDLE_FAILURE;
    case 'compensate':
      return HANDLE_UNDO;
    case 'retry':
      return HANDLE_MAIN;
    case 'next':
      return edge.handle === undefined ? HANDLE_MAIN : branchHandleId(edge.handle);
  }
}
