import { BINDING_NAMES, type BindingName, type Bindings } from './context.js';

/**
 * Most templates are a path into a binding (`{{ $trigger.body.id }}`) or a few of them joined
 * with `&` (the default idempotency key). JSONata spends microseconds on each (async steps, frames,
 * sequences); at 10,000 node executions a second that is most of the budget. For exactly these
 * shapes an evaluator in plain JavaScript gives JSONata's result directly. Whenever its answer
 * could differ from JSONata's (an array on the way, a number JSONata would refuse, anything
 * unusual in the AST) it returns FALLBACK and JSONata evaluates as usual.
 */
export const FALLBACK: unique symbol = Symbol('fallback');

export type FastEvaluator = (bindings: Bindings | undefined, input: unknown) => unknown;

type Node = Record<string, unknown>;

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

// Any other key on a node (predicates, stages, `[]`, focus, index, group, …) changes the meaning.
function onlyKeys(node: Node, allowed: ReadonlySet<string>): boolean {
  return Object.keys(node).every((key) => allowed.has(key));
}

const LEAF_KEYS: ReadonlySet<string> = new Set(['type', 'value', 'position']);
const PATH_KEYS: ReadonlySet<string> = new Set(['type', 'steps']);
const BINARY_KEYS: ReadonlySet<string> = new Set(['type', 'value', 'position', 'lhs', 'rhs']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value a variable step starts from: `$` and `$$` are the input, the rest our bindings. */
function variableReader(name: unknown): FastEvaluator | undefined {
  if (name === '' || name === '$') return (_bindings, input) => input;
  if (typeof name === 'string' && BINDING_NAMES.has(name)) {
    const key = name as BindingName;
    return (bindings) => bindings?.[key];
  }
  // Variables the expression binds itself, and built-ins: not a plain read.
  return undefined;
}

/** JSONata's lookup: own properties of a non-array object only (so never a prototype's). */
function lookup(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return FALLBACK; // JSONata maps over arrays
  if (typeof value === 'object' && value !== null && hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  return undefined;
}

function compilePath(node: Node): FastEvaluator | undefined {
  if (!onlyKeys(node, PATH_KEYS) || !Array.isArray(node.steps) || node.steps.length === 0) return undefined;
  const steps: unknown[] = node.steps;
  if (!steps.every((step) => isNode(step) && onlyKeys(step, LEAF_KEYS))) return undefined;
  const first = steps[0] as Node;
  let start: FastEvaluator | undefined;
  let names: unknown[];
  if (first.type === 'variable') {
    start = variableReader(first.value);
    names = steps.slice(1).map((step) => ((step as Node).type === 'name' ? (step as Node).value : undefined));
  } else {
    start = (_bindings, input) => input;
    names = steps.map((step) => ((step as Node).type === 'name' ? (step as Node).value : undefined));
  }
  if (start === undefined || !names.every((name) => typeof name === 'string')) return undefined;
  const read = start;
  const keys = names as string[];
  return (bindings, input) => {
    let value = read(bindings, input);
    for (const key of keys) {
      value = lookup(value, key);
      if (value === FALLBACK || value === undefined) return value;
    }
    // JSONata returns a final array as is in most cases, but sequences have corner cases.
    return Array.isArray(value) ? FALLBACK : value;
  };
}

/** `fn.string` for the values the fast path accepts; FALLBACK where JSONata would throw or serialize. */
function concatText(value: unknown): string | typeof FALLBACK {
  switch (typeof value) {
    case 'undefined':
      return '';
    case 'string':
      return value;
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isFinite(value)) return FALLBACK; // JSONata throws D3001
      // As JSONata's $string: non-integers to 15 significant digits.
      return JSON.stringify(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
    case 'object':
      return value === null ? 'null' : FALLBACK;
    default:
      return FALLBACK;
  }
}

function compileConcat(node: Node): FastEvaluator | undefined {
  if (!onlyKeys(node, BINARY_KEYS)) return undefined;
  const lhs = compileFastPath(node.lhs);
  const rhs = compileFastPath(node.rhs);
  if (lhs === undefined || rhs === undefined) return undefined;
  return (bindings, input) => {
    const left = lhs(bindings, input);
    if (left === FALLBACK) return FALLBACK;
    const right = rhs(bindings, input);
    if (right === FALLBACK) return FALLBACK;
    const l = concatText(left);
    const r = concatText(right);
    return l === FALLBACK || r === FALLBACK ? FALLBACK : l + r;
  };
}

/** A plain-JavaScript evaluator for the AST if it has one of the simple shapes, else undefined. */
export function compileFastPath(ast: unknown): FastEvaluator | undefined {
  if (!isNode(ast)) return undefined;
  switch (ast.type) {
    case 'path':
      return compilePath(ast);
    case 'variable': {
      if (!onlyKeys(ast, LEAF_KEYS)) return undefined;
      const read = variableReader(ast.value);
      return read === undefined ? undefined : (bindings, input) => {
        const value = read(bindings, input);
        return Array.isArray(value) ? FALLBACK : value;
      };
    }
    case 'string':
    case 'number':
    case 'value': {
      if (!onlyKeys(ast, LEAF_KEYS)) return undefined;
      const constant = ast.value;
      const simple = constant === null || ['string', 'number', 'boolean'].includes(typeof constant);
      return simple ? () => constant : undefined;
    }
    case 'binary':
      return ast.value === '&' ? compileConcat(ast) : undefined;
    default:
      return undefined;
  }
}
