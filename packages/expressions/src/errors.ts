/** A template that does not parse: an unclosed `{{`, an empty or invalid expression. */
export class TemplateSyntaxError extends Error {
  /** Character offset in the template text: where JSONata found the problem, else the opening `{{`. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'TemplateSyntaxError';
    this.offset = offset;
  }
}

export type ExpressionErrorKind = 'syntax' | 'runtime' | 'timeout' | 'depth' | 'sequence' | 'size';

export interface ExpressionErrorDetails {
  /** JSONata's error code (e.g. `D3030`), when JSONata raised the error. */
  readonly code?: string;
  /** Character offset in the expression's source, when JSONata reported one. */
  readonly position?: number;
  readonly cause?: unknown;
}

/**
 * Any failure to evaluate a template or expression. The engine turns every one of them into an
 * `invalid_request` failure of the node, so the message must say what went wrong on its own.
 */
export class ExpressionError extends Error {
  readonly kind: ExpressionErrorKind;
  readonly code: string | undefined;
  readonly position: number | undefined;

  constructor(kind: ExpressionErrorKind, message: string, details: ExpressionErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ExpressionError';
    this.kind = kind;
    this.code = details.code;
    this.position = details.position;
  }
}
