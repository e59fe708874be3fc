import { z, type NodeDefinition } from '@switchyard/schema';
import { fieldFromSchema, type FieldSpec, type JsonSchema } from '../inspector/schemaFields';

const cache = new WeakMap<NodeDefinition, FieldSpec[]>();

/** The fields of a node type's params form, from its zod schema's JSON Schema export. */
export function fieldsForDefinition(definition: NodeDefinition): FieldSpec[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(definition.params, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    // A schema JSON Schema cannot express: the whole params object is edited as JSON.
    json = {};
  }
  const required = new Set(json.required ?? []);
  const fields = Object.entries(json.properties ?? {}).map(([name, schema]) => fieldFromSchema(name, schema, required.has(name), json.$defs ?? {}));
  cache.set(definition, fields);
  return fields;
}
