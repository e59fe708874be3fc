import type { RunsApi } from './runs-api';
import { createRunsApi } from './runs-api';

/** A RunsApi over a table of `METHOD path` → [status, body], recording the calls (component tests). */
export function tableApi(routes: Record<string, [number, unknown] | (() => [number, unknown])>): { api: RunsApi; calls: string[] } {
  const calls: string[] = [];
  const api = createRunsApi(async (url, init) => {
    const key = `${init?.method ?? 'GET'} ${url}`;
    calls.push(key);
    const route = routes[key];
    const [status, body] = route === undefined ? [404, { error: { code: 'not_found', message: `no route ${key}` } }] : typeof route === 'function' ? route() : route;
    return new Response(JSON.stringify(body), { status });
  });
  return { api, calls };
}
