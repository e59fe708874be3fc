import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { NodePanel } from './NodePanel';
import { fixtureRun } from './fixture';
import { tableApi } from './test-api';

afterEach(cleanup);

describe('NodePanel', () => {
  it('says that no request was sent when the integration’s protections refused the call', () => {
    const charge = fixtureRun().nodes.find((n) => n.nodeId === 'charge')!;
    const refused = { ...charge.attempts[0]!, number: 3, request: null, response: null, error: { category: 'circuit_open' as const, message: "the breaker of integration 'payments' is open; no request was sent" } };
    const node = { ...charge, attempts: [...charge.attempts, refused] };
    render(<NodePanel runId="run_1" node={node} api={tableApi({}).api} now={Date.parse('2026-11-28T10:00:05Z')} onClose={() => {}} />);
    const attempt = screen.getByTestId('attempt-charge-3');
    fireEvent.click(within(attempt).getByRole('button', { name: /#3/ }));
    expect(attempt.textContent).toContain('no request was sent: the integration’s protections refused the call');
    // An attempt that recorded nothing for another reason says only that.
    const first = screen.getByTestId('attempt-charge-1');
    expect(first.textContent).not.toContain('no request was sent');
  });
});
