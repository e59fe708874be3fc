import { describe, expect, it } from 'vitest';
import { ApiError, authoredPart, createApi, type Fetch } from './api';

function fakeFetch(status: number, body: unknown, calls: Array<{ url: string; init: RequestInit | undefined }> = []): Fetch {
  return async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
}

describe('api client', () => {
  it('sends JSON with the session cookie', async () => {
    const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
    const api = createApi(fakeFetch(200, { items: [] }, calls));
    await api.listWorkflows();
    await createApi(fakeFetch(204, undefined, calls)).signIn('k');
    expect(calls[0]?.url).toBe('/api/workflows');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(calls[1]?.init?.method).toBe('POST');
    expect(calls[1]?.init?.body).toBe('{"apiKey":"k"}');
  });

  it('turns error bodies into ApiError with code and issues', async () => {
    const api = createApi(fakeFetch(400, { error: { code: 'invalid_workflow', message: 'bad', details: { issues: [{ path: ['nodes', 0], message: 'm', code: 'c' }] } } }));
    const error = await api.createWorkflow({ schemaVersion: 1, name: 'x', nodes: [], edges: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_workflow');
    expect((error as ApiError).body.details?.issues).toHaveLength(1);
  });

  it('reports a network failure in plain words', async () => {
    const api = createApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listWorkflows()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('strips server fields for export', () => {
    expect(authoredPart({ id: 'a', version: 2, active: true, updatedAt: 'x', schemaVersion: 1, name: 'n', nodes: [], edges: [] })).toEqual({ schemaVersion: 1, name: 'n', nodes: [], edges: [] });
  });
});
