import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../src/index.js';
import { DEFINITIONS, http, issuesOf, next, workflow } from './fixtures.js';

describe('stage 1: structure', () => {
  it('names an unknown field at its path, so a typo does not drop a policy', () => {
    const wf = workflow([http('b', { policy: { retries: 3 } as never })], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([{ path: ['nodes', 2, 'policy', 'retries'], code: 'unknown_field', message: "unknown field 'retries'" }]);
  });

  it('names an unknown top-level field', () => {
    expect(issuesOf({ ...workflow(), nodez: [] })).toEqual([{ path: ['nodez'], code: 'unknown_field', message: "unknown field 'nodez'" }]);
  });

  it('rejects a handle on a retry edge', () => {
    const wf = workflow([], [{ id: 'r1', kind: 'retry', source: 'call', target: 'call', handle: 'true', retry: { maxAttempts: 2 } } as never]);
    expect(issuesOf(wf)).toEqual([{ path: ['edges', 1, 'handle'], code: 'unknown_field', message: "unknown field 'handle'" }]);
  });

  it('says which required field is missing', () => {
    const { name: _name, ...rest } = workflow();
    expect(issuesOf(rest)).toEqual([{ path: ['name'], code: 'missing_field', message: "missing required field 'name'" }]);
  });

  it('says what type was expected and what came', () => {
    const wf = workflow([http('b', { position: { x: '10' as never, y: 0 } })], [next('e2', 'call', 'b')]);
    expect(issuesOf(wf)).toEqual([{ path: ['nodes', 2, 'position', 'x'], code: 'invalid_type', message: 'expected a number, got a string' }]);
  });

  it('rejects an unknown edge kind at the kind', () => {
    const wf = workflow([], [{ id: 'x', kind: 'jump', source: 'call', target: 'call' } as never]);
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 1, 'kind'], code: 'invalid_value', message: "'kind' must be one of 'next', 'retry', 'fallback', 'compensate'" },
    ]);
  });

  it('rejects an edge without a kind as a missing field', () => {
    const wf = workflow([], [{ id: 'x', source: 'call', target: 'call' } as never]);
    expect(issuesOf(wf)).toEqual([{ path: ['edges', 1, 'kind'], code: 'missing_field', message: "missing required field 'kind'" }]);
  });

  it('rejects reserved and malformed node ids with the schema message', () => {
    const wf = workflow([http('constructor'), http('a-b')], [next('e2', 'call', 'constructor'), next('e3', 'call', 'a-b')]);
    expect(issuesOf(wf)).toEqual([
      { path: ['nodes', 2, 'id'], code: 'invalid_value', message: 'this word is reserved and cannot be a node id' },
      { path: ['nodes', 3, 'id'], code: 'invalid_format', message: 'a node id starts with a letter or _ and has only letters, digits and _ (at most 64)' },
    ]);
  });

  it('explains bounds and literals', () => {
    const wf = { ...workflow([], [{ id: 'r1', kind: 'retry', source: 'call', target: 'call', retry: { maxAttempts: 0 } }]), schemaVersion: 2, name: 'n'.repeat(201) };
    expect(issuesOf(wf)).toEqual([
      { path: ['edges', 1, 'retry', 'maxAttempts'], code: 'too_small', message: 'must be at least 1' },
      { path: ['name'], code: 'too_big', message: 'must be at most 200 characters long' },
      { path: ['schemaVersion'], code: 'invalid_value', message: 'must be 1' },
    ]);
  });

  it('rejects something that is not an object', () => {
    expect(issuesOf('workflow')).toEqual([{ path: [], code: 'invalid_type', message: 'expected an object, got a string' }]);
    expect(issuesOf(null)).toEqual([{ path: [], code: 'invalid_type', message: 'expected an object, got null' }]);
  });

  it('ignores the fields the server adds', () => {
    const wf = workflow();
    const stored = { ...wf, id: 'w1', version: 3, active: true, createdAt: 'x', updatedAt: 'y', warnings: [] };
    expect(validateWorkflow(stored, DEFINITIONS)).toEqual({ ok: true, workflow: wf, warnings: [] });
  });

  it('reports every structural issue it finds, not just the first', () => {
    const wf = { schemaVersion: 1, name: '', nodes: [{ id: 'start', type: 'trigger.manual', colour: 'red' }, { id: 1, type: 'http.request' }], edges: [{ id: '', kind: 'next', source: 'start', target: 'x' }] };
    expect(issuesOf(wf).map((i) => [i.path, i.code])).toEqual([
      [['edges', 0, 'id'], 'too_small'],
      [['name'], 'too_small'],
      [['nodes', 0, 'colour'], 'unknown_field'],
      [['nodes', 1, 'id'], 'invalid_type'],
    ]);
  });

  it('runs no graph rule on a malformed graph, but still checks the nodes that parse', () => {
    const wf = workflow([{ id: 'x', type: 'nope' }, http('lonely')], [{ id: 'bad', kind: 'jump', source: 'call', target: 'x' } as never]);
    expect(issuesOf(wf).map((i) => [i.path, i.code])).toEqual([
      [['edges', 1, 'kind'], 'invalid_value'],
      [['nodes', 2, 'type'], 'unknown_node_type'],
    ]);
  });

  it('runs graph rules when only a top-level field is wrong', () => {
    const wf = { ...workflow([http('lonely')]), name: '' };
    expect(issuesOf(wf).map((i) => [i.path, i.code])).toEqual([
      [['name'], 'too_small'],
      [['nodes', 2], 'unreachable'],
    ]);
  });
});
