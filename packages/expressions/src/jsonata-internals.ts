/**
 * The few JSONata 2.2 internals this package relies on, typed narrowly in one place so an
 * upgrade has one file to check. jsonata.d.ts types them as `any` or not at all.
 */

/** What the evaluation hooks read of an AST node. */
export interface AstNode {
  readonly type: string;
  /** A lambda's body (an AST node), or a native function for a partially applied built-in. */
  readonly body?: unknown;
  /** Set on the lambdas the parser wraps around tail calls (trampolined, so no real nesting). */
  readonly thunk?: boolean;
}

/** An evaluation frame; `lookup` walks up to the frame of one `evaluate` call, then the compiled expression's. */
export interface Frame {
  lookup(name: string | symbol): unknown;
}

/** JSONata throws plain objects, not `Error`s; `populateMessage` fills `message` from `code`. */
export interface JsonataErrorObject {
  readonly code: string;
  readonly message?: string;
  readonly position?: number;
  /** The offending token: usually its text, sometimes a number, `(end)` at the end of the source. */
  readonly token?: unknown;
  /** `$eval` wraps the error of the evaluated text here (codes D3120, D3121). */
  readonly error?: unknown;
}

export function isJsonataError(value: unknown): value is JsonataErrorObject {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/**
 * JSONata 2.x looks its hooks up by these symbols (`environment.lookup(Symbol.for(...))`). The
 * string names that JSONata 1.x and the exerciser use (`assign('__evaluate_entry', fn)`) are
 * silently ignored by 2.2.2.
 */
export const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');
export const EVALUATE_EXIT = Symbol.for('jsonata.__evaluate_exit');

/** JSONata's own functions are objects like this, e.g. the value of `$fromMillis`. */
export interface NativeFunction {
  readonly _jsonata_function: true;
  readonly implementation: (this: unknown, ...args: unknown[]) => unknown;
}

export function isNativeFunction(value: unknown): value is NativeFunction {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _jsonata_function?: unknown })._jsonata_function === true &&
    typeof (value as { implementation?: unknown }).implementation === 'function'
  );
}

/** A JSONata lambda value (`function($x){ … }`): an object holding AST and frames, never JSON. */
export function isLambda(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { _jsonata_lambda?: unknown })._jsonata_lambda === true;
}
