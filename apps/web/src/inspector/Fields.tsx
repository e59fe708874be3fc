import { useEffect, useId, useState, type ReactNode } from 'react';
import { mixedDisplay, parseJsonText, parseMixedText } from './schemaFields';
import { ExpressionInput } from './expression/ExpressionInput';
import { useChecks } from '../checks/loadChecks';

/**
 * Inputs that keep what the user types while focused (so `1.` or a half-typed template is not
 * reformatted under the cursor) and follow the store's value otherwise (undo, another node).
 */
function useEditableText(value: string): [string, (text: string) => void, { onFocus: () => void; onBlur: () => void }] {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  return [text, setText, { onFocus: () => setFocused(true), onBlur: () => setFocused(false) }];
}

export function FieldRow({ label, htmlFor, hint, error, required, children }: { label: string; htmlFor: string; hint?: string | undefined; error?: string | null | undefined; required?: boolean | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={htmlFor} className="field__label">
        {label}
        {required && <span className="field__required" title="required"> *</span>}
      </label>
      {children}
      {hint && !error && <div className="field__hint">{hint}</div>}
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  onBlur?: ((text: string) => void) | undefined;
  placeholder?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  suggestions?: readonly string[] | undefined;
  /** Shows template parse errors inline and uses a monospace font. */
  template?: boolean | undefined;
  multiline?: boolean | undefined;
  error?: string | null | undefined;
  testId?: string | undefined;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const [text, setText, focus] = useEditableText(props.value);
  const checks = useChecks();
  // Until the template parser has loaded, a template shows no parse error (it is shown with it).
  const error = props.error ?? (props.template ? (checks?.templateError(text) ?? null) : null);
  const common = {
    id,
    'data-testid': props.testId ?? `field-${props.name}`,
    value: text,
    placeholder: props.placeholder,
    className: props.template ? 'input input--mono' : 'input',
    'aria-invalid': error ? true : undefined,
    onFocus: focus.onFocus,
    onBlur: () => {
      focus.onBlur();
      props.onBlur?.(text);
    },
  };
  const listId = props.suggestions && props.suggestions.length > 0 ? `${id}-list` : undefined;
  if (props.template) {
    return (
      <FieldRow label={props.label} htmlFor={id} hint={props.hint} error={error} required={props.required}>
        <ExpressionInput
          id={id}
          testId={common['data-testid']}
          value={text}
          placeholder={props.placeholder}
          invalid={error !== null}
          multiline={props.multiline}
          onFocus={focus.onFocus}
          onBlur={common.onBlur}
          onText={(t) => {
            setText(t);
            props.onChange(t);
          }}
        />
      </FieldRow>
    );
  }
  return (
    <FieldRow label={props.label} htmlFor={id} hint={props.hint} error={error} required={props.required}>
      {props.multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(e.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          list={listId}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(e.target.value);
          }}
        />
      )}
      {listId && (
        <datalist id={listId}>
          {props.suggestions?.map((s) => <option key={s} value={s} />)}
        </datalist>
      )}
    </FieldRow>
  );
}

export function NumberField(props: { name: string; label: string; value: number | undefined; onChange: (value: number | undefined) => void; min?: number; max?: number; step?: number; hint?: string | undefined; placeholder?: string | undefined; testId?: string }) {
  const id = useId();
  const [text, setText, focus] = useEditableText(props.value === undefined ? '' : String(props.value));
  const parsed = text.trim() === '' ? undefined : Number(text);
  const invalid = parsed !== undefined && !Number.isFinite(parsed);
  return (
    <FieldRow label={props.label} htmlFor={id} hint={props.hint} error={invalid ? 'a number' : null}>
      <input
        id={id}
        type="number"
        className="input"
        data-testid={props.testId ?? `field-${props.name}`}
        value={text}
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        {...focus}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim() === '' ? undefined : Number(e.target.value);
          if (v === undefined || Number.isFinite(v)) props.onChange(v);
        }}
      />
    </FieldRow>
  );
}

export function SelectField(props: { name: string; label: string; value: string | undefined; options: readonly string[]; onChange: (value: string | undefined) => void; emptyLabel?: string; required?: boolean | undefined; testId?: string; hint?: string | undefined }) {
  const id = useId();
  return (
    <FieldRow label={props.label} htmlFor={id} required={props.required} hint={props.hint}>
      <select id={id} className="input" data-testid={props.testId ?? `field-${props.name}`} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}>
        <option value="">{props.emptyLabel ?? '(default)'}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

export function CheckboxField(props: { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string; hint?: string }) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" data-testid={props.testId ?? `field-${props.name}`} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <div className="field__hint">{props.hint}</div>}
    </div>
  );
}

/** A JSON value (objects, arrays, unions): committed only when the text parses. */
export function JsonField(props: { name: string; label: string; value: unknown; onChange: (value: unknown) => void; required?: boolean | undefined; hint?: string | undefined; testId?: string; textAllowed?: boolean }) {
  const id = useId();
  // A param that also takes a string (a body, an expression) shows a string as it is, not quoted.
  const parse = props.textAllowed ? parseMixedText : parseJsonText;
  const [text, setText, focus] = useEditableText(props.textAllowed ? mixedDisplay(props.value) : props.value === undefined ? '' : JSON.stringify(props.value, null, 2));
  const parsed = parse(text);
  const checks = useChecks();
  const templateProblem = props.textAllowed && parsed.ok && typeof parsed.value === 'string' ? (checks?.templateError(parsed.value) ?? null) : null;
  const rows = Math.min(10, Math.max(2, text.split('\n').length));
  const onText = (next: string): void => {
    setText(next);
    const result = parse(next);
    if (result.ok) props.onChange(result.value);
  };
  return (
    <FieldRow label={props.label} htmlFor={id} required={props.required} hint={props.hint ?? (props.textAllowed ? 'Text, a {{ template }}, or JSON' : 'JSON')} error={parsed.ok ? templateProblem : `Not valid JSON yet: ${parsed.message}`}>
      {props.textAllowed ? (
        <ExpressionInput
          id={id}
          testId={props.testId ?? `field-${props.name}`}
          value={text}
          invalid={!parsed.ok || templateProblem !== null}
          multiline
          rows={rows}
          onFocus={focus.onFocus}
          onBlur={focus.onBlur}
          onText={onText}
        />
      ) : (
        <textarea
          id={id}
          className="input input--mono"
          aria-invalid={parsed.ok ? undefined : true}
          rows={rows}
          data-testid={props.testId ?? `field-${props.name}`}
          value={text}
          {...focus}
          onChange={(e) => onText(e.target.value)}
        />
      )}
    </FieldRow>
  );
}
