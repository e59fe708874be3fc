import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompileFailure, compileExpression } from './compile.js';
import { scanTemplate, type SegmentCheck } from './delimiters.js';
import { TemplateSyntaxError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';

function check(useConclusive: boolean): SegmentCheck {
  return (source) => {
    const result = compileExpression(source, DEFAULT_LIMITS.maxSequenceLength);
    if (!(result instanceof CompileFailure)) return undefined;
    return { message: result.message, position: result.position, conclusive: useConclusive && result.conclusive };
  };
}

function outcome(text: string, segmentCheck: SegmentCheck): unknown {
  try {
    return scanTemplate(text, segmentCheck);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { error: error.message, offset: error.offset };
    throw error;
  }
}

// Pieces that make JSONata tokens, strings, comments and the delimiters collide.
const PIECES = ['{{', '}}', '{', '}', "'", '"', '`', 'a', ' ', '/*', '*/', '/', '(', ')', '[', ']', ':', '1', ',', '.', '&', '$', '\\', 'x y', ':='];

describe('scanTemplate', () => {
  it('stopping at a conclusive parse error never changes the outcome', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (pieces) => {
        const text = pieces.join('');
        expect(outcome(text, check(true)), text).toStrictEqual(outcome(text, check(false)));
      }),
      { numRuns: 3000 },
    );
  });

  it('an invalid opening followed by many }} is rejected quickly', () => {
    const text = `{{ $a b ${' }} x'.repeat(50_000)}`;
    const start = performance.now();
    expect(() => scanTemplate(text, check(true))).toThrow(/Syntax error: "b"/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('keeps searching past errors that a later }} can still fix', () => {
    for (const text of ["{{ 'x}}y' }}", '{{ /* }} */ 1 }}', '{{ "a}}b" & `c}}d` }}', '{{ {"a": {"b": 1}} }}', '{{ $contains("a}}b", "}}") }}']) {
      expect(scanTemplate(text, check(true)).kind, text).toBe('single');
    }
  });
});
