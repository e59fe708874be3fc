import { describe, expect, it } from 'vitest';
import { NOW, makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { delayDefinition } from './definition.js';
import { delayExecutor } from './execute.js';

describe('delay', () => {
  it('takes ms or until, each a value or a template', () => {
    expectValid(delayDefinition, { ms: 1500 });
    expectValid(delayDefinition, { ms: '{{ $input.wait }}' });
    expectValid(delayDefinition, { until: '2030-01-01T09:00:00+02:00' });
    expectValid(delayDefinition, { until: '{{ $input.at }}' });
  });

  it.each([
    [{}, [{ path: [], message: 'a delay has either ms or until (exactly one)' }]],
    [{ ms: 1, until: '2030-01-01T00:00:00Z' }, [{ path: [], message: 'a delay has either ms or until (exactly one)' }]],
    [{ ms: -1 }, [{ path: ['ms'], message: 'ms is at least 0' }]],
    [{ ms: 1.5 }, [{ path: ['ms'], message: 'expected a number of milliseconds, or a {{ template }}' }]],
    [{ ms: 4e10 }, [{ path: ['ms'], message: 'ms is at most 31536000000 (a year)' }]],
    [{ until: 'tomorrow' }, [{ path: ['until'], message: 'until is an ISO 8601 time with a time zone, e.g. 2030-01-01T09:00:00Z' }]],
    [{ until: '2030-01-01T09:00:00' }, [{ path: ['until'], message: 'until is an ISO 8601 time with a time zone, e.g. 2030-01-01T09:00:00Z' }]],
  ])('rejects %j', (params, issues) => {
    expect(issuesOf(delayDefinition, params)).toEqual(issues);
  });

  it('sleeps ms from the injected clock and outputs its input', async () => {
    const input = { id: 1 };
    expect(await delayExecutor.execute({ ms: 2500 }, makeContext({ input }))).toEqual({ ok: true, output: input, sleepUntil: NOW + 2500 });
  });

  it('sleeps until a time, or not at all when it has passed', async () => {
    expect(await delayExecutor.execute({ until: '2026-01-01T01:00:00+01:00' }, makeContext())).toMatchObject({ sleepUntil: NOW });
    expect(await delayExecutor.execute({ until: '2026-01-01T00:00:10Z' }, makeContext())).toMatchObject({ sleepUntil: NOW + 10_000 });
    expect(await delayExecutor.execute({ until: '2025-06-01T00:00:00Z' }, makeContext())).toMatchObject({ sleepUntil: NOW });
  });

  it('fails with invalid_request when a template produced a wrong value', async () => {
    const result = await delayExecutor.execute({ ms: 'soon' }, makeContext());
    expect(result).toMatchObject({ ok: false, failure: { category: 'invalid_request' } });
    expect(delayExecutor.pure).toBe(true);
  });
});
