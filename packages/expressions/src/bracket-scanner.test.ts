import { describe, expect, it } from 'vitest';
import { BracketScanner, type Verdict } from './bracket-scanner.js';

function verdicts(text: string): Verdict[] {
  const scanner = new BracketScanner(text, 0);
  const out: Verdict[] = [];
  for (let close = text.indexOf('}}'); close !== -1; close = text.indexOf('}}', close + 1)) out.push(scanner.verdictAt(close));
  return out;
}

describe('BracketScanner', () => {
  it.each<[string, Verdict[]]>([
    ["{'a':1}}}", ['never', 'maybe']],
    [" 'x}}y' }}", ['never', 'maybe']],
    [' "a\\"}}" }}', ['never', 'maybe']],
    [' `a}}b` }}', ['never', 'maybe']],
    [' /* }} */ 1 }}', ['never', 'maybe']],
    [' {"a": {"b": 1}} }}', ['never', 'maybe']],
    // The first `}}` closes more than was opened before the second.
    [' ( }} / }}', ['never', 'none-later']],
    [' ) }} x }}', ['none-later', 'none-later']],
    [' [1, (2)] }}', ['maybe']],
  ])('%j', (text, expected) => {
    expect(verdicts(text)).toStrictEqual(expected);
  });

  it('answers maybe from a / on, where division and regex look alike', () => {
    expect(verdicts(' 4 / ( }} x }}')).toStrictEqual(['maybe', 'maybe']);
    expect(verdicts(' ( / }} x }}')).toStrictEqual(['maybe', 'maybe']);
  });

  it('scans from the given start', () => {
    const text = 'x {{ {"a":1}}} y';
    const scanner = new BracketScanner(text, 4);
    expect(scanner.verdictAt(11)).toBe('never');
    expect(scanner.verdictAt(12)).toBe('maybe');
  });
});
