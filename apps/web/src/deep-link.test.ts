import { describe, expect, it } from 'vitest';
import { pathToHashRoute } from './deep-link';

describe('deep links', () => {
  it('turns a path into the hash route of the same page', () => {
    expect(pathToHashRoute('/runs/run_1', '', '')).toBe('/#/runs/run_1');
    expect(pathToHashRoute('/workflows/wf_1', '?x=1', '')).toBe('/#/workflows/wf_1?x=1');
  });
  it('leaves the root, hash routes and the sign-in page alone', () => {
    expect(pathToHashRoute('/', '', '')).toBeNull();
    expect(pathToHashRoute('/', '', '#/runs')).toBeNull();
    expect(pathToHashRoute('/runs/1', '', '#/workflows')).toBeNull();
    expect(pathToHashRoute('/signin', '?token=t', '')).toBeNull();
  });
});
