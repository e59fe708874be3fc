import { ERROR_CATEGORIES, FALLBACK_DEFAULT_CATEGORIES, type ErrorCategory } from '@switchyard/schema/constants';
import type { CanvasEdge } from '../graph/model';
import type { EdgePatch } from '../graph/operations';
import { retryLabel } from '../graph/retry';
import { NumberField, SelectField } from './Fields';

export interface EdgeFormProps {
  edge: CanvasEdge;
  /** Branch outputs of the source, for a `next` edge's handle. */
  sourceOutputs: readonly string[] | null;
  onChange: (patch: EdgePatch, field: string) => void;
}

const KIND_TEXT: Record<CanvasEdge['kind'], string> = {
  next: 'Runs the target after the source succeeds.',
  fallback: 'When the source fails for good (after its retries), the target runs in its place.',
  compensate: 'The target undoes the source if the run fails later.',
  retry: 'A retry edge must be a loop on one node; this one is not valid.',
};

/** The inspector for a selected edge: the fields of its kind. */
export function EdgeForm({ edge, sourceOutputs, onChange }: EdgeFormProps) {
  return (
    <div className="edge-form" data-testid="edge-form">
      <p className={`edge-kind edge-kind--${edge.kind}`}>
        <strong>{edge.kind}</strong> {edge.source} → {edge.target}
      </p>
      <p className="muted">{KIND_TEXT[edge.kind]}</p>
      {edge.kind === 'next' && sourceOutputs !== null && (
        <SelectField name="handle" label="Branch output" value={edge.handle} options={sourceOutputs} emptyLabel="(choose)" onChange={(v) => onChange({ handle: v }, 'handle')} />
      )}
      {edge.kind === 'fallback' && (
        <>
          <NumberField name="order" label="Order (1 = tried first)" value={edge.order} min={1} placeholder="1" onChange={(v) => onChange({ order: v }, 'order')} />
          <div className="field">
            <span className="field__label">Handles failures of category</span>
            <div className="category-grid">
              {ERROR_CATEGORIES.map((c) => {
                const current: readonly ErrorCategory[] = edge.on ?? FALLBACK_DEFAULT_CATEGORIES;
                return (
                  <label key={c} className="category">
                    <input
                      type="checkbox"
                      data-testid={`field-on-${c}`}
                      checked={current.includes(c)}
                      onChange={(e) => {
                        const next = e.target.checked ? [...current, c] : current.filter((x) => x !== c);
                        const ordered = ERROR_CATEGORIES.filter((x) => next.includes(x));
                        // The default set is written as no `on` at all, as the format defines it.
                        const isDefault = ordered.length === FALLBACK_DEFAULT_CATEGORIES.length && ordered.every((x) => FALLBACK_DEFAULT_CATEGORIES.includes(x));
                        onChange({ on: isDefault || ordered.length === 0 ? undefined : ordered }, 'on');
                      }}
                    />{' '}
                    {c}
                  </label>
                );
              })}
            </div>
          </div>
        </>
      )}
      {edge.kind === 'retry' && <p>{retryLabel(edge.retry)}</p>}
      <p className="muted small">Edge id: {edge.id}</p>
    </div>
  );
}
