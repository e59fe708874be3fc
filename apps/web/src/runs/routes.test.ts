import { describe, expect, it } from 'vitest';
import { matchRunsRoute, runPath } from './routes';

describe('run routes', () => {
  it.each([
    ['/runs', { page: 'runs' }],
    ['/runs/', { page: 'runs' }],
    ['/runs/run_1', { page: 'run', runId: 'run_1' }],
    ['/runs/a%2Fb', { page: 'run', runId: 'a/b' }],
    ['/runs/%E0%A4%A', null],
    ['/runs/a/b', null],
    ['/workflows', null],
  ])('%s', (path, route) => expect(matchRunsRoute(path)).toEqual(route));

  it('round-trips ids', () => {
    expect(matchRunsRoute(runPath('a/b c'))).toEqual({ page: 'run', runId: 'a/b c' });
  });
});
