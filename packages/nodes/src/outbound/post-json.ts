import { createHttpClient } from '../http-request/client.js';
import type { TimedHttpOptions } from '../http-request/client.js';
import { checkDestination } from '../http-request/guard.js';

/** The answer of a notification POST: its status, or why nothing was answered. */
export type PostResult = { ok: true; status: number } | { ok: false; reason: string };

export interface JsonPoster {
  /**
   * POSTs `body` as JSON to `url` through the SSRF guard, one hop (no redirects), within
   * `timeoutMs`. `headersFor` adds headers computed from the exact bytes sent (a signature).
   */
  post(url: string, body: unknown, timeoutMs: number, headersFor?: (raw: string) => Record<string, string>): Promise<PostResult>;
  close(): Promise<void>;
}

/**
 * Outbound notifications (alert webhooks) with the same connect-time guard as http.request:
 * private, loopback and link-local addresses are refused unless allowed. The answer's body is
 * thrown away; only its status says whether the notification was taken.
 */
export function createJsonPoster(options: TimedHttpOptions): JsonPoster {
  const client = createHttpClient(options);
  return {
    async post(target, body, timeoutMs, headersFor) {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return { ok: false, reason: 'not a valid URL' };
      }
      const blocked = checkDestination(url, client.policy);
      if (blocked !== null) return { ok: false, reason: blocked };
      const raw = JSON.stringify(body);
      try {
        const res = await client.send(
          { url, method: 'POST', headers: { ...headersFor?.(raw), 'content-type': 'application/json', 'user-agent': client.userAgent }, body: raw, trusted: false },
          options.deadline(timeoutMs),
        );
        await res.discard();
        return { ok: true, status: res.status };
      } catch (error) {
        // Connection and guard errors name the host, never a path (which may hold a secret).
        return { ok: false, reason: error instanceof Error ? error.message.replace(/https?:\/\/\S*/g, (u) => safeOrigin(u)) : String(error) };
      }
    },
    close: () => client.close(),
  };
}

function safeOrigin(text: string): string {
  try {
    return new URL(text).origin;
  } catch {
    return '[url]';
  }
}
