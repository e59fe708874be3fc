import type { BreakerState } from './ops-api';

const LOOK: Record<BreakerState, { icon: string; word: string; tone: string }> = {
  closed: { icon: '●', word: 'closed', tone: 'ok' },
  half_open: { icon: '◐', word: 'half-open', tone: 'retry' },
  open: { icon: '○', word: 'open', tone: 'failure' },
};

/** A breaker's state as icon and word on its colour: green closed, amber probing, red open. */
export function BreakerBadge({ state, enabled = true }: { state: BreakerState; enabled?: boolean }) {
  if (!enabled) return <span className="ops-badge ops-badge--muted">breaker off</span>;
  const look = LOOK[state];
  return (
    <span className={`ops-badge ops-badge--${look.tone}`} data-testid="breaker-state" data-state={state}>
      <span aria-hidden>{look.icon}</span> breaker {look.word}
    </span>
  );
}
