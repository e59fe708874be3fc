import { BINDINGS } from './expression/bindings';

/** The names an expression can use, with this workflow's node ids; a click copies one. */
export function Bindings({ nodeIds }: { nodeIds: readonly string[] }) {
  const copy = (text: string): void => {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  return (
    <details className="bindings" data-testid="bindings">
      <summary>Expression bindings</summary>
      <p className="muted small">Templates are JSONata inside {'{{ }}'}. Click a name to copy it.</p>
      <ul>
        {BINDINGS.filter(([name]) => name !== '$nodes').map(([name, text]) => (
          <li key={name}>
            <button type="button" className="link mono" onClick={() => copy(name)}>
              {name}
            </button>{' '}
            <span className="muted small">{text}</span>
          </li>
        ))}
        {nodeIds.map((id) => (
          <li key={id}>
            <button type="button" className="link mono" onClick={() => copy(`$nodes.${id}`)}>
              $nodes.{id}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
