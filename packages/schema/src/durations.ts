/**
 * How a duration reads in the editor (retry badges, node cards): the spec's labels such as
 * `x4 exp 0.5s..30s` use it. No imports, so a client loads it without zod
 * (`@switchyard/schema/durations`).
 */

/** Seconds without trailing zeros (`0.2s`, `2s`, `1.5s`) below a minute; minutes, then hours, past that. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms / 1000}s`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))}s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toFixed(1))}min`;
  return `${Number((ms / 3_600_000).toFixed(1))}h`;
}
