import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createApi, type Fetch } from '../api';
import { BundleButtons, importSummary } from './BundleButtons';

afterEach(() => cleanup());

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const report = (dryRun: boolean) => ({ dryRun, items: [{ kind: 'workflow', id: 'wf_a', outcome: 'conflict', detail: 'left as it is' }], created: 2, unchanged: 0, conflicts: 1, missingCredentials: ['crm_key'], warnings: [] });
const upload = (text: string): void => {
  fireEvent.change(screen.getByTestId('input-import'), { target: { files: [new File([text], 'bundle.json', { type: 'application/json' })] } });
};

describe('BundleButtons', () => {
  it('export is a download; import checks with a dry run, writes only when confirmed, and shows conflicts', async () => {
    const calls: string[] = [];
    const fetchImpl: Fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)}`);
      return json(200, report(String(input).includes('dryRun')));
    };
    const onImported = vi.fn();
    render(<BundleButtons api={createApi(fetchImpl)} onImported={onImported} />);
    expect(screen.getByTestId('btn-export').getAttribute('href')).toBe('/api/export');
    upload('{"format":"switchyard-bundle"}');
    expect((await screen.findByTestId('import-check')).textContent).toContain('2 created, 0 unchanged, 1 conflict; credentials to create again: crm_key');
    expect(calls).toEqual(['POST /api/import?dryRun=true']);
    fireEvent.click(screen.getByTestId('btn-import-confirm'));
    expect((await screen.findByTestId('import-done')).textContent).toContain('workflow wf_a: left as it is');
    expect(calls).toEqual(['POST /api/import?dryRun=true', 'POST /api/import']);
    expect(onImported).toHaveBeenCalledOnce();
  });

  it('a refused bundle shows where each issue is; a file that is not JSON is said so, and nothing is sent', async () => {
    const calls: string[] = [];
    const fetchImpl: Fetch = async (input) => {
      calls.push(String(input));
      return json(400, { error: { code: 'invalid_request', message: 'the bundle is not valid', details: { issues: [{ path: ['workflows', 0, 'versions', 0, 'createdAt'], message: 'Invalid ISO datetime' }] } } });
    };
    render(<BundleButtons api={createApi(fetchImpl)} onImported={() => {}} />);
    upload('{"format":"switchyard-bundle"}');
    expect((await screen.findByTestId('import-failed')).textContent).toContain('workflows.0.versions.0.createdAt: Invalid ISO datetime');
    cleanup();
    render(<BundleButtons api={createApi(fetchImpl)} onImported={() => {}} />);
    upload('not json');
    expect((await screen.findByTestId('import-failed')).textContent).toContain('bundle.json is not a JSON file');
    expect(calls).toHaveLength(1);
  });

  it('importSummary says one line', () => {
    expect(importSummary({ ...report(false), missingCredentials: [], conflicts: 0, items: [] })).toBe('2 created, 0 unchanged, 0 conflicts');
  });
});
