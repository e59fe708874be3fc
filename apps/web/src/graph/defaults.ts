/**
 * Params a new node starts with: the smallest set that passes the type's schema, so that a
 * fresh node is a working example instead of a wall of red.
 */
const STARTERS: Record<string, Record<string, unknown>> = {
  'trigger.webhook': { path: 'hook', method: 'POST' },
  'trigger.manual': {},
  'trigger.schedule': { cron: '0 * * * *' },
  'http.request': { method: 'GET', url: 'https://example.com' },
  transform: { expression: '{{ $input }}' },
  branch: { condition: '{{ $input != null }}' },
  delay: { ms: 1000 },
  respond: { status: 200, body: '{{ $input }}' },
  fail: { message: 'failed on purpose' },
};

export function defaultParamsFor(type: string): Record<string, unknown> | undefined {
  const starter = STARTERS[type];
  return starter === undefined ? undefined : structuredClone(starter);
}
