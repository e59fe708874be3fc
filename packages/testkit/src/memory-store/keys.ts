import { StoreFailureError } from '@switchyard/schema';

/** A map key of several ids: JSON keeps them apart whatever characters the ids hold. */
export function compositeKey(...parts: ReadonlyArray<string | number>): string {
  return JSON.stringify(parts);
}

/** Orders strings as SQLite's default collation does for the ids the engine writes (code units). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A write the memory store refuses as SQLite refuses it with a constraint (a key taken twice, a row of a missing parent). */
export function constraintFailure(message: string): StoreFailureError {
  return new StoreFailureError(message, { code: 'constraint' });
}
