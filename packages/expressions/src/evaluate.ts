import { CompileFailure, compileExpression } from './compile.js';
import { bindingVariables, type Bindings, type EvaluationContext } from './context.js';
import { ExpressionError, TemplateSyntaxError, type ExpressionErrorKind } from './errors.js';
import { FALLBACK } from './fast-path.js';
import { EvaluationGuard, GUARD_BINDING } from './guard.js';
import { isJsonataError } from './jsonata-internals.js';
import { resolveLimits, type ExpressionLimits } from './limits.js';
import { parseTemplate } from './template.js';
import type { Template } from './template-types.js';
import { toJsonValue } from './to-json.js';

/**
 * One evaluation (a template, all its segments, or an expression). The guard, and with it the
 * deadline, starts with the first segment JSONata has to evaluate; fast-path segments need none.
 */
export class Evaluation {
  readonly bindings: Bindings | undefined;
  readonly limits: ExpressionLimits;
  readonly #clock: () => number;
  #guard: EvaluationGuard | undefined;
  #variables: Record<string, unknown> | undefined;

  constructor(bindings: Bindings | undefined, clock: () => number, limits: ExpressionLimits) {
    this.bindings = bindings;
    this.limits = limits;
    this.#clock = clock;
  }

  get guard(): EvaluationGuard {
    this.#guard ??= new EvaluationGuard(this.limits, this.#clock);
    return this.#guard;
  }

  /** The JSONata variables: the bindings, and the guard for the hooks. */
  get variables(): Record<string, unknown> {
    if (this.#variables === undefined) {
      this.#variables = bindingVariables(this.bindings);
      this.#variables[GUARD_BINDING] = this.guard;
    }
    return this.#variables;
  }

  /** Stops whatever JSONata left running (see EvaluationGuard.finish). */
  finish(): void {
    this.#guard?.finish();
  }
}

// Messages name the expression so a node's invalid_request failure is actionable on its own.
const MAX_SHOWN = 120;

function shown(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
}

/** How messages name an expression: a template segment as written, a plain expression quoted. */
export type Label = (source: string) => string;

export function segmentLabel(source: string): string {
  return `expression {{${shown(source)}}}`;
}

export function plainLabel(source: string): string {
  return `expression "${shown(source)}"`;
}

function kindOfCode(code: string): ExpressionErrorKind {
  switch (code) {
    case 'D1011': // JSONata's own stack limit
      return 'depth';
    case 'D1012': // JSONata's own timeout
      return 'timeout';
    case 'D2014': // a range over 1e7 items
    case 'D2015': // the compiled-in sequence limit
      return 'sequence';
    default:
      return 'runtime';
  }
}

function toExpressionError(error: unknown, evaluation: Evaluation, label: string): ExpressionError {
  const { guard, limits } = evaluation;
  // A tripped limit wins: JSONata may have wrapped it (`$eval` does) or a parallel branch may
  // have failed differently after it.
  const limit = guard.failure;
  if (limit !== undefined) return new ExpressionError(limit.kind, `${label} ${limit.message}`, { cause: error });
  if (error instanceof ExpressionError) {
    return new ExpressionError(error.kind, `${label} failed: ${error.message}`, { cause: error, code: error.code });
  }
  if (isJsonataError(error)) {
    const where = error.position === undefined ? '' : ` at offset ${error.position}`;
    // JSONata's D2015 text puts the attempted size where the limit belongs; say it plainly.
    const text =
      error.code === 'D2015'
        ? `exceeded the sequence length limit of ${limits.maxSequenceLength} items`
        : (error.message ?? error.code);
    return new ExpressionError(kindOfCode(error.code), `${label} failed: ${text} [${error.code}${where}]`, {
      cause: error,
      code: error.code,
      position: error.position,
    });
  }
  if (error instanceof RangeError) {
    // Call stack exhausted, by data or results nested thousands deep.
    return new ExpressionError('depth', `${label} failed: nested too deeply (${error.message})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError('runtime', `${label} failed: ${message}`, { cause: error });
}

/**
 * Evaluates one JSONata source within `evaluation`; the result is JSON data (undefined kept).
 * `label` names the source in error messages (built only when there is an error).
 */
export async function evaluateSource(source: string, input: unknown, evaluation: Evaluation, label: Label): Promise<unknown> {
  const compiled = compileExpression(source, evaluation.limits.maxSequenceLength);
  if (compiled instanceof CompileFailure) {
    const where = compiled.position === undefined ? '' : ` at offset ${compiled.position}`;
    throw new ExpressionError('syntax', `${label(source)} does not parse: ${compiled.message}${where}`, {
      code: compiled.code,
      position: compiled.position,
    });
  }
  try {
    if (compiled.fast !== undefined) {
      const result = compiled.fast(evaluation.bindings, input);
      if (result !== FALLBACK) return toJsonValue(result);
    }
    const result: unknown = await compiled.expression.evaluate(input, evaluation.variables);
    return toJsonValue(result);
  } catch (error) {
    throw toExpressionError(error, evaluation, label(source));
  }
}

/** Text around segments: strings as they are, undefined and null as nothing, the rest as JSON. */
function interpolated(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

async function evaluateParsed(template: Template, bindings: Bindings | undefined, clock: () => number, limits: ExpressionLimits): Promise<unknown> {
  if (template.kind === 'literal') return template.text;
  const evaluation = new Evaluation(bindings, clock, limits);
  const input = bindings?.input;
  try {
    if (template.kind === 'single') return await evaluateSource(template.source, input, evaluation, segmentLabel);
    let text = '';
    for (const part of template.parts) {
      text += typeof part === 'string' ? part : interpolated(await evaluateSource(part.source, input, evaluation, segmentLabel));
    }
    return text;
  } finally {
    evaluation.finish();
  }
}

/**
 * A template's value, undefined kept (the caller decides: omitted key, or null). The context `$`
 * is the input binding. Throws ExpressionError, including for a template that does not parse.
 */
export async function evaluateTemplateValue(
  text: string,
  bindings: Bindings | undefined,
  clock: () => number,
  limits: ExpressionLimits,
): Promise<unknown> {
  // Most strings in params are plain text: no parsing, no JSONata, no allocation.
  if (!text.includes('{{')) return text;
  let template: Template;
  try {
    template = parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    throw new ExpressionError('syntax', `template "${shown(text)}" does not parse: ${error.message}`, {
      cause: error,
      position: error.offset,
    });
  }
  return evaluateParsed(template, bindings, clock, limits);
}

/**
 * Evaluates a template string against the bindings (context `$` is `$input`). One segment alone
 * (white space around allowed) gives the expression's JSON value, undefined becoming null;
 * otherwise the segments are interpolated into a string. Throws ExpressionError.
 */
export async function evaluateTemplate(text: string, ctx: EvaluationContext): Promise<unknown> {
  const value = await evaluateTemplateValue(text, ctx.bindings, ctx.now, resolveLimits(ctx.limits));
  return value === undefined ? null : value;
}
