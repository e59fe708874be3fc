import { lazy, Suspense, useId } from 'react';
import { FieldRow } from '../Fields';

// CodeMirror is loaded with the first form that shows code, never with the editor's first bundle.
const CodeEditor = lazy(() => import('./CodeEditor'));

export interface CodeFieldProps {
  name: string;
  label: string;
  value: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  onChange: (text: string) => void;
}

/** A param that is source code: a code editor, with a plain text area while it loads. */
export function CodeField({ name, label, value, required, hint, onChange }: CodeFieldProps) {
  const id = useId();
  return (
    <FieldRow label={label} htmlFor={id} hint={hint} required={required}>
      <Suspense fallback={<textarea id={id} className="input input--mono" data-testid={`field-${name}-loading`} value={value} readOnly rows={6} />}>
        <CodeEditor id={id} testId={`field-${name}`} label={label} value={value} onChange={onChange} />
      </Suspense>
    </FieldRow>
  );
}
