import { describe, expect, it } from 'vitest';
import { PARSED_EXAMPLES } from '../examples/parsed';
import { parseWorkflowFile } from './importFile';
import { workflowFileName } from '../editor/fileio';

describe('import file', () => {
  it('reads a workflow and drops server fields', () => {
    const wf = PARSED_EXAMPLES[0]?.workflow;
    const result = parseWorkflowFile(JSON.stringify({ ...wf, id: 'x', version: 3, active: true }));
    expect(result).toEqual({ ok: true, workflow: wf });
  });

  it('explains what is wrong', () => {
    expect(parseWorkflowFile('{')).toMatchObject({ ok: false });
    expect(parseWorkflowFile('[]')).toMatchObject({ ok: false });
    const bad = parseWorkflowFile(JSON.stringify({ schemaVersion: 1, name: 'x', nodes: [{ id: 'a', type: 't', typo: 1 }], edges: [] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('nodes.0');
  });

  it('names the export file after the workflow', () => {
    expect(workflowFileName('Order saga!')).toBe('order-saga.json');
  });
});
