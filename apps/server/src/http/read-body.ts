import { ApiError } from './api-error.js';

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false };

/**
 * Reads a request body up to `maxBytes`, counting while it streams: a declared length over the
 * limit is refused before reading, and a body that grows past it (chunked, or lying about its
 * length) is cancelled at once, so a huge body is never buffered.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false };
  }
  if (request.body === null) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** The same, throwing the spec's 413 for API routes. */
export async function readBodyOrThrow(request: Request, maxBytes: number): Promise<Buffer> {
  const read = await readLimitedBody(request, maxBytes);
  if (!read.ok) throw new ApiError('payload_too_large', `the request body is larger than ${maxBytes} bytes`, undefined, { connection: 'close' });
  return read.bytes;
}
