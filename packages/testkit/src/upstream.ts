import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One scripted answer. With nothing set: 200 and an empty body. */
export interface ResponseStep {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (`content-type: application/json` unless `headers` names one). */
  json?: unknown;
  /** Sent as is (`content-type: text/plain` unless `headers` names one). */
  text?: string;
  /** Waits this long before answering (or hanging, or destroying). */
  delayMs?: number;
  /**
   * Answers only once this settles (after `delayMs`): a barrier a test opens when something else
   * has happened, e.g. a second request has arrived. Order by signal, not by time.
   */
  after?: Promise<unknown>;
  /** Never answers; `close()` destroys the socket. */
  hang?: true;
  /** Resets the connection without answering. */
  destroy?: true;
  /** `content-type: application/json` with a body that is not JSON. */
  malformed?: true;
  /** Answers JSON `{ method, path, query, headers, body }` of the request (an upstream that echoes secrets). */
  echoHeaders?: true;
  /** Streams this many bytes of `x` without a content-length (a large or endless body). */
  streamBytes?: number;
}

/** A request as the upstream received it. */
export interface RecordedUpstreamRequest {
  method: string;
  /** The raw path, percent-escapes as sent, without the query. */
  path: string;
  /** The raw request target: path and query as sent. */
  url: string;
  /** Decoded; a repeated name keeps its values joined with ",". */
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  idempotencyKey: string | undefined;
}

/** A route answered by a function of the request instead of a list of steps. */
export type RouteHandler = (request: RecordedUpstreamRequest) => ResponseStep;

export interface Upstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Scripts `method path`: steps answer in order and the last one repeats; replaces an earlier script. */
  script(method: string, path: string, steps: ResponseStep[] | RouteHandler): void;
  /** Every request received since the start or the last reset, oldest first. */
  readonly requests: readonly RecordedUpstreamRequest[];
  countFor(method: string, path: string): number;
  /** The Idempotency-Key of each request to `method path` that had one, in order. */
  keysFor(method: string, path: string): string[];
  /** Forgets scripts and recorded requests. */
  reset(): void;
  /** Stops listening and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

export interface UpstreamOptions {
  /** @default 0 (any free port) */
  port?: number;
}

type Route = { kind: 'steps'; steps: ResponseStep[]; next: number } | { kind: 'handler'; handler: RouteHandler };

/** Control routes, for a test in another process than the upstream's: not recorded. */
const CONTROL_PREFIX = '/__upstream/';

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function recordOf(req: IncomingMessage, body: string): RecordedUpstreamRequest {
  const target = req.url ?? '/';
  const queryStart = target.indexOf('?');
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1))) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const headers = flatHeaders(req);
  return {
    method: req.method ?? 'GET',
    path: queryStart < 0 ? target : target.slice(0, queryStart),
    url: target,
    query,
    headers,
    body,
    idempotencyKey: headers['idempotency-key'],
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** The body and default content type of a step that answers. */
function bodyOf(step: ResponseStep, request: RecordedUpstreamRequest): { body?: string; type?: string } {
  if (step.echoHeaders === true) {
    const { method, path, query, headers, body } = request;
    return { body: JSON.stringify({ method, path, query, headers, body }), type: 'application/json' };
  }
  if (step.malformed === true) return { body: '{"truncated": [1, 2', type: 'application/json' };
  if (step.json !== undefined) return { body: JSON.stringify(step.json), type: 'application/json' };
  if (step.text !== undefined) return { body: step.text, type: 'text/plain; charset=utf-8' };
  return {};
}

/** Starts a scriptable HTTP server on 127.0.0.1 (unscripted routes answer 404). Works in any Node process. */
export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const routes = new Map<string, Route>();
  const requests: RecordedUpstreamRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function nextStep(request: RecordedUpstreamRequest): ResponseStep {
    const route = routes.get(routeKey(request.method, request.path));
    if (route === undefined) return { status: 404, json: { error: `not scripted: ${request.method} ${request.path}` } };
    if (route.kind === 'handler') return route.handler(request);
    const step = route.steps[Math.min(route.next, route.steps.length - 1)] ?? {};
    route.next++;
    return step;
  }

  async function answer(step: ResponseStep, request: RecordedUpstreamRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (step.delayMs !== undefined && step.delayMs > 0) await wait(step.delayMs);
    if (step.after !== undefined) await step.after.catch(() => undefined);
    if (closed || step.hang === true) return;
    if (step.destroy === true) {
      req.socket.destroy();
      return;
    }
    const status = step.status ?? 200;
    const headers: Record<string, string> = { ...step.headers };
    const { body, type } = bodyOf(step, request);
    if (type !== undefined && !hasHeader(headers, 'content-type')) headers['content-type'] = type;
    if (step.streamBytes !== undefined) {
      res.writeHead(status, headers as OutgoingHttpHeaders);
      await stream(res, step.streamBytes);
      return;
    }
    const noBody = status === 204 || status === 304 || body === undefined;
    res.writeHead(status, { ...headers, ...(noBody ? {} : { 'content-length': String(Buffer.byteLength(body)) }) });
    res.end(noBody ? undefined : body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: string): Promise<void> {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'GET' && path === `${CONTROL_PREFIX}requests`) return reply(200, requests);
    if (req.method === 'POST' && path === `${CONTROL_PREFIX}reset`) {
      upstream.reset();
      return reply(200, { ok: true });
    }
    if (req.method === 'POST' && path === `${CONTROL_PREFIX}script`) {
      const { method, path: route, steps } = JSON.parse(body) as { method: string; path: string; steps: ResponseStep[] };
      upstream.script(method, route, steps);
      return reply(200, { ok: true });
    }
    reply(404, { error: 'unknown control route' });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => req.socket.destroy());
    req.on('end', () => {
      const request = recordOf(req, Buffer.concat(chunks).toString('utf8'));
      let run: Promise<void>;
      if (request.path.startsWith(CONTROL_PREFIX)) {
        run = control(req, res, request.path, request.body);
      } else {
        // Recorded before answering, so a hanging request is counted too.
        requests.push(request);
        run = answer(nextStep(request), request, req, res);
      }
      run.catch(() => req.socket.destroy());
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that vanishes mid-request is normal here (timeouts, kills): never crash the process.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const upstream: Upstream = {
    url: `http://127.0.0.1:${port}`,
    port,
    script(method, path, steps) {
      if (Array.isArray(steps) && steps.length === 0) throw new Error('a script needs at least one step');
      routes.set(routeKey(method, path), Array.isArray(steps) ? { kind: 'steps', steps, next: 0 } : { kind: 'handler', handler: steps });
    },
    get requests() {
      return requests;
    },
    countFor: (method, path) => requests.filter((r) => routeKey(r.method, r.path) === routeKey(method, path)).length,
    keysFor: (method, path) =>
      requests
        .filter((r) => routeKey(r.method, r.path) === routeKey(method, path))
        .flatMap((r) => (r.idempotencyKey === undefined ? [] : [r.idempotencyKey])),
    reset() {
      routes.clear();
      requests.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await stopped;
    },
  };
  return upstream;
}

/** Writes `total` bytes in 64 KiB chunks, honouring back-pressure, until done or the client goes away. */
async function stream(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(65_536, 'x');
  let left = total;
  while (left > 0 && !res.destroyed) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
