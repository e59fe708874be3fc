import { checkExpression, parseTemplate, TemplateSyntaxError } from '@switchyard/expressions';
import type { NodeDefinition, ParamPath } from '../node-definition.js';
import type { WorkflowNode } from '../workflow.js';
import { errorText, issue, type IssuePath, type ValidationIssue } from './issues.js';

function templateIssue(path: IssuePath, text: string): ValidationIssue | undefined {
  try {
    parseTemplate(text);
    return undefined;
  } catch (error) {
    const at = error instanceof TemplateSyntaxError ? ` at offset ${error.offset}` : '';
    return issue(path, 'template_syntax', `template does not parse${at}: ${errorText(error)}`);
  }
}

/** Deeper params are rejected rather than walked: no authored workflow nests this far, a hostile one must not stall. */
export const MAX_PARAM_DEPTH = 100;

/** Every string inside params is a template, objects and arrays walked, except the type's exempt paths. */
function checkParamTemplates(node: WorkflowNode, i: number, definition: NodeDefinition): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new WeakSet<object>();
  let tooDeep = false;
  // An explicit stack, not recursion: the depth limit, not the call stack, decides how deep we go.
  const stack: Array<{ value: unknown; path: ParamPath }> = [{ value: node.params ?? {}, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: ParamPath };
    if (path.length > 0 && definition.isTemplateExempt?.(path) === true) continue;
    if (path.length > MAX_PARAM_DEPTH) {
      if (!tooDeep) out.push(issue(['nodes', i, 'params', ...path], 'too_deep', `params nest more than ${MAX_PARAM_DEPTH} levels deep`));
      tooDeep = true;
      continue;
    }
    if (typeof value === 'string') {
      const found = templateIssue(['nodes', i, 'params', ...path], value);
      if (found !== undefined) out.push(found);
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      const entries: Array<[string | number, unknown]> = Array.isArray(value)
        ? value.map((v, k) => [k, v])
        : Object.entries(value);
      for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
    }
  }
  return out;
}

function checkPolicyTemplates(node: WorkflowNode, i: number): ValidationIssue[] {
  const templates: Array<[IssuePath, string | undefined]> = [
    [['nodes', i, 'policy', 'idempotencyKey'], node.policy?.idempotencyKey],
    [['nodes', i, 'policy', 'lastKnownGood', 'key'], node.policy?.lastKnownGood?.key],
  ];
  const out: ValidationIssue[] = [];
  for (const [path, text] of templates) {
    const found = text === undefined ? undefined : templateIssue(path, text);
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** A webhook's `idempotency.expression` is plain JSONata (no `{{ }}`), parsed now rather than on the first request. */
function checkWebhookExpression(node: WorkflowNode, i: number): ValidationIssue[] {
  if (node.type !== 'trigger.webhook') return [];
  const idempotency = node.params?.['idempotency'];
  if (typeof idempotency !== 'object' || idempotency === null) return [];
  const expression: unknown = (idempotency as Record<string, unknown>)['expression'];
  if (typeof expression !== 'string') return [];
  const path = ['nodes', i, 'params', 'idempotency', 'expression'];
  try {
    const result = checkExpression(expression);
    if (result.ok) return [];
    const at = result.offset !== undefined ? ` at offset ${result.offset}` : '';
    return [issue(path, 'invalid_expression', `expression does not parse${at}: ${result.message}`)];
  } catch (error) {
    return [issue(path, 'invalid_expression', `expression does not parse: ${errorText(error)}`)];
  }
}

/**
 * Every template of a node parses: its params (not a trigger's, not exempt paths) and its policy's
 * `idempotencyKey` and `lastKnownGood.key`; a webhook's idempotency expression parses as JSONata.
 * `definition` is undefined for an unknown or unsupported type: its params are not walked.
 */
export function checkTemplates(node: WorkflowNode, i: number, definition: NodeDefinition | undefined): ValidationIssue[] {
  const out = [...checkPolicyTemplates(node, i), ...checkWebhookExpression(node, i)];
  if (definition === undefined || definition.isTrigger) return out;
  try {
    out.push(...checkParamTemplates(node, i, definition));
  } catch (error) {
    out.push(issue(['nodes', i, 'params'], 'definition_error', `the '${node.type}' definition failed to say which params are templates: ${errorText(error)}`));
  }
  return out;
}
