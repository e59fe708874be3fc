/**
 * A bounded cache that keeps what was used recently: two generations of at most `max / 2`
 * entries each. A hit in the current generation costs one Map lookup (an exact LRU would reorder
 * on every hit, which showed up as a quarter of the time of evaluating a simple template); a hit
 * in the previous one moves the entry forward; when the current one fills up, the previous one
 * (whatever was not used since) is dropped. Parsed templates and compiled expressions live in
 * these: workflows come and go, so the caches must not grow forever.
 */
export class BoundedCache<K, V> {
  readonly #generationSize: number;
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 2) throw new RangeError(`BoundedCache needs an integer size of at least 2, got ${max}`);
    this.#generationSize = Math.floor(max / 2);
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) {
      this.#previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    this.#previous.delete(key);
    this.#current.set(key, value);
    if (this.#current.size >= this.#generationSize) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
  }

  clear(): void {
    this.#current.clear();
    this.#previous.clear();
  }
}
