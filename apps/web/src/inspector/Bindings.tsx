/** The names an expression can use (workflow-format.md "Bindings"), with this workflow's node ids. */
const FIXED: ReadonlyArray<[string, string]> = [
  ['$input', 'output of the node before this one'],
  ['$trigger', 'the trigger object: body, headers, query…'],
  ['$run', '{ id, workflowId, workflowVersion }'],
  ['$node', '{ id, attempt, epoch }'],
  ['$failure', 'in a fallback: the failure it stands in for'],
  ['$compensating', 'in an undo node: { nodeId, params, output }'],
  ['$integration', '{ id, baseUrl }'],
];

export function Bindings({ nodeIds }: { nodeIds: readonly string[] }) {
  const copy = (text: string): void => {
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  };
  return (
    <details className="bindings" data-testid="bindings">
      <summary>Expression bindings</summary>
      <p className="muted small">Templates are JSONata inside {'{{ }}'}. Click a name to copy it.</p>
      <ul>
        {FIXED.map(([name, text]) => (
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
