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
    let firedA!: () => void;
    const aFired = new Promise<void>((resolve) => (firedA = resolve));
    const cleared = clock.setTimer(clock.now() + 5, () => fired.push('b'));
    clock.setTimer(clock.now() + 5, () => {
      fired.push('a');
      firedA();
    });
    clock.clearTimer(cleared);
    await aFired;
    // A later timer, set after both: once it fires, the cleared one (due earlier) had its chance.
    await new Promise<void>((resolve) => clock.setTimer(clock.now() + 10, resolve));
    expect(fired).toEqual(['a']);
  });
});
