/** Small workflows for HTTP tests. */
const at = { x: 0, y: 0 };

export function manualWorkflow(name = 'Manual'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at, params: {} },
      { id: 'double', type: 'transform', position: at, params: { expression: '{{ { "doubled": $trigger.body.n * 2 } }}' } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'start', target: 'double' }],
  };
}

/** trigger.schedule with `params` → a transform that shows what `$trigger` was. */
export function scheduleWorkflow(params: Record<string, unknown>, name = 'Scheduled'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'tick', type: 'trigger.schedule', position: at, params },
      { id: 'seen', type: 'transform', position: at, params: { expression: '{{ { "kind": $trigger.kind, "firedAt": $trigger.firedAt } }}' } },
    ],
    edges: [{ id: 'e1', kind: 'next', source: 'tick', target: 'seen' }],
  };
}

export function webhookWorkflow(params: Record<string, unknown>, extra: { respond?: boolean; fail?: boolean; delayMs?: number } = {}): Record<string, unknown> {
  const nodes: Array<Record<string, unknown>> = [
    { id: 'hook', type: 'trigger.webhook', position: at, params },
    { id: 'shape', type: 'transform', position: at, params: { expression: '{{ { "got": $trigger.body } }}' } },
  ];
  const edges: Array<Record<string, unknown>> = [{ id: 'e1', kind: 'next', source: 'hook', target: 'shape' }];
  let last = 'shape';
  if (extra.delayMs !== undefined) {
    nodes.push({ id: 'wait', type: 'delay', position: at, params: { ms: extra.delayMs } });
    edges.push({ id: 'e_wait', kind: 'next', source: last, target: 'wait' });
    last = 'wait';
  }
  if (extra.respond) {
    nodes.push({ id: 'reply', type: 'respond', position: at, params: { status: 201, headers: { 'x-answer': 'yes' }, body: '{{ { "echo": $trigger.body } }}' } });
    edges.push({ id: 'e2', kind: 'next', source: last, target: 'reply' });
    last = 'reply';
  }
  if (extra.fail) {
    nodes.push({ id: 'boom', type: 'fail', position: at, params: { message: 'nope' } });
    edges.push({ id: 'e3', kind: 'next', source: last, target: 'boom' });
  }
  return { schemaVersion: 1, name: `Hook ${String(params.path)}`, nodes, edges };
}

/** manual trigger → http.request to `url` (no retries) → transform. */
export function callWorkflow(url: string, extra: { credential?: string; integration?: string } = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'Call',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at, params: {} },
      {
        id: 'call',
        type: 'http.request',
        position: at,
        ...(extra.credential === undefined ? {} : { credential: extra.credential }),
        ...(extra.integration === undefined ? {} : { integration: extra.integration }),
        params: { method: 'POST', url, body: { n: '{{ $trigger.body.n }}' } },
      },
      { id: 'after', type: 'transform', position: at, params: { expression: '{{ $nodes.call.status }}' } },
    ],
    edges: [
      { id: 'e1', kind: 'next', source: 'start', target: 'call' },
      { id: 'e2', kind: 'next', source: 'call', target: 'after' },
    ],
  };
}

/** manual trigger → delay `ms` → transform. */
export function delayWorkflow(ms: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'Delay',
    nodes: [
      { id: 'start', type: 'trigger.manual', position: at, params: {} },
      { id: 'wait', type: 'delay', position: at, params: { ms } },
      { id: 'done', type: 'transform', position: at, params: { expression: '{{ "done" }}' } },
    ],
    edges: [
      { id: 'e1', kind: 'next', source: 'start', target: 'wait' },
      { id: 'e2', kind: 'next', source: 'wait', target: 'done' },
    ],
  };
}
