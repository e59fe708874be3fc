import { memo, useState } from 'react';
import type { RunEventRow } from './run-model';
import { formatDuration } from './run-model';
import { outcomeLook } from './AttemptTimeline';

const PAGE = 100;

/** `10:00:00.240Z`: the date is in the banner; within a run the time of day tells the order. */
function timeOfDay(iso: string): string {
  return /T(.*)$/.exec(iso)?.[1] ?? iso;
}

/** The run's attempts in the order they started; paged so a long run stays cheap. */
export const EventsList = memo(function EventsList({ rows, onSelect }: { rows: RunEventRow[]; onSelect: (nodeId: string) => void }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <section className="run-events" aria-label="Events" data-testid="run-events">
      <h3>Events</h3>
      {rows.length === 0 && <p className="run-muted">No attempts yet.</p>}
      <ol>
        {rows.slice(0, shown).map(({ nodeId, attempt }) => {
          const look = outcomeLook(attempt.outcome);
          const status = attempt.error?.httpStatus ?? attempt.response?.status;
          return (
            <li key={`${nodeId}#${attempt.number}`}>
              <time className="run-muted" dateTime={attempt.startedAt} title={attempt.startedAt}>
                {timeOfDay(attempt.startedAt)}
              </time>{' '}
              <button type="button" className="run-link" onClick={() => onSelect(nodeId)}>
                {nodeId}
              </button>{' '}
              #{attempt.number} <span style={{ color: look.colour }}>{look.icon} {attempt.outcome ?? 'running'}</span>
              {attempt.error && ` · ${attempt.error.category}`}
              {status != null && ` · HTTP ${status}`}
              {attempt.durationMs !== null && ` · ${formatDuration(attempt.durationMs)}`}
            </li>
          );
        })}
      </ol>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
        </button>
      )}
    </section>
  );
});
