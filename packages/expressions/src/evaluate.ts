import { CompileFailure } from './compile-failure.js';
import { compileExpression } from './compile.js';
import type { Bindings, EvaluationContext } from './context.js';
import { ExpressionError, TemplateSyntaxError } from './errors.js';
import { Evaluation } from './evaluation.js';
import { FALLBACK } from './fast-path.js';
import { resolveLimits, type ExpressionLimits } from './limits.js';
import { parseTemplate } from './template.js';
import type { Template } from './template-types.js';
import { toExpressionError } from './to-expression-error.js';
import { toJsonValue } from './to-json.js';

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
    const result: unknown = toJsonValue(await compiled.expression.evaluate(input, evaluation.variables));
    // Strings were bounded step by step (guard.exit); objects are measured once, at the end.
    evaluation.guard.checkResultSize(result);
    return result;
  } catch (error) {
    throw toExpressionError(error, evaluation.limitFailure, evaluation.limits, label(source));
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
