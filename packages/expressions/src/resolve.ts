import type { EvaluationContext } from './context.js';
import { evaluateTemplateValue } from './evaluate.js';
import { resolveLimits } from './limits.js';
import { setOwn } from './own-property.js';

export type ValuePath = ReadonlyArray<string | number>;

export interface ResolveOptions {
  /** True to leave the value at `path` untouched (not a template), e.g. a JSON Schema. */
  skip?: (path: ValuePath) => boolean;
}

type Container = unknown[] | Record<string, unknown>;

const NO_PATH: ValuePath = Object.freeze([]);

/** A string that contains `{{`, waiting in the copy for its value. */
interface Hole {
  readonly text: string;
  readonly container: Container;
  readonly key: string | number;
}

type Step =
  | { readonly kind: 'visit'; readonly value: unknown; readonly container: Container; readonly key: string | number; readonly path: ValuePath }
  | { readonly kind: 'leave'; readonly value: object };

function put(container: Container, key: string | number, value: unknown): void {
  if (Array.isArray(container)) container[key as number] = value;
  else setOwn(container, key as string, value);
}

function childrenOf(value: object): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((child: unknown, index) => [index, child]);
  const record = value as Record<string, unknown>;
  return Object.keys(record).map((key) => [key, record[key]]);
}

/**
 * Copies the structure of `root` (an object or array), leaving template strings in place and
 * listing them, in document order. Iterative, so params nested thousands deep cannot overflow the
 * call stack; a value that contains itself is not JSON and is refused.
 */
function copyStructure(root: object, skip: ResolveOptions['skip'], holes: Hole[]): Container {
  const top: Container = Array.isArray(root) ? [] : {};
  const ancestors = new Set<object>([root]);
  const stack: Step[] = [{ kind: 'leave', value: root }];
  const pushChildren = (value: object, container: Container, path: ValuePath): void => {
    const children = childrenOf(value);
    // Last child pushed first, so children are visited (and templates evaluated) in order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, child] = children[i] as [string | number, unknown];
      // A fresh array per node (callers may keep it) costs O(depth); only `skip` needs them.
      stack.push({ kind: 'visit', value: child, container, key, path: skip === undefined ? NO_PATH : [...path, key] });
    }
  };
  pushChildren(root, top, []);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (step.kind === 'leave') {
      ancestors.delete(step.value);
      continue;
    }
    const { value, container, key, path } = step;
    const skipped = skip?.(path) === true;
    if (skipped || typeof value !== 'object' || value === null) {
      put(container, key, value);
      if (!skipped && typeof value === 'string' && value.includes('{{')) holes.push({ text: value, container, key });
      continue;
    }
    if (ancestors.has(value)) {
      const where = path === NO_PATH ? `key ${JSON.stringify(key)}` : JSON.stringify(path);
      throw new TypeError(`resolveTemplates: the value contains itself at ${where}`);
    }
    const copy: Container = Array.isArray(value) ? [] : {};
    put(container, key, copy);
    ancestors.add(value);
    stack.push({ kind: 'leave', value });
    pushChildren(value, copy, path);
  }
  return top;
}

/**
 * Resolves every template string inside `value` (objects and arrays walked; other values kept).
 * A template whose value is undefined is omitted from its object, null in an array or at the top
 * level. Returns a copy; subtrees `skip` selects are shared with `value`, untouched.
 * Throws ExpressionError for the first template (in document order) that fails.
 */
export async function resolveTemplates(value: unknown, ctx: EvaluationContext, options: ResolveOptions = {}): Promise<unknown> {
  const { skip } = options;
  if (skip?.([]) === true) return value;
  const limits = resolveLimits(ctx.limits);
  if (typeof value === 'string') {
    const result = await evaluateTemplateValue(value, ctx.bindings, ctx.now, limits);
    return result === undefined ? null : result;
  }
  if (typeof value !== 'object' || value === null) return value;
  const holes: Hole[] = [];
  const copy = copyStructure(value, skip, holes);
  for (const { text, container, key } of holes) {
    const result = await evaluateTemplateValue(text, ctx.bindings, ctx.now, limits);
    if (Array.isArray(container)) container[key as number] = result === undefined ? null : result;
    else if (result === undefined) delete container[key as string];
    else setOwn(container, key as string, result);
  }
  return copy;
}
