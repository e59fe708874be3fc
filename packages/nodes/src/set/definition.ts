import { z } from '@switchyard/schema';
import type { NodeDefinition } from '@switchyard/schema';
import { describeValue } from '../shared/describe-value.js';
import { strictParams } from '../shared/params.js';
import { typed } from '../shared/template.js';
import { setInfo } from './info.js';

export const SET_DEFAULTS = { keepInput: true } as const;

/** More fields than this belong in a `transform` that builds the whole object. */
export const SET_MAX_FIELDS = 100;

const FIELD_NAME_RULE = 'a field name is 1 to 200 characters, and not __proto__';

// `__proto__` as an own key would be a trap for whoever reads the output next.
const FieldName = z
  .string()
  .min(1, FIELD_NAME_RULE)
  .max(200, FIELD_NAME_RULE)
  .refine((name) => name !== '__proto__', FIELD_NAME_RULE);

/** Field name → value: any JSON, its strings templates (a template that evaluated to undefined sets nothing). */
function fieldRecord() {
  return z.record(FieldName, z.json(), {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? FIELD_NAME_RULE
        : issue.input === undefined
          ? 'fields is required'
          : issue.code === 'invalid_type'
            ? 'fields is an object of field names and values'
            : undefined,
  });
}

/** `set` params as authored: at least one field; `keepInput` a boolean or a template. */
export const SetParams = strictParams({
  fields: fieldRecord()
    .refine((fields) => Object.keys(fields).length > 0, 'fields names at least one field')
    .refine((fields) => Object.keys(fields).length <= SET_MAX_FIELDS, `fields names at most ${SET_MAX_FIELDS} fields`),
  keepInput: typed(z.boolean(), 'a boolean').optional(),
});

/** After evaluation. */
export const SetResolvedParams = strictParams({
  fields: fieldRecord(),
  keepInput: z
    .boolean({ error: (issue) => `must evaluate to a boolean, got ${describeValue(issue.input)}` })
    .default(SET_DEFAULTS.keepInput),
});

export const setDefinition: NodeDefinition = { ...setInfo, params: SetParams };
