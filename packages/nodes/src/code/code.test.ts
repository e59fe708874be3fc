import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, expectOk, makeContext } from '../../test/context.js';
import { expectValid, issuesOf } from '../../test/issues.js';
import { createNodeRegistry } from '../registry.js';
import { createCodeSandbox } from './sandbox/pool.js';
import { codeDefinition } from './definition.js';

const sandbox = createCodeSandbox({ workers: 2 });
const registry = createNodeRegistry({ codeSandbox: sandbox });
const code = registry.get('code')!;
afterAll(async () => {
  await registry.close();
  await sandbox.close();
});

const run = (source: string, ctx = {}, timeLimitMs = 300) => code.execute({ code: source, timeLimitMs }, makeContext({ timeoutMs: 10_000, ...ctx }));

describe('code: params', () => {
  it('takes code (not a template) and a time limit', () => {
    expectValid(codeDefinition, { code: 'return {{ 1 }};' });
    expectValid(codeDefinition, { code: 'return 1', timeLimitMs: '{{ 5 }}' });
    expect(issuesOf(codeDefinition, {})).toEqual([{ path: ['code'], message: 'code is required' }]);
    expect(issuesOf(codeDefinition, { code: 'x', timeLimitMs: 60_000 }).map((issue) => issue.path)).toEqual([['timeLimitMs']]);
    expect(codeDefinition.isTemplateExempt?.(['code'])).toBe(true);
    expect(codeDefinition.isTemplateExempt?.(['timeLimitMs'])).toBe(false);
    expect(code.pure).toBe(false);
  });
});

describe('code: runs JavaScript on plain JSON', () => {
  it('sees $input, $nodes, $trigger and $run and outputs the returned value', async () => {
    const result = expectOk(
      await run('const total = $input.items.reduce((a, b) => a + b, 0);\nreturn { total, from: $nodes.a.name, kind: $trigger.kind, run: $run.id };', {
        input: { items: [1, 2, 3] },
        scope: { trigger: { kind: 'manual', body: null }, nodes: { a: { name: 'A' } }, run: { id: 'run-9', workflowId: 'wf', workflowVersion: 1 } },
      }),
    );
    expect(result.output).toEqual({ total: 6, from: 'A', kind: 'manual', run: 'run-9' });
  });

  it('awaits its own promises', async () => {
    expect(expectOk(await run('const v = await Promise.resolve(41); return v + 1;')).output).toBe(42);
  });

  it('captures console lines into the recorded response, bounded', async () => {
    const result = expectOk(await run("console.log('hi', { a: 1 }); console.warn('careful'); return null;"));
    expect(result.response?.body).toEqual({ logs: ['hi {"a":1}', '[warn] careful'] });
    const flood = expectOk(await run("for (let i = 0; i < 20000; i++) console.log('line ' + i); return 1;", {}, 10_000));
    const body = flood.response?.body as { logs: string[]; droppedLines: number };
    expect(body.logs.reduce((sum, line) => sum + line.length + 1, 0)).toBeLessThanOrEqual(64 * 1024);
    expect(body.droppedLines).toBeGreaterThan(0);
    expect(flood.response?.truncated).toBe(true);
  });

  it('names the line of an error', async () => {
    const failed = expectFailure(await run("const a = 1;\nthrow new TypeError('bad ' + a);"));
    expect(failed.failure).toEqual({ category: 'invalid_request', message: 'the code threw TypeError: bad 1 (line 2)' });
    expect(expectFailure(await run('return (;')).failure.category).toBe('invalid_request');
  });

  it('a non-JSON value is a clear error', async () => {
    expect(expectFailure(await run('return () => 1;')).failure.message).toBe('the code returned a function, which is not JSON');
    expect(expectFailure(await run('return;')).failure.message).toBe('the code returned undefined: end it with return <a JSON value>');
    expect(expectFailure(await run('return { a: [1, () => 2] };')).failure.message).toBe('the returned value holds a function at index 1, which is not JSON');
    expect(expectFailure(await run('return { n: 1n };')).failure.message).toBe('the returned value holds a bigint at key "n", which is not JSON');
    expect(expectFailure(await run('return NaN;')).failure.message).toBe('the code returned NaN, which is not JSON');
  });
});

describe('code: the sandbox cannot reach the host', () => {
  const escapes: Array<[string, string]> = [
    ['process', 'return process.env;'],
    ['require', "return require('fs');"],
    ['import()', "const fs = await import('node:fs'); return Object.keys(fs);"],
    ['the Function constructor', "return globalThis.constructor.constructor('return process')().pid;"],
    ['fetch', "return await fetch('http://127.0.0.1:1/');"],
    ['setTimeout', "setTimeout(() => {}, 10); return 1;"],
  ];
  it.each(escapes)('%s is not there: the node fails with invalid_request', async (_name, source) => {
    const failed = expectFailure(await run(source));
    expect(failed.failure.category).toBe('invalid_request');
    expect(failed.failure.message).toMatch(/^the code threw /);
  });

  it('has no host objects: globals are the language only', async () => {
    const names = expectOk(await run('return Object.getOwnPropertyNames(globalThis).filter((n) => /^(process|require|fetch|setTimeout|setInterval|setImmediate|Buffer|WebAssembly|XMLHttpRequest|Deno|Bun|module|exports|__dirname)$/.test(n));')).output;
    expect(names).toEqual([]);
  });

  it('a promise that waits for nothing the sandbox has never settles: a clear error, not a hang', async () => {
    expect(expectFailure(await run('await new Promise(() => {}); return 1;')).failure.message).toMatch(/never settles/);
  });
});

describe('code: runaways fail only the node', () => {
  it('while(true){} is stopped at the time limit: timeout', async () => {
    expect(expectFailure(await run('while (true) {}')).failure).toEqual({ category: 'timeout', message: 'the code ran longer than its time limit of 300 ms and was stopped' });
  });

  it('allocating 1 GiB runs out of memory: invalid_request', async () => {
    const failed = expectFailure(await run('const b = new ArrayBuffer(1024 ** 3); return b.byteLength;', {}, 5_000));
    expect(failed.failure).toEqual({ category: 'invalid_request', message: 'the code ran out of memory: InternalError: out of memory' });
  });

  it('growing towards 1 GiB in small pieces is stopped too (out of memory, or the time limit while the VM collects garbage)', async () => {
    const failed = expectFailure(await run("const a = []; for (let i = 0; i < 1024 * 1024; i++) a.push('x'.repeat(1024) + i); return a.length;", {}, 1_000));
    expect(['invalid_request', 'timeout']).toContain(failed.failure.category);
    expect(expectOk(await run('return 1;')).output).toBe(1);
  });

  it('recursion 1e6 deep overflows the stack: invalid_request', async () => {
    const failed = expectFailure(await run('const down = (n) => (n === 0 ? 0 : 1 + down(n - 1)); return down(1e6);', {}, 5_000));
    expect(failed.failure.category).toBe('invalid_request');
    expect(failed.failure.message).toMatch(/stack overflow/);
  });

  it('returning a 100 MB string fails: invalid_request', async () => {
    const failed = expectFailure(await run("return 'x'.repeat(100 * 1024 * 1024);"));
    expect(failed.failure.category).toBe('invalid_request');
    expect(failed.failure.message).toMatch(/out of memory|larger than/);
  });

  it('a Proxy or a getter trap on the returned value runs in the sandbox, under its limits', async () => {
    const getter = expectFailure(await run('return { get a() { while (true) {} } };'));
    expect(getter.failure.category).toBe('timeout');
    const proxy = expectFailure(await run("return new Proxy({}, { ownKeys() { throw new Error('trap'); } });"));
    expect(proxy.failure).toEqual({ category: 'invalid_request', message: 'the code threw Error: trap (line 1)' });
    expect(expectOk(await run('return new Proxy({ a: 1 }, {});')).output).toEqual({ a: 1 });
  });

  it('the pool carries on after runaways', async () => {
    await Promise.all([run('while (true) {}'), run('while (true) {}'), run('while (true) {}')]);
    expect(expectOk(await run('return 2 + 2;')).output).toBe(4);
    expect(sandbox.stats().workers).toBeLessThanOrEqual(2);
  });

  it('a cancelled run stops its code: cancelled', async () => {
    const controller = new AbortController();
    const pending = run('while (true) {}', { signal: controller.signal });
    controller.abort();
    expect(expectFailure(await pending).failure.category).toBe('cancelled');
  });
});
