import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './router';

describe('routes', () => {
  it('parses and prints hash routes', () => {
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#/workflows/new')).toEqual({ page: 'editor', id: null });
    expect(parseRoute('#/workflows/wf%201')).toEqual({ page: 'editor', id: 'wf 1' });
    expect(parseRoute('#/signin')).toEqual({ page: 'signin' });
    expect(parseRoute('#/runs/x')).toEqual({ page: 'other', path: '/runs/x' });
    expect(hrefFor({ page: 'editor', id: 'a/b' })).toBe('#/workflows/a%2Fb');
  });
});
