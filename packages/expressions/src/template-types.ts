/** A template string, parsed. */
export type Template =
  /** No segments; `\{{` already unescaped to `{{`. */
  | { kind: 'literal'; text: string }
  /** Exactly one segment, with nothing but white space around it: evaluates to a typed value. */
  | { kind: 'single'; source: string }
  /** Text and segments: evaluates to a string. Literal parts are never empty. */
  | { kind: 'interpolated'; parts: Array<string | { source: string }> };
