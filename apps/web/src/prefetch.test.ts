import { afterEach, describe, expect, it } from 'vitest';
import { PREFETCH_FRESH_MS, takePrefetched } from './prefetch';

const holder = globalThis as { __switchyardPrefetch?: { path: string; response: Promise<Response> } };
const answer = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the workflow asked for while the app loads', () => {
  afterEach(() => {
    delete holder.__switchyardPrefetch;
  });
  const again: string[] = [];
  const fetchAgain = async (path: string): Promise<Response> => {
    again.push(path);
    return answer(200, { fresh: true });
  };

  it('is used once, for its own path and GET only', async () => {
    holder.__switchyardPrefetch = { path: '/api/workflows/wf1', response: Promise.resolve(answer(200, { id: 'wf1' })) };
    expect(takePrefetched('/api/workflows/other', {}, fetchAgain, 100)).toBeUndefined();
    expect(takePrefetched('/api/workflows/wf1', { method: 'PUT' }, fetchAgain, 100)).toBeUndefined();
    const taken = takePrefetched('/api/workflows/wf1', { method: 'GET' }, fetchAgain, 100);
    expect(await (await taken!).json()).toEqual({ id: 'wf1' });
    expect(takePrefetched('/api/workflows/wf1', {}, fetchAgain, 100)).toBeUndefined();
  });

  it('is asked again when it was not a success or failed, and dropped when the page is no longer young', async () => {
    holder.__switchyardPrefetch = { path: '/api/workflows/wf1', response: Promise.resolve(answer(401, { error: { code: 'unauthorized', message: 'sign in' } })) };
    expect(await (await takePrefetched('/api/workflows/wf1', {}, fetchAgain, 100)!).json()).toEqual({ fresh: true });
    holder.__switchyardPrefetch = { path: '/api/workflows/wf2', response: Promise.reject(new TypeError('network')) };
    expect(await (await takePrefetched('/api/workflows/wf2', {}, fetchAgain, 100)!).json()).toEqual({ fresh: true });
    expect(again).toEqual(['/api/workflows/wf1', '/api/workflows/wf2']);
    holder.__switchyardPrefetch = { path: '/api/workflows/wf3', response: Promise.resolve(answer(200, {})) };
    expect(takePrefetched('/api/workflows/wf3', {}, fetchAgain, PREFETCH_FRESH_MS + 1)).toBeUndefined();
    expect(holder.__switchyardPrefetch).toBeUndefined();
  });
});
