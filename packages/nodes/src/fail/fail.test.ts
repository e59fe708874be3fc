import { describe, expect, it } from 'vitest';
import { makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { failDefinition } from './definition.js';
import { failExecutor } from './execute.js';
import { failInfo } from './info.js';

describe('fail', () => {
  it('takes a category and a message', () => {
    expectValid(failDefinition, { message: 'no stock' });
    expectValid(failDefinition, { category: 'server', message: '{{ $input.reason }}' });
    expectValid(failDefinition, { category: '{{ $input.category }}', message: 'x' });
    expect(issuesOf(failDefinition, {})).toEqual([{ path: ['message'], message: 'message is required' }]);
    expect(issuesOf(failDefinition, { category: 'cancelled', message: 'x' })).toEqual([
      { path: ['category'], message: 'expected one of timeout, network, server, rate_limited, auth, invalid_request, invalid_response, or a {{ template }}' },
    ]);
  });

  it('fails with its category and message, invalid_request by default', async () => {
    expect(await failExecutor.execute({ category: 'server', message: 'upstream said no' }, makeContext())).toEqual({
      ok: false,
      failure: { category: 'server', message: 'upstream said no' },
    });
    expect(await failExecutor.execute({ message: 'bad order' }, makeContext())).toEqual({
      ok: false,
      failure: { category: 'invalid_request', message: 'bad order' },
    });
  });

  it('fails with invalid_request when a template produced a category it may not claim', async () => {
    const result = await failExecutor.execute({ category: 'internal', message: 'x' }, makeContext());
    expect(result).toMatchObject({ ok: false, failure: { category: 'invalid_request', message: expect.stringMatching(/^invalid params: category/) } });
  });

  it('shows on its card the category it fails with, the default included', () => {
    expect(failInfo.summary({ category: 'server', message: 'upstream said no' })).toBe('fail server: upstream said no');
    expect(failInfo.summary({ message: 'bad order' })).toBe('fail invalid_request: bad order');
  });
});
