import { InvalidCursorError } from '@switchyard/schema';

/** Where a page of runs ended: runs are listed by (createdAt, id) descending. */
export interface RunCursor {
  createdAt: number;
  id: string;
}

// One format for every store, so a cursor reads the same whichever store handed it out.
export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** An InvalidCursorError for anything this format did not produce. */
export function decodeRunCursor(text: string): RunCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(text);
  }
  if (!Array.isArray(value) || value.length !== 2) throw new InvalidCursorError(text);
  const [createdAt, id] = value as unknown[];
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || typeof id !== 'string') throw new InvalidCursorError(text);
  return { createdAt, id };
}
