import { describe, expect, it } from 'vitest';
import { systemClock, systemRandom } from './system.js';

describe('the real clock and randomness', () => {
  it('draws uniformly in [0, 1)', () => {
    const random = systemRandom();
    const draws = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    // Not constant: a broken source would repeat itself.
    expect(new Set(draws).size).toBeGreaterThan(9_900);
  });

  it('fires a timer once its time has come, and not after it is cleared', async () => {
    const clock = systemClock();
    const fired: string[] = [];
    clock.setTimer(clock.now() + 5, () => fired.push('a'));
    const cleared = clock.setTimer(clock.now() + 5, () => fired.push('b'));
    clock.clearTimer(cleared);
    await new Promise((r) => setTimeout(r, 50));
    expect(fired).toEqual(['a']);
  });
});
