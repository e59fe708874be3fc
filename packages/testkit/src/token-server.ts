import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** An answer the token server gives instead of issuing a token. */
export interface TokenRefusal {
  status: number;
  /** The OAuth2 `error` code of the JSON body (RFC 6749 §5.2); no body without it. */
  error?: string;
  headers?: Record<string, string>;
}

/** One request to the token endpoint as received, whatever was answered. */
export interface RecordedGrant {
  grantType: string | undefined;
  scope: string | undefined;
  refreshToken: string | undefined;
  /** How the client authenticated: HTTP Basic, client_id/client_secret in the body, or not. */
  clientAuth: 'basic' | 'body' | 'none';
  contentType: string | undefined;
  /** The status answered. */
  status: number;
}

export interface TokenServerOptions {
  clientId: string;
  clientSecret: string;
  /** The refresh token the server accepts at first (refresh-token grant). */
  refreshToken?: string;
  /** `expires_in` of issued tokens, in seconds; undefined leaves it out. @default 3600 */
  expiresInSec?: number | undefined;
  /** Each refresh-token grant issues a new refresh token and retires the one used. @default false */
  rotateRefreshTokens?: boolean;
  /** Prefix of issued tokens (a sentinel a test can search for). @default 'at' */
  tokenPrefix?: string;
}

export interface TokenServer {
  /** `http://127.0.0.1:<port>/oauth/token` */
  readonly tokenUrl: string;
  /** Every request to the token endpoint, oldest first. */
  readonly grants: readonly RecordedGrant[];
  /** Access tokens issued, oldest first. */
  readonly issued: readonly string[];
  /** The newest access token, unless revoked: what an upstream should accept. */
  readonly currentAccessToken: string | undefined;
  /** The refresh token the server accepts now. */
  readonly currentRefreshToken: string | undefined;
  /** Refresh tokens the server issued by rotation, oldest first. */
  readonly rotatedRefreshTokens: readonly string[];
  /** Whether `authorization` is `Bearer <current access token>`. */
  accepts(authorization: string | undefined): boolean;
  /** The newest token stops being accepted (as if it had expired or been revoked). */
  revokeAccessToken(): void;
  /** The next requests get these answers, in order, instead of tokens. */
  refuseNext(...answers: TokenRefusal[]): void;
  /** Every request gets this answer until called with undefined. */
  refuseAlways(answer: TokenRefusal | undefined): void;
  /** Holds answers until the returned function is called (to gather concurrent callers). */
  hold(): () => void;
  /** How many requests are held now. */
  readonly waiting: number;
  set expiresInSec(value: number | undefined);
  close(): Promise<void>;
}

function readForm(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

/** The client id and secret of a Basic header, each form-decoded (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * A scriptable OAuth2 token endpoint on 127.0.0.1 (RFC 6749 §4.4 client credentials and §6
 * refresh): it checks the client's authentication and the form body, issues tokens with
 * `expires_in`, can rotate refresh tokens, and answers what a test scripts instead.
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const grants: RecordedGrant[] = [];
  const issued: string[] = [];
  const rotated: string[] = [];
  const sockets = new Set<Socket>();
  const refusals: TokenRefusal[] = [];
  const held: Array<() => void> = [];
  let holding = false;
  let always: TokenRefusal | undefined;
  let current: string | undefined;
  let refreshToken = options.refreshToken;
  let expiresInSec = 'expiresInSec' in options ? options.expiresInSec : 3600;
  const prefix = options.tokenPrefix ?? 'at';

  function respond(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'cache-control': 'no-store', ...(text === '' ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(text === '' ? undefined : text);
  }

  function decide(req: IncomingMessage, form: URLSearchParams): { status: number; body?: unknown; headers?: Record<string, string> } {
    const scripted = refusals.shift() ?? always;
    if (scripted !== undefined) return { status: scripted.status, ...(scripted.error === undefined ? {} : { body: { error: scripted.error } }), ...(scripted.headers ? { headers: scripted.headers } : {}) };
    if (req.method !== 'POST') return { status: 405 };
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request' } };
    const basic = basicCredentials(req.headers.authorization);
    const client = basic ?? { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
    if (client.id !== options.clientId || client.secret !== options.clientSecret) return { status: 401, body: { error: 'invalid_client' }, headers: { 'www-authenticate': 'Basic' } };
    const grantType = form.get('grant_type');
    let newRefreshToken: string | undefined;
    if (grantType === 'refresh_token') {
      if (refreshToken === undefined || form.get('refresh_token') !== refreshToken) return { status: 400, body: { error: 'invalid_grant' } };
      if (options.rotateRefreshTokens === true) {
        newRefreshToken = `${prefix}-rt-${rotated.length + 1}-${randomBytes(6).toString('hex')}`;
        refreshToken = newRefreshToken;
        rotated.push(newRefreshToken);
      }
    } else if (grantType !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    current = `${prefix}-${issued.length + 1}-${randomBytes(6).toString('hex')}`;
    issued.push(current);
    return {
      status: 200,
      body: {
        access_token: current,
        token_type: 'Bearer',
        ...(expiresInSec === undefined ? {} : { expires_in: expiresInSec }),
        ...(newRefreshToken === undefined ? {} : { refresh_token: newRefreshToken }),
        ...(form.get('scope') === null ? {} : { scope: form.get('scope') }),
      },
    };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => req.socket.destroy());
    req.on('end', () => {
      const form = readForm(Buffer.concat(chunks).toString('utf8'));
      const answer = (): void => {
        if (res.destroyed) return;
        const decision = decide(req, form);
        grants.push({
          grantType: form.get('grant_type') ?? undefined,
          scope: form.get('scope') ?? undefined,
          refreshToken: form.get('refresh_token') ?? undefined,
          clientAuth: req.headers.authorization !== undefined ? 'basic' : form.has('client_secret') ? 'body' : 'none',
          contentType: req.headers['content-type'],
          status: decision.status,
        });
        respond(res, decision.status, decision.body, decision.headers);
      };
      if (holding) held.push(answer);
      else answer();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    get grants() {
      return grants;
    },
    get issued() {
      return issued;
    },
    get currentAccessToken() {
      return current;
    },
    get currentRefreshToken() {
      return refreshToken;
    },
    get rotatedRefreshTokens() {
      return rotated;
    },
    get waiting() {
      return held.length;
    },
    set expiresInSec(value: number | undefined) {
      expiresInSec = value;
    },
    accepts: (authorization) => current !== undefined && authorization === `Bearer ${current}`,
    revokeAccessToken() {
      current = undefined;
    },
    refuseNext(...answers) {
      refusals.push(...answers);
    },
    refuseAlways(answer) {
      always = answer;
    },
    hold() {
      holding = true;
      return () => {
        holding = false;
        for (const answer of held.splice(0)) answer();
      };
    },
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await stopped;
    },
  };
}
