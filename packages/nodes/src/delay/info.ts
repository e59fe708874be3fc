import { formatDuration } from '@switchyard/schema/durations';
import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** What the editor shows of `delay`: no zod here (its params schema is in definition.ts). */
export const delayInfo: NodeCatalogEntry = {
  type: 'delay',
  title: 'Delay',
  description: 'Waits for a duration or until a time, then passes its input on.',
  group: 'logic',
  outputs: () => null,
  // `ms` or `until` given as a template can evaluate to a wrong value (invalid_request).
  canFail: true,
  isTrigger: false,
  summary: (p) =>
    typeof p.ms === 'number' ? `wait ${formatDuration(p.ms)}` : shorten(`wait ${textOf(p.ms) ?? ''}${textOf(p.until) ? `until ${textOf(p.until)}` : ''}`),
  starterParams: { ms: 1000 },
  docs: { params: '`ms` or `until` (exactly one)', output: 'its input, with `sleepUntil`', retrySafe: 'yes' },
};
