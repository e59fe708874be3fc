import type { Look } from './run-model';

/** A status as icon + word on its colour: readable without colour (UX.md). */
export function StatusBadge({ look, testId, status }: { look: Look; testId?: string; status?: string }) {
  return (
    <span className={`run-badge run-badge--${look.tone}`} style={{ borderColor: look.colour, color: look.colour }} data-testid={testId} data-status={status}>
      <span aria-hidden>{look.icon}</span> {look.word}
    </span>
  );
}
