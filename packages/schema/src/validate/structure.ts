import { SERVER_WORKFLOW_FIELDS, Workflow, WORKFLOW_LIMITS, WorkflowNode, type WorkflowEdge } from '../workflow.js';
import type { ValidationIssue } from './issues.js';
import { mapZodIssues } from './zod-issues.js';

export interface Structure {
  readonly issues: ValidationIssue[];
  /** The whole document, when it parses. */
  readonly workflow?: Workflow;
  /** By index: each node that parses on its own, so that its own rules still run. */
  readonly nodes: ReadonlyArray<WorkflowNode | undefined>;
  /** Nodes and edges, when both parse: only then do graph rules run. */
  readonly graph?: { readonly nodes: WorkflowNode[]; readonly edges: WorkflowEdge[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields the server adds are ignored when sent back (workflow-format.md), not unknown fields. */
function withoutServerFields(input: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...input };
  for (const field of SERVER_WORKFLOW_FIELDS) delete copy[field];
  return copy;
}

/** Stage 1: the zod schema, with every issue it finds located and explained. */
export function checkStructure(input: unknown): Structure {
  const document = isRecord(input) ? withoutServerFields(input) : input;
  const parsed = Workflow.safeParse(document);
  if (parsed.success) {
    const { nodes, edges } = parsed.data;
    return { issues: [], workflow: parsed.data, nodes, graph: { nodes, edges } };
  }
  const issues = mapZodIssues(parsed.error.issues, document);
  if (!isRecord(document)) return { issues, nodes: [] };
  const nodes = Workflow.shape.nodes.safeParse(document['nodes']);
  const edges = Workflow.shape.edges.safeParse(document['edges']);
  if (nodes.success && edges.success) return { issues, nodes: nodes.data, graph: { nodes: nodes.data, edges: edges.data } };
  const raw = document['nodes'];
  if (!Array.isArray(raw) || raw.length > WORKFLOW_LIMITS.maxNodes) return { issues, nodes: [] };
  return { issues, nodes: raw.map((node: unknown) => WorkflowNode.safeParse(node).data) };
}
