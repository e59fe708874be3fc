import type { NodeDefinitions } from '../node-definition.js';
import { buildGraph } from './graph.js';
import { errorText, issue, sortIssues, type ValidationContext, type ValidationIssue, type ValidationResult } from './issues.js';
import { checkNode } from './node-checks.js';
import { checkCompensateEdges } from './rules-compensate.js';
import { checkFallbackEdges } from './rules-fallback.js';
import { checkHandles } from './rules-handles.js';
import { checkIds } from './rules-ids.js';
import { checkNextAcyclic, checkReachable } from './rules-next.js';
import { checkRetryEdges } from './rules-retry.js';
import { checkTrigger } from './rules-trigger.js';
import { checkStructure } from './structure.js';

function validate(input: unknown, definitions: NodeDefinitions, context: ValidationContext): ValidationResult {
  const structure = checkStructure(input);
  const issues: ValidationIssue[] = [...structure.issues];
  const warnings: ValidationIssue[] = [];
  const outputsByIndex = new Map<number, readonly string[] | null>();
  structure.nodes.forEach((node, i) => {
    if (node === undefined) return;
    const report = checkNode(node, i, definitions, context);
    issues.push(...report.issues);
    warnings.push(...report.warnings);
    if (report.outputs !== undefined) outputsByIndex.set(i, report.outputs);
  });
  if (structure.graph !== undefined) {
    const graph = buildGraph(structure.graph.nodes, structure.graph.edges, definitions);
    const outputsOf = (id: string): readonly string[] | null | undefined => {
      const i = graph.nodeIndex.get(id);
      return i === undefined ? undefined : outputsByIndex.get(i);
    };
    issues.push(
      ...checkIds(graph),
      ...checkTrigger(graph),
      ...checkNextAcyclic(graph),
      ...checkReachable(graph),
      ...checkRetryEdges(graph),
      ...checkFallbackEdges(graph),
      ...checkCompensateEdges(graph),
      ...checkHandles(graph, outputsOf),
    );
  }
  const sortedWarnings = sortIssues(warnings);
  if (structure.workflow !== undefined && issues.length === 0) return { ok: true, workflow: structure.workflow, warnings: sortedWarnings };
  return { ok: false, issues: sortIssues(issues), warnings: sortedWarnings };
}

/**
 * Checks a workflow as authored: stage 1 its structure (the zod schema), stage 2 the rules of
 * workflow-format.md against the injected node definitions. Never throws; issues come sorted by path.
 */
export function validateWorkflow(input: unknown, definitions: NodeDefinitions, context: ValidationContext = {}): ValidationResult {
  try {
    return validate(input, definitions, context);
  } catch (error) {
    // A safety net for what no rule foresaw (a hostile object, a broken definition map): a result, never a throw.
    return { ok: false, issues: [issue([], 'internal', `the workflow could not be validated: ${errorText(error)}`)], warnings: [] };
  }
}
