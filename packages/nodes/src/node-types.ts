/**
 * Every node type, in palette order: the one place a type is registered. Each name is a folder
 * of src/ holding `info.ts`, `definition.ts` and `execute.ts` (README, "Adding a node type").
 * `pnpm --filter @switchyard/nodes generate` writes the lists in src/generated/ and the
 * README's node table from it; a test fails when they drift.
 */
export const NODE_TYPE_FOLDERS = [
  'trigger-webhook',
  'trigger-manual',
  'trigger-schedule',
  'http-request',
  'sql',
  'email-send',
  'transform',
  'code',
  'set',
  'branch',
  'switch',
  'merge',
  'delay',
  'respond',
  'fail',
] as const;
