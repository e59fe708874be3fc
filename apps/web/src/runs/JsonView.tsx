import { useState } from 'react';
import type { JsonValue } from './types';
import { PAGE_SIZE, STRING_CUT, STRING_STEP, childPage, cutString, isContainer, jsonKind, nextShown, preview } from './json-view-model';

/**
 * A collapsible JSON viewer that renders lazily: collapsed by default, children rendered only
 * when their parent is open, long lists paged and long strings cut. A body the run answer cut
 * at 64 KiB (`truncated`) offers "load full body" from its own endpoint.
 */

function StringValue({ value }: { value: string }) {
  const [shown, setShown] = useState(STRING_CUT);
  const cut = cutString(value, shown);
  return (
    <span className="json-string">
      &quot;{cut.text}
      {cut.remaining > 0 ? '…' : ''}&quot;
      {cut.remaining > 0 && (
        <button type="button" className="json-more" onClick={() => setShown(shown + STRING_STEP)}>
          show more ({cut.remaining.toLocaleString()} more characters)
        </button>
      )}
    </span>
  );
}

function Scalar({ value }: { value: JsonValue }) {
  if (typeof value === 'string') return <StringValue value={value} />;
  return <span className={`json-${jsonKind(value)}`}>{String(value)}</span>;
}

function Children({ value, depth }: { value: JsonValue[] | { [key: string]: JsonValue }; depth: number }) {
  const [shown, setShown] = useState(PAGE_SIZE);
  const page = childPage(value, shown);
  return (
    <ul className="json-children">
      {page.entries.map((e) => (
        <li key={e.key}>
          <JsonNode name={e.key} value={e.value} depth={depth + 1} />
        </li>
      ))}
      {page.remaining > 0 && (
        <li>
          <button type="button" className="json-more" onClick={() => setShown(nextShown(shown, page.total))}>
            show {Math.min(PAGE_SIZE, page.remaining)} more of {page.remaining.toLocaleString()}
          </button>
        </li>
      )}
    </ul>
  );
}

function JsonNode({ name, value, depth }: { name: string; value: JsonValue; depth: number }) {
  const [open, setOpen] = useState(false);
  if (!isContainer(value)) {
    return (
      <span className="json-row">
        <span className="json-key">{name}:</span> <Scalar value={value} />
      </span>
    );
  }
  return (
    <>
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="json-key">{name}:</span> <span className="json-preview">{preview(value)}</span>
      </button>
      {open && <Children value={value} depth={depth} />}
    </>
  );
}

export interface JsonViewProps {
  label: string;
  value: JsonValue | undefined;
  /** The value is the first 64 KiB of the JSON text of a larger one. */
  truncated?: boolean;
  /** Fetches the full value; offered when `truncated`. */
  loadFull?: () => Promise<JsonValue>;
  /**
   * Instead of `loadFull`: fetches the stored value and whether the store itself kept only its
   * start (an attempt's body beyond the run history's size limit); then `storedCutNote` says so.
   */
  loadStored?: () => Promise<{ value: JsonValue; truncated: boolean }>;
  /** Said after loading when the stored value is itself cut. */
  storedCutNote?: string;
  /** The words of the load button ("load full body", "load full output"). */
  loadLabel?: string;
  testId?: string;
}

export function JsonView({ label, value, truncated = false, loadFull, loadStored, storedCutNote = 'the stored value is cut too', loadLabel = 'load full body', testId }: JsonViewProps) {
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState<{ value: JsonValue; truncated: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = full === null ? value : full.value;
  const isCut = truncated && full === null;

  const canLoad = loadStored !== undefined || loadFull !== undefined;
  async function load(): Promise<void> {
    if (!canLoad) return;
    setLoading(true);
    setError(null);
    try {
      setFull(loadStored ? await loadStored() : { value: await loadFull!(), truncated: false });
      setOpen(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }

  if (current === undefined) return null;
  return (
    <div className="json-view" data-testid={testId}>
      <button type="button" className="json-toggle json-root" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="json-label">{label}</span> <span className="json-preview">{preview(current)}</span>
      </button>
      {isCut && (
        <span className="json-cut">
          {' '}cut at 64 KiB{' '}
          {canLoad && (
            <button type="button" className="json-more" disabled={loading} onClick={() => void load()}>
              {loading ? 'loading…' : loadLabel}
            </button>
          )}
          {error && <span className="json-error"> {error}</span>}
        </span>
      )}
      {full?.truncated && (
        <span className="json-cut" data-testid={testId === undefined ? undefined : `${testId}-stored-cut`}>
          {' '}
          {storedCutNote}
        </span>
      )}
      {open && (isContainer(current) ? <Children value={current} depth={0} /> : <div className="json-children"><Scalar value={current} /></div>)}
    </div>
  );
}
