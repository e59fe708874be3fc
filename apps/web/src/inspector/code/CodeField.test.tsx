import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { nodeCatalog } from '@switchyard/nodes/catalog';
import type { NodeTypeInfo } from '@switchyard/schema';
import { ParamsForm } from '../ParamsForm';

afterEach(cleanup);

const codeInfo = nodeCatalog.get('code') as NodeTypeInfo;

describe('the code param', () => {
  it('is a CodeMirror editor with line numbers and JavaScript highlighting, sending edits as params', async () => {
    const onChange = vi.fn();
    render(<ParamsForm info={codeInfo} params={{ code: 'const a = [1, 2];\nreturn a;' }} onChange={onChange} />);
    const field = await screen.findByTestId('field-code');
    expect(field.querySelector('.cm-lineNumbers')?.textContent).toContain('2');
    expect(field.querySelector('.cm-content')?.textContent).toContain('return a;');
    // Highlighted: keywords are in spans of their own.
    expect(field.querySelectorAll('.cm-content span').length).toBeGreaterThan(0);
    const view = EditorView.findFromDOM(field.querySelector('.cm-editor') as HTMLElement);
    expect(view).not.toBeNull();
    view!.dispatch({ changes: { from: view!.state.doc.length, insert: '\n// done' } });
    expect(onChange).toHaveBeenLastCalledWith({ code: 'const a = [1, 2];\nreturn a;\n// done' }, 'code');
  });

  it('the time limit stays a number field', async () => {
    render(<ParamsForm info={codeInfo} params={{ code: 'return 1;' }} onChange={() => {}} />);
    await screen.findByTestId('field-code');
    expect(screen.getByTestId('field-timeLimitMs').tagName).toBe('INPUT');
  });
});
