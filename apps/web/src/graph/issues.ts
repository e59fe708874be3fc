import type { ValidationIssue, Workflow } from '@switchyard/schema';

export type IssueTarget = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | { kind: 'workflow' };

/**
 * What an issue points at, from its path into the workflow that was validated: `['nodes', 2, ...]`
 * is the third node. A retry edge is drawn on its node, so its issues point at the node.
 */
export function issueTarget(workflow: Workflow, path: ReadonlyArray<string | number>): IssueTarget {
  const [head, index] = path;
  if (typeof index !== 'number') return { kind: 'workflow' };
  if (head === 'nodes') {
    const node = workflow.nodes[index];
    return node ? { kind: 'node', id: node.id } : { kind: 'workflow' };
  }
  if (head === 'edges') {
    const edge = workflow.edges[index];
    if (!edge) return { kind: 'workflow' };
    return edge.kind === 'retry' && edge.source === edge.target ? { kind: 'node', id: edge.source } : { kind: 'edge', id: edge.id };
  }
  return { kind: 'workflow' };
}

export interface LocatedIssue extends ValidationIssue {
  severity: 'error' | 'warning';
  target: IssueTarget;
}

export function locateIssues(workflow: Workflow, issues: readonly ValidationIssue[], warnings: readonly ValidationIssue[]): LocatedIssue[] {
  return [
    ...issues.map((i) => ({ ...i, severity: 'error' as const, target: issueTarget(workflow, i.path) })),
    ...warnings.map((i) => ({ ...i, severity: 'warning' as const, target: issueTarget(workflow, i.path) })),
  ];
}

/** Issues by node id and edge id, for the badges on the canvas. */
export function issuesByElement(located: readonly LocatedIssue[]): { nodes: Map<string, LocatedIssue[]>; edges: Map<string, LocatedIssue[]> } {
  const nodes = new Map<string, LocatedIssue[]>();
  const edges = new Map<string, LocatedIssue[]>();
  for (const issue of located) {
    const t = issue.target;
    if (t.kind === 'workflow') continue;
    const map = t.kind === 'node' ? nodes : edges;
    map.set(t.id, [...(map.get(t.id) ?? []), issue]);
  }
  return { nodes, edges };
}

/** A path as people read it: `nodes[2].params.url`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
