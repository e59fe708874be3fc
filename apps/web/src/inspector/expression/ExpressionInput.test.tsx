import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ExpressionInput, ExpressionScope } from './ExpressionInput';

afterEach(cleanup);

function Harness({ initial = '', multiline = false }: { initial?: string; multiline?: boolean }) {
  const [text, setText] = useState(initial);
  return (
    <ExpressionScope.Provider value={['charge', 'charge_backup', 'ship']}>
      <ExpressionInput id="f" testId="field" value={text} onText={setText} onFocus={() => {}} onBlur={() => {}} invalid={false} multiline={multiline} />
      <output data-testid="value">{text}</output>
    </ExpressionScope.Provider>
  );
}

const type = (text: string): void => {
  const field = screen.getByTestId('field') as HTMLInputElement;
  field.focus();
  fireEvent.change(field, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
};

describe('ExpressionInput', () => {
  it('draws the text highlighted under the field, character for character', () => {
    render(<Harness initial="Hi {{ $trigger.body.name }}" />);
    const highlight = screen.getByTestId('field-highlight');
    expect(highlight.textContent).toBe('Hi {{ $trigger.body.name }}');
    expect(highlight.querySelector('.tok--variable')?.textContent).toBe('$trigger');
    expect(highlight.querySelectorAll('.tok--brace')).toHaveLength(2);
  });

  it('lists node ids after $nodes. and inserts the one chosen with the keyboard', () => {
    render(<Harness />);
    type('{{ $nodes.ch');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['chargenode output', 'charge_backupnode output']);
    expect(screen.getByTestId('field').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'Enter' });
    expect(screen.getByTestId('value').textContent).toBe('{{ $nodes.charge_backup');
    expect(screen.queryByTestId('completions')).toBeNull();
  });

  it('accepts a suggestion by mouse and closes the list on Escape', () => {
    render(<Harness multiline />);
    type('{{ $');
    fireEvent.mouseDown(screen.getByText('$trigger'));
    expect(screen.getByTestId('value').textContent).toBe('{{ $trigger');
    type('{{ $trigger & $no');
    expect(screen.getByTestId('completions')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'Escape' });
    expect(screen.queryByTestId('completions')).toBeNull();
  });
});
