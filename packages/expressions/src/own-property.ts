/**
 * `target[key] = value`, except that a `__proto__` key (which JSON.parse creates as an ordinary
 * own property) stays data: plain assignment would replace the target's prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
