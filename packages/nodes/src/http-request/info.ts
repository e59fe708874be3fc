import type { NodeTypeInfo, ParamPath } from '@switchyard/schema';

/** `expect.schema` is a JSON Schema, not a template. */
function isExpectSchema(path: ParamPath): boolean {
  return path[0] === 'expect' && path[1] === 'schema';
}

/** What the editor shows of `http.request`: no zod here (its params schema is in definition.ts). */
export const httpRequestInfo: NodeTypeInfo = {
  type: 'http.request',
  title: 'HTTP request',
  description: 'Calls an HTTP API: classifies every failure, records the request and the response.',
  group: 'integration',
  outputs: () => null,
  canFail: true,
  isTrigger: false,
  isTemplateExempt: isExpectSchema,
};
