import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

function take(random: SeededRandom, n: number): number[] {
  return Array.from({ length: n }, () => random.next());
}

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(take(new SeededRandom(42), 100)).toEqual(take(new SeededRandom(42), 100));
  });

  it('gives different sequences for different seeds', () => {
    expect(take(new SeededRandom(1), 10)).not.toEqual(take(new SeededRandom(2), 10));
  });

  it('matches the reference mulberry32 output, so sequences are stable across versions', () => {
    expect(take(new SeededRandom(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const values = take(new SeededRandom(7), 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const buckets = new Array<number>(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)] = (buckets[Math.floor(v * 10)] ?? 0) + 1;
    for (const count of buckets) {
      expect(count).toBeGreaterThan(1800);
      expect(count).toBeLessThan(2200);
    }
  });

  it('accepts zero, negative and fractional seeds and refuses non-finite ones', () => {
    expect(take(new SeededRandom(0), 3).every((v) => v >= 0 && v < 1)).toBe(true);
    expect(take(new SeededRandom(-5), 3)).toEqual(take(new SeededRandom(-5), 3));
    expect(take(new SeededRandom(3.9), 3)).toEqual(take(new SeededRandom(3), 3));
    expect(() => new SeededRandom(Number.NaN)).toThrow(RangeError);
  });
});
