import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { strictParams } from '../shared/params.js';
import { transformInfo } from './info.js';

/** `transform` params as authored: `expression` is a template (or any JSON walked for templates). */
export const TransformParams = strictParams({ expression: z.json().optional() }).superRefine((params, ctx) => {
  if (params.expression === undefined) ctx.addIssue({ code: 'custom', path: ['expression'], message: 'expression is required' });
});

/** After evaluation; an `undefined` result drops the key, and the node outputs null. */
export const TransformResolvedParams = strictParams({ expression: z.json().optional() });

export const transformDefinition: NodeDefinition = { ...transformInfo, params: TransformParams };
