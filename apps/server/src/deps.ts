import type { Clock, Engine } from '@switchyard/engine';
import type { NodeDefinitions, RetentionPolicy } from '@switchyard/schema';
import type { Logger } from 'pino';
import type { AlertService } from './alerts/alert-service.js';
import type { AuthService, Principal } from './auth/auth-service.js';
import type { CredentialService } from './credentials/credential-service.js';
import type { ServerStore } from './ports/index.js';
import type { Scheduler } from './schedules/scheduler.js';
import type { WebhookState } from './webhooks/webhook-state.js';
import type { ClientLimiter } from './webhooks/client-limit.js';

/** Everything the HTTP app needs, injected by the composition root (or a test). */
export interface AppDeps {
  /** Typed by the server's ports: the app never knows which adapter answers them. */
  store: ServerStore;
  engine: Engine;
  clock: Clock;
  log: Logger;
  definitions: NodeDefinitions;
  credentials: CredentialService;
  auth: AuthService;
  alerts: AlertService;
  /** Per-process webhook state: rate-limit buckets and in-flight idempotency keys. */
  webhooks: WebhookState;
  /** Deliveries per client address across all webhooks, when configured. */
  webhookClients?: { limiter: ClientLimiter; trustProxy: boolean };
  /** Fires schedule triggers; told of every change of a workflow. */
  schedules: Pick<Scheduler, 'refresh' | 'nextFireAt'>;
  /** The built web app; absent or missing on disk: `/` says it is not built. */
  webDir?: string;
  /** How the server is reached: decides the session cookie's Secure flag (http/secure-request.ts). */
  exposure?: { publicUrl?: string; trustProxy: boolean };
  /** A bearer token accepted for `/metrics` besides API keys and sessions (SWITCHYARD_METRICS_TOKEN). */
  metricsToken?: string;
  /** Readiness fails above this event-loop delay (SWITCHYARD_READY_MAX_LOOP_DELAY_MS). */
  maxLoopDelayMs?: number;
  /** How long runs are kept: the runs answer says how far back history goes (defaults: RETENTION_DEFAULTS). */
  retention?: RetentionPolicy;
  /** Workflow ids; defaults to random URL-safe ids. */
  newWorkflowId?: () => string;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by requireAuth on /api routes. */
    principal: Principal | undefined;
  };
}
