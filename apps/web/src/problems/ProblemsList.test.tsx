import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { nodeDefinitions } from '@switchyard/nodes/definitions';
import { validateWorkflow, type Workflow } from '@switchyard/schema';
import { locateIssues, type LocatedIssue } from '../graph/issues';
import { ProblemsList } from './ProblemsList';

afterEach(cleanup);

const broken: Workflow = {
  schemaVersion: 1,
  name: 'broken',
  nodes: [
    { id: 'start', type: 'trigger.manual' },
    { id: 'call', type: 'http.request', params: { method: 'GET' } },
    { id: 'lost', type: 'delay', params: { ms: 5 } },
  ],
  edges: [
    { id: 'e1', kind: 'next', source: 'start', target: 'call', handle: 'true' },
  ],
};

function problemsOf(workflow: Workflow): LocatedIssue[] {
  const result = validateWorkflow(workflow, nodeDefinitions);
  return locateIssues(workflow, result.ok ? [] : result.issues, result.warnings);
}

describe('ProblemsList', () => {
  it('says the workflow is valid when there is nothing to fix', () => {
    render(<ProblemsList problems={[]} onSelect={() => {}} />);
    expect(screen.getByTestId('problems-none').textContent).toContain('valid');
  });

  it('lists real validation issues located on nodes and edges', () => {
    const problems = problemsOf(broken);
    const onSelect = vi.fn();
    render(<ProblemsList problems={problems} onSelect={onSelect} />);
    expect(screen.getByTestId('problems-count').textContent).toMatch(/\d+ errors?/);
    const items = screen.getAllByRole('button');
    expect(items.length).toBe(problems.length);
    const targets = problems.map((p) => p.target);
    expect(targets).toContainEqual({ kind: 'node', id: 'call' });
    expect(targets).toContainEqual({ kind: 'node', id: 'lost' });
    expect(targets).toContainEqual({ kind: 'edge', id: 'e1' });
  });

  it('selects the node or edge of a clicked problem', () => {
    const problems: LocatedIssue[] = [
      { path: ['nodes', 1, 'params', 'url'], code: 'params', message: 'url is required', severity: 'error', target: { kind: 'node', id: 'call' } },
      { path: ['edges', 0, 'handle'], code: 'handle', message: 'no such output', severity: 'error', target: { kind: 'edge', id: 'e1' } },
      { path: ['nodes', 1, 'integration'], code: 'unknown_integration', message: 'not registered', severity: 'warning', target: { kind: 'node', id: 'call' } },
    ];
    const onSelect = vi.fn();
    render(<ProblemsList problems={problems} onSelect={onSelect} />);
    fireEvent.click(screen.getByTestId('problem-0'));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'node', id: 'call' });
    fireEvent.click(screen.getByTestId('problem-1'));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'edge', id: 'e1' });
    expect(screen.getByTestId('problem-0').textContent).toContain('nodes[1].params.url');
    expect(screen.getByTestId('problems-count').textContent).toContain('1 warning');
  });

  it('a workflow-level problem is listed but has nothing to select', () => {
    render(<ProblemsList problems={[{ path: ['name'], code: 'x', message: 'name is required', severity: 'error', target: { kind: 'workflow' } }]} onSelect={() => {}} />);
    expect((screen.getByTestId('problem-0') as HTMLButtonElement).disabled).toBe(true);
  });
});
