/** An error answer of the API: `{ error: { code, message, details? } }` (http-api.md "Errors"). */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isErrorBody(value: unknown): value is { error: ErrorBody } {
  const error = (value as { error?: unknown } | null)?.error as Partial<ErrorBody> | undefined;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * One JSON request to the same-origin API with the session cookie. The answer is returned as
 * parsed JSON (undefined for an empty body); a failure is thrown as the error `fail` builds:
 * the API's own error body, `http_<status>` for a page that is not one, `network` when the
 * server could not be reached.
 */
export async function requestJson<T>(
  fetchImpl: FetchLike,
  method: string,
  path: string,
  body: unknown,
  fail: (status: number, body: ErrorBody) => Error,
  /** Request headers beyond accept and content-type (If-Match). */
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json', ...extraHeaders } : { accept: 'application/json', 'content-type': 'application/json', ...extraHeaders },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw fail(0, { code: 'network', message: 'The server cannot be reached. Check that Switchyard is running, then try again.' });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): reported below by its status.
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) throw fail(response.status, parsed.error);
    throw fail(response.status, { code: `http_${response.status}`, message: `The server answered ${response.status} ${response.statusText}`.trim() });
  }
  return parsed as T;
}
