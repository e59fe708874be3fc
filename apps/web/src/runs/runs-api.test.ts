import { describe, expect, it } from 'vitest';
import { RunsApiError, createRunsApi, runListQuery, runsErrorMessage } from './runs-api';

function recorder(status: number, body: string) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fetchImpl = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status });
  };
  return { calls, api: createRunsApi(fetchImpl) };
}

describe('runListQuery', () => {
  it('sends only the set filters', () => {
    expect(runListQuery({})).toBe('');
    expect(runListQuery({ workflowId: 'w 1', status: 'failed', degraded: true, since: '2026-01-01T00:00:00.000Z', limit: 20, cursor: 'abc' })).toBe(
      '?workflowId=w+1&status=failed&degraded=true&since=2026-01-01T00%3A00%3A00.000Z&limit=20&cursor=abc',
    );
  });
});

describe('createRunsApi', () => {
  it('calls the spec paths same-origin', async () => {
    const { calls, api } = recorder(200, '{"items":[],"nextCursor":null}');
    await api.listRuns({ status: 'running' });
    await api.getRun('r/1');
    await api.attemptPart('r1', 'charge', 2, 'response');
    await api.nodePart('r1', 'charge', 'output');
    await api.workflowVersion('wf', 3);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/runs?status=running',
      '/api/runs/r%2F1',
      '/api/runs/r1/nodes/charge/attempts/2/response',
      '/api/runs/r1/nodes/charge/output',
      '/api/workflows/wf/versions/3',
    ]);
    expect(calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('posts the actions with their bodies', async () => {
    const { calls, api } = recorder(202, '{"runId":"r1"}');
    expect(await api.resume('r1')).toEqual({ runId: 'r1' });
    await api.cancel('r1', true);
    await api.replay('r1');
    expect(calls.map((c) => [c.url, c.init?.method, c.init?.body])).toEqual([
      ['/api/runs/r1/resume', 'POST', '{}'],
      ['/api/runs/r1/cancel', 'POST', '{"compensate":true}'],
      ['/api/runs/r1/replay', 'POST', '{}'],
    ]);
  });

  it('turns an error body into a typed error', async () => {
    const { api } = recorder(409, JSON.stringify({ error: { code: 'conflict', message: 'the run is live', details: { status: 'running' } } }));
    const error = await api.resume('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunsApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'the run is live', details: { status: 'running' } });
  });

  it('reports a non-JSON failure and an unreachable server in words', async () => {
    const { api } = recorder(502, '<html>bad gateway</html>');
    await expect(api.getRun('r')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const down = createRunsApi(() => Promise.reject(new TypeError('fetch failed')));
    const error = await down.getRun('r').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(runsErrorMessage(new RunsApiError(401, { code: 'unauthorized', message: 'no' }))).toContain('Sign in again');
  });
});
