import { BoundedCache } from './bounded-cache.js';
import { CompileFailure } from './compile-failure.js';
import { compileExpression } from './compile.js';
import { hasSegmentOpening, scanTemplate, type SegmentProblem } from './delimiters.js';
import { TemplateSyntaxError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Template } from './template-types.js';

// The engine parses the same templates on every node attempt. Failures are cached too: finding
// out that no `}}` closes an opening may take several parses, worth doing once.
const TEMPLATE_CACHE_SIZE = 5000;
const parsed = new BoundedCache<string, Template | TemplateSyntaxError>(TEMPLATE_CACHE_SIZE);

// Compiling here also fills the compiled-expression cache that evaluation (with the default
// sequence limit) reads, so a validated template is never parsed again.
function checkSegment(source: string): SegmentProblem | undefined {
  const result = compileExpression(source, DEFAULT_LIMITS.maxSequenceLength);
  return result instanceof CompileFailure
    ? { message: result.message, position: result.position, conclusive: result.conclusive, terminators: result.terminators }
    : undefined;
}

// Cached templates are shared between callers: freeze them so none can change another's.
function freeze(template: Template): Template {
  if (template.kind === 'interpolated') {
    for (const part of template.parts) if (typeof part !== 'string') Object.freeze(part);
    Object.freeze(template.parts);
  }
  return Object.freeze(template);
}

/** Parses a template: segments are `{{ JSONata }}`, `\{{` is a literal `{{`. Throws TemplateSyntaxError. */
export function parseTemplate(text: string): Template {
  if (!text.includes('{{')) return { kind: 'literal', text };
  const cached = parsed.get(text);
  if (cached instanceof TemplateSyntaxError) throw new TemplateSyntaxError(cached.message, cached.offset);
  if (cached !== undefined) return cached;
  let template: Template;
  try {
    template = freeze(scanTemplate(text, checkSegment));
  } catch (error) {
    if (error instanceof TemplateSyntaxError) parsed.set(text, error);
    throw error;
  }
  parsed.set(text, template);
  return template;
}

/**
 * Whether the text contains a segment, i.e. an unescaped `{{`. Does not parse: a text with an
 * unclosed or invalid segment is a template too (one that parseTemplate rejects).
 */
export function isTemplate(text: string): boolean {
  return hasSegmentOpening(text);
}
