import { createContext, useContext, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { applyCompletion, completionsAt, type Completion, type CompletionList } from './completion';
import { tokenizeTemplate } from './tokens';
import './expression.css';

/** The node ids an expression field offers after `$nodes.`: the workflow's other nodes. */
export const ExpressionScope = createContext<readonly string[]>([]);

export interface ExpressionInputProps {
  id: string;
  testId: string;
  value: string;
  onText: (text: string) => void;
  onFocus: () => void;
  onBlur: () => void;
  placeholder?: string | undefined;
  invalid: boolean;
  /** A textarea of `rows` lines; otherwise one line. */
  multiline?: boolean | undefined;
  rows?: number | undefined;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * A template field: the text is drawn highlighted (JSONata inside `{{ }}`) by a backdrop under
 * a transparent input, so the browser keeps editing, selection, undo and IME as they are; and
 * `$`/`$nodes.` open a list of bindings, functions and node ids (arrows, Enter or Tab, Escape).
 */
export function ExpressionInput(props: ExpressionInputProps) {
  const nodeIds = useContext(ExpressionScope);
  const fieldRef = useRef<Field | null>(null);
  const backdropRef = useRef<HTMLPreElement>(null);
  const caretAfterAccept = useRef<number | null>(null);
  const [list, setList] = useState<CompletionList | null>(null);
  const [active, setActive] = useState(0);
  const listId = `${props.id}-completions`;

  const syncScroll = (): void => {
    const field = fieldRef.current;
    const backdrop = backdropRef.current;
    if (!field || !backdrop) return;
    backdrop.scrollTop = field.scrollTop;
    backdrop.scrollLeft = field.scrollLeft;
  };

  useLayoutEffect(() => {
    const field = fieldRef.current;
    if (field && caretAfterAccept.current !== null) {
      field.setSelectionRange(caretAfterAccept.current, caretAfterAccept.current);
      caretAfterAccept.current = null;
    }
    syncScroll();
  });

  const suggest = (field: Field): void => {
    const caret = field.selectionStart ?? field.value.length;
    setList(field.selectionEnd === caret ? completionsAt(field.value, caret, nodeIds) : null);
    setActive(0);
  };

  const accept = (item: Completion): void => {
    const field = fieldRef.current;
    if (!field || !list) return;
    const next = applyCompletion(field.value, list, item);
    caretAfterAccept.current = next.caret;
    setList(null);
    props.onText(next.text);
  };

  const onKeyDown = (event: KeyboardEvent<Field>): void => {
    if (!list) return;
    const count = list.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(list.items[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setList(null);
    }
  };

  const common = {
    id: props.id,
    ref: (el: Field | null) => {
      fieldRef.current = el;
    },
    'data-testid': props.testId,
    className: 'input input--mono expr__field',
    value: props.value,
    placeholder: props.placeholder,
    spellCheck: false,
    autoComplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': list !== null,
    'aria-controls': list ? listId : undefined,
    'aria-activedescendant': list ? `${listId}-${active}` : undefined,
    'aria-invalid': props.invalid ? true : undefined,
    onFocus: props.onFocus,
    onBlur: () => {
      setList(null);
      props.onBlur();
    },
    onScroll: syncScroll,
    onKeyDown,
    onKeyUp: (event: KeyboardEvent<Field>) => {
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') suggest(event.currentTarget);
    },
    onChange: (event: { currentTarget: Field }) => {
      props.onText(event.currentTarget.value);
      suggest(event.currentTarget);
    },
  };

  return (
    <div className={`expr${props.multiline ? ' expr--multiline' : ''}`}>
      <pre ref={backdropRef} className="input input--mono expr__backdrop" aria-hidden="true" data-testid={`${props.testId}-highlight`}>
        {tokenizeTemplate(props.value).map((token, i) =>
          token.kind === 'text' || token.kind === 'space' ? token.text : (
            <span key={i} className={`tok tok--${token.kind}`}>
              {token.text}
            </span>
          ),
        )}
        {/* A textarea shows an empty last line after a final newline; so does this. */}
        {props.multiline ? '\n' : null}
      </pre>
      {props.multiline ? <textarea {...common} rows={props.rows ?? 3} /> : <input {...common} />}
      {list && (
        <ul className="expr__completions" role="listbox" id={listId} data-testid="completions">
          {list.items.map((item, i) => (
            <li
              key={item.label}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // Keeps the focus in the field: a click accepts instead of blurring first.
              onMouseDown={(event) => {
                event.preventDefault();
                accept(item);
              }}
            >
              <span className="mono">{item.label}</span>
              {item.detail && <span className="muted small">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
