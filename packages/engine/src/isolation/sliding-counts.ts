/**
 * Counts over a sliding time window, kept in a fixed ring of buckets so memory does not grow
 * with the call rate: the window is `buckets` slices of `windowMs / buckets`, and a count leaves
 * the window a slice at a time (at most one slice late).
 */
export class SlidingCounts<K extends string> {
  private readonly sliceMs: number;
  private readonly starts: number[];
  private readonly counts: Array<Record<K, number>>;

  constructor(
    private readonly keys: readonly K[],
    readonly windowMs: number,
    private readonly buckets = 20,
  ) {
    this.sliceMs = Math.max(1, Math.ceil(windowMs / buckets));
    this.starts = new Array<number>(buckets).fill(Number.NEGATIVE_INFINITY);
    this.counts = Array.from({ length: buckets }, () => this.zero());
  }

  add(key: K, now: number, n = 1): void {
    const slice = Math.floor(now / this.sliceMs);
    const i = slice % this.buckets;
    if (this.starts[i] !== slice) {
      this.starts[i] = slice;
      this.counts[i] = this.zero();
    }
    this.counts[i]![key] += n;
  }

  /** Totals of the slices that overlap (now - windowMs, now]. */
  totals(now: number): Record<K, number> {
    const current = Math.floor(now / this.sliceMs);
    const oldest = current - this.buckets + 1;
    const sum = this.zero();
    for (let i = 0; i < this.buckets; i++) {
      const start = this.starts[i]!;
      if (start < oldest || start > current) continue;
      for (const key of this.keys) sum[key] += this.counts[i]![key];
    }
    return sum;
  }

  clear(): void {
    this.starts.fill(Number.NEGATIVE_INFINITY);
  }

  private zero(): Record<K, number> {
    const out = {} as Record<K, number>;
    for (const key of this.keys) out[key] = 0;
    return out;
  }
}
