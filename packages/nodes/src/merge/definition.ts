import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { MERGE_MODES, mergeInfo } from './info.js';

export { MERGE_MODES } from './info.js';
export type { MergeMode } from './info.js';

const KEY_RULE = 'key is a field name of 1 to 200 characters';

/** `merge` params: a mode, and for `byKey` the field whose values pair the items. Not templates. */
export const MergeParams = strictParams({
  mode: z.enum(MERGE_MODES, { error: () => `mode is one of ${MERGE_MODES.map((m) => `"${m}"`).join(', ')}` }).default('all'),
  key: z.string({ error: () => KEY_RULE }).min(1, KEY_RULE).max(200, KEY_RULE).optional(),
}).superRefine((params, ctx) => {
  if (params.mode === 'byKey' && params.key === undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: 'mode "byKey" needs a key: the field whose values pair the items' });
  if (params.mode !== 'byKey' && params.key !== undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: `key is only for mode "byKey" (the mode is "${params.mode}")` });
});

export const mergeDefinition: NodeDefinition = { ...mergeInfo, params: MergeParams };
