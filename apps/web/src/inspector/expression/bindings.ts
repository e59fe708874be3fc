/** The names an expression can use (workflow-format.md "Bindings"). */
export const BINDINGS: ReadonlyArray<readonly [name: string, detail: string]> = [
  ['$input', 'output of the node before this one'],
  ['$trigger', 'the trigger object: body, headers, query…'],
  ['$nodes', 'outputs of earlier nodes: $nodes.<id>'],
  ['$run', '{ id, workflowId, workflowVersion }'],
  ['$node', '{ id, attempt, epoch }'],
  ['$failure', 'in a fallback: the failure it stands in for'],
  ['$compensating', 'in an undo node: { nodeId, params, output }'],
  ['$integration', '{ id, baseUrl }'],
];

/** JSONata's built-in functions that workflows use most, offered after the bindings. */
export const FUNCTIONS: readonly string[] = [
  '$string', '$number', '$boolean', '$not', '$exists', '$type',
  '$length', '$substring', '$substringBefore', '$substringAfter', '$uppercase', '$lowercase', '$trim', '$pad', '$contains', '$split', '$join', '$replace', '$match',
  '$sum', '$count', '$max', '$min', '$average', '$round', '$floor', '$ceil', '$abs', '$power', '$sqrt',
  '$append', '$sort', '$reverse', '$distinct', '$shuffle', '$zip',
  '$keys', '$lookup', '$spread', '$merge', '$each', '$sift', '$map', '$filter', '$reduce', '$single',
  '$now', '$millis', '$fromMillis', '$toMillis',
  '$base64encode', '$base64decode', '$encodeUrlComponent', '$decodeUrlComponent',
];
