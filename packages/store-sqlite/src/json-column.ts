/** JSON columns are TEXT; SQL NULL stands for a record's `null`, so a nullable field round-trips. */

export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function toNullableJsonColumn(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

// The store reads back only what it wrote through these helpers, so the cast names the stored type.
export function fromJsonColumn<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromNullableJsonColumn<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function toBooleanColumn(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export function fromBooleanColumn(value: number): boolean {
  return value !== 0;
}
