import type { NodeCatalogEntry } from '../shared/catalog-entry.js';
import { shorten, textOf } from '../shared/card-text.js';

/** How a `merge` combines its live inputs (docs/flow-control.md). */
export const MERGE_MODES = ['all', 'first', 'append', 'byPosition', 'byKey'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

function modeOf(params: unknown): unknown {
  return typeof params === 'object' && params !== null ? (params as { mode?: unknown }).mode : undefined;
}

/** What the editor shows of `merge`: no zod here (its params schema is in definition.ts). */
export const mergeInfo: NodeCatalogEntry = {
  type: 'merge',
  title: 'Merge',
  description: 'Joins the branches drawn into it: waits for all live inputs (or takes the first) and combines their outputs.',
  group: 'logic',
  outputs: () => null,
  // Mode `first` runs at the first live input; every other mode waits for all (semantics.md "Flow").
  joinMode: (params) => (modeOf(params) === 'first' ? 'first' : 'all'),
  // Inputs that are not arrays (append, byPosition, byKey) fail the node (invalid_request).
  canFail: true,
  isTrigger: false,
  // Its params are plain values (a mode, a field name), never templates.
  isTemplateExempt: () => true,
  summary: (p) => {
    const mode = textOf(p.mode) ?? 'all';
    return shorten(mode === 'byKey' ? `by key ${textOf(p.key) ?? ''}` : mode);
  },
  starterParams: { mode: 'all' },
  docs: {
    params: '`mode` (`"all"` default, `"first"`, `"append"`, `"byPosition"`, `"byKey"`), `key` (a field name, for `byKey`)',
    output: 'by mode: the live inputs by node id, the first one, their items appended, combined by position, or combined by `key`',
    retrySafe: 'yes',
  },
};
