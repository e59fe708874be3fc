import { formatPath, type IssueTarget, type LocatedIssue } from '../graph/issues';

export interface ProblemsListProps {
  problems: readonly LocatedIssue[];
  onSelect: (target: IssueTarget) => void;
}

function targetText(target: IssueTarget): string {
  return target.kind === 'workflow' ? 'workflow' : target.kind === 'node' ? `node ${target.id}` : `edge ${target.id}`;
}

/** Every validation problem in plain words; a click selects the node or edge it is about. */
export function ProblemsList({ problems, onSelect }: ProblemsListProps) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="problems" data-testid="problems" aria-label="Problems">
      <header className="problems__header">
        <strong>Problems</strong>{' '}
        {problems.length === 0 ? (
          <span className="status-ok" data-testid="problems-none">✔ The workflow is valid</span>
        ) : (
          <span data-testid="problems-count">
            {errors > 0 && <span className="issue-count issue-count--error">✖ {errors} {errors === 1 ? 'error' : 'errors'}</span>}{' '}
            {warnings > 0 && <span className="issue-count issue-count--warning">▲ {warnings} {warnings === 1 ? 'warning' : 'warnings'}</span>}
          </span>
        )}
      </header>
      {problems.length > 0 && (
        <ul className="problems__list">
          {problems.map((p, i) => (
            <li key={`${formatPath(p.path)}:${p.code}:${i}`}>
              <button type="button" className={`problem problem--${p.severity}`} data-testid={`problem-${i}`} onClick={() => onSelect(p.target)} disabled={p.target.kind === 'workflow'} title={formatPath(p.path)}>
                <span className="problem__icon" aria-hidden>
                  {p.severity === 'error' ? '✖' : '▲'}
                </span>
                <span className="problem__where">{targetText(p.target)}</span>
                <span className="problem__message">{p.message}</span>
                <span className="problem__path">{formatPath(p.path)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
