import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateExpression, ExpressionError, LinearRegExp, unsupportedPatternReason } from './index.js';

const CATASTROPHIC = '/^(\\w+\\s?)*$/';
const HOSTILE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'; // 33 characters and a '!': exponential on a backtracking engine

// A time limit far away: the result must come from matching in linear time, not from the deadline.
const ctx = { now: () => 0, limits: { timeoutMs: 3_600_000 } };
const run = (source: string, name = '') => evaluateExpression(source, { name }, ctx);

describe('regular expressions match in linear time (RE2)', () => {
  it('answers the catastrophic pattern on the hostile input, correctly', async () => {
    await expect(run(`$contains(name, ${CATASTROPHIC})`, HOSTILE)).resolves.toBe(false);
    await expect(run(`$contains(name, ${CATASTROPHIC})`, 'ab cd')).resolves.toBe(true);
  });

  it('keeps $match, $replace and $split working', async () => {
    await expect(run('$match("a1b22", /[0-9]+/).match')).resolves.toStrictEqual(['1', '22']);
    await expect(run('$match("Ab", /(a)(b)/i).groups')).resolves.toStrictEqual(['A', 'b']);
    await expect(run('$replace("a1b22", /[0-9]+/, "#")')).resolves.toBe('a#b#');
    await expect(run('$split("a, b,c", /,\\s*/)')).resolves.toStrictEqual(['a', 'b', 'c']);
    await expect(run('$match("x\\ny", /^y$/m).match')).resolves.toBe('y');
    await expect(run('$replace("héllo wörld", /ö/, "o")')).resolves.toBe('héllo world');
  });

  it('refuses a backreference or lookaround when checked, saying where and why', () => {
    for (const source of ['$contains("aa", /(a)\\1/)', '$match("ab", /a(?=b)/)', '$match("ab", /(?<!a)b/)']) {
      const check = checkExpression(source);
      expect(check.ok).toBe(false);
      if (check.ok) continue;
      expect(check.message).toMatch(/not supported.*RE2.*backreferences and lookahead\/lookbehind/);
      expect(check.offset).toBeTypeOf('number');
    }
  });

  it('fails an evaluation of an unsupported pattern with a syntax error, not a crash', async () => {
    const error = await run('$match("ab", /a(?=b)/)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
  });

  it('LinearRegExp behaves as a global RegExp for exec', () => {
    const re = new LinearRegExp(/b+/g);
    const first = re.exec('abbcb');
    expect(first?.[0]).toBe('bb');
    expect(first?.index).toBe(1);
    expect(re.lastIndex).toBe(3);
    expect(re.exec('abbcb')?.index).toBe(4);
    expect(re.exec('abbcb')).toBeNull();
    expect(unsupportedPatternReason('^(\\w+\\s?)*$')).toBeUndefined();
  });
});
