import type { Random } from '@switchyard/engine';

/** Deterministic randomness (mulberry32): the same seed gives the same sequence on every machine. */
export class SeededRandom implements Random {
  readonly seed: number;
  #state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`SeededRandom needs a finite seed, got ${seed}`);
    this.seed = seed;
    // Reduce any finite number to 32 bits so fractional or large seeds still work.
    this.#state = Math.trunc(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
