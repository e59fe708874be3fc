/**
 * The answer to a GET the page started before the app's code ran (index.html asks for the
 * workflow in the address while the bundle loads). Taken once, for that exact path, and only
 * while the page is young: anything later, or any other request, goes to the network as usual.
 * A prefetched answer that is not a success (say, 401 before signing in) is asked again.
 */
interface Prefetched {
  path: string;
  response: Promise<Response>;
}

/** After this long the prefetched answer may be stale: the app asks afresh. */
export const PREFETCH_FRESH_MS = 30_000;

export function takePrefetched(path: string, init: RequestInit, fetchAgain: (path: string, init: RequestInit) => Promise<Response>, now: number): Promise<Response> | undefined {
  const holder = globalThis as { __switchyardPrefetch?: Prefetched };
  const prefetched = holder.__switchyardPrefetch;
  if (!prefetched || prefetched.path !== path || (init.method ?? 'GET') !== 'GET') return undefined;
  delete holder.__switchyardPrefetch;
  if (now > PREFETCH_FRESH_MS) return undefined;
  return prefetched.response.then(
    (response) => (response.ok ? response : fetchAgain(path, init)),
    () => fetchAgain(path, init),
  );
}
