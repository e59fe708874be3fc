/** The paths of the run views, for the app's router: `/runs` and `/runs/<id>` (deep links). */

export type RunsRoute = { page: 'runs' } | { page: 'run'; runId: string };

export function matchRunsRoute(pathname: string): RunsRoute | null {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/runs') return { page: 'runs' };
  const m = /^\/runs\/([^/]+)$/.exec(path);
  if (m === null || m[1] === undefined) return null;
  try {
    return { page: 'run', runId: decodeURIComponent(m[1]) };
  } catch {
    // A malformed escape is no run id.
    return null;
  }
}

export function runPath(runId: string): string {
  return `/runs/${encodeURIComponent(runId)}`;
}
