import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Workflow } from '@switchyard/schema';
import { RunPage } from './RunPage';
import { fixtureRun } from './fixture';
import { tableApi } from './test-api';
import type { RunDetail, RunNode } from './types';

afterEach(cleanup);

const FIVE_MB = 5 * 1024 * 1024;

/** A 200-node chain; node n7's last response body is cut in the run answer and 5 MB in full. */
function bigRun(): { run: RunDetail; workflow: Workflow & { id: string; version: number } } {
  const template = fixtureRun().nodes[1]!;
  const nodes: RunNode[] = Array.from({ length: 200 }, (_, i) => ({
    ...template,
    nodeId: `n${i}`,
    status: i < 150 ? 'succeeded' : 'skipped',
    source: 'self',
    compensation: null,
    attempts: i < 150 ? template.attempts : [],
  }));
  const workflow = {
    id: 'big',
    version: 1,
    schemaVersion: 1 as const,
    name: 'big',
    nodes: nodes.map((n) => ({ id: n.nodeId, type: 'http.request' })),
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, kind: 'next' as const, source: `n${i}`, target: n.nodeId })),
  };
  return { run: { ...fixtureRun(), workflowId: 'big', workflowVersion: 1, nodes }, workflow };
}

describe('RunPage with a 200-node run and a 5 MB body', () => {
  it('renders every node and puts the 5 MB body in the DOM only a slice at a time, when asked', async () => {
    const { run, workflow } = bigRun();
    const { api } = tableApi({
      'GET /api/runs/run_1': [200, run],
      'GET /api/workflows/big/versions/1': [200, workflow],
      'GET /api/runs/run_1/nodes/n7/attempts/2/response': [200, { status: 503, headers: {}, body: 'y'.repeat(FIVE_MB), truncated: false }],
    });
    render(<RunPage runId="run_1" api={api} />);
    // Speed is measured in the browser tests (e2e/tests/runs-large.spec.ts), not here.
    await screen.findByTestId('run-node-n199');
    expect(screen.getByTestId('run-gantt').querySelectorAll('.run-gantt__row')).toHaveLength(200);
    fireEvent.click(screen.getByTestId('run-node-n7'));
    const attempt = within(await screen.findByTestId('node-panel')).getByTestId('attempt-n7-2');
    fireEvent.click(within(attempt).getByRole('button', { name: /#2/ }));
    fireEvent.click(within(attempt).getByRole('button', { name: 'load full body' }));
    // Loaded, opened, and still only the first slice of the string is rendered.
    const more = await within(attempt).findByRole('button', { name: /show more/ });
    expect(more.textContent).toContain('more characters');
    expect(document.body.textContent!.length).toBeLessThan(200_000);
    // The point is that the page works with a run this large, not how fast a DOM shim renders
    // it: on a busy 2-core machine this has taken well over the default deadline.
  }, 180_000);
});
