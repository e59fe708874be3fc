import type { TimelineItem } from './timeline';
import { TONE_COLOUR, formatDuration, type Tone } from './run-model';
import type { AttemptOutcome } from './types';

const OUTCOME_TONE: Record<AttemptOutcome | 'running', Tone> = { succeeded: 'success', failed: 'failure', interrupted: 'retrying', cancelled: 'cancelled', running: 'running' };
const OUTCOME_ICON: Record<AttemptOutcome | 'running', string> = { succeeded: '✓', failed: '✕', interrupted: '⚡', cancelled: '⊗', running: '▶' };

export function outcomeLook(outcome: AttemptOutcome | null): { colour: string; icon: string } {
  const key = outcome ?? 'running';
  return { colour: TONE_COLOUR[OUTCOME_TONE[key]], icon: OUTCOME_ICON[key] };
}

/** Bars for attempts, gaps for the waits between them, each labelled (UX.md "Run view"). */
export function AttemptTimeline({ nodeId, items, onPick }: { nodeId: string; items: TimelineItem[]; onPick: (number: number) => void }) {
  if (items.length === 0) return <p className="run-muted">No attempts: this node never ran.</p>;
  return (
    <div className="run-timeline" role="list" aria-label={`Attempts of ${nodeId}`}>
      {items.map((item, i) =>
        item.kind === 'attempt' ? (
          <button
            type="button"
            role="listitem"
            key={`a${item.number}`}
            className={`run-timeline__bar run-timeline__bar--${item.outcome ?? 'running'}`}
            style={{ left: `${item.leftPct}%`, width: `${item.widthPct}%`, background: outcomeLook(item.outcome).colour }}
            title={`#${item.number} (epoch ${item.epoch}): ${item.label}`}
            aria-label={`Attempt ${item.number}: ${item.label}`}
            onClick={() => onPick(item.number)}
          >
            {outcomeLook(item.outcome).icon}
            {item.number}
            {item.httpStatus !== null && ` ${item.httpStatus}`}
          </button>
        ) : (
          <span
            role="listitem"
            key={`w${i}`}
            className={`run-timeline__wait${item.epochBreak ? ' run-timeline__wait--epoch' : ''}${item.upcoming ? ' run-timeline__wait--upcoming' : ''}`}
            style={{ left: `${item.leftPct}%`, width: `${item.widthPct}%` }}
            title={item.label}
            aria-label={item.label}
          >
            <span className="run-timeline__wait-text">{formatDuration(item.durationMs)}</span>
          </span>
        ),
      )}
    </div>
  );
}
