// Readiness: whether this process should be sent traffic now. Liveness only says the process
// answers; readiness says it can do its job: the store commits (a full disk or a stuck lock
// make every webhook answer 503), the event loop is not saturated, and which integrations are
// failing (degraded: still ready, because runs still start and fall back, but worth a look).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

export interface ReadinessChecks {
  store: ReadinessCheck;
  eventLoop: ReadinessCheck & { delayMs: number };
  integrations: ReadinessCheck & { openBreakers: string[] };
}

export interface Readiness {
  status: 'ready' | 'degraded' | 'not_ready';
  checks: ReadinessChecks;
}

export interface ReadinessInputs {
  /** Resolves once a write has committed; rejects with why it could not. */
  probeStore(): Promise<void>;
  /** How long the store probe may take before it counts as failed. */
  probeTimeoutMs: number;
  /** The event loop's recent delay (p99 over the last window), in ms. */
  loopDelayMs(): number;
  maxLoopDelayMs: number;
  /** Integrations whose breaker is open in this process. */
  openBreakers(): Promise<string[]>;
}

/** The verdict from the checks' results: a pure function, so the rules are tested alone. */
export function readinessStatus(checks: ReadinessChecks): Readiness['status'] {
  if (!checks.store.ok || !checks.eventLoop.ok) return 'not_ready';
  return checks.integrations.ok ? 'ready' : 'degraded';
}

export async function checkReadiness(inputs: ReadinessInputs): Promise<Readiness> {
  const store = await probe(inputs);
  const delayMs = Math.round(inputs.loopDelayMs());
  const loopOk = delayMs <= inputs.maxLoopDelayMs;
  const eventLoop = { ok: loopOk, delayMs, detail: loopOk ? `event-loop delay ${delayMs} ms` : `event-loop delay ${delayMs} ms is over ${inputs.maxLoopDelayMs} ms: the process is saturated` };
  const openBreakers = await inputs.openBreakers();
  const integrations = { ok: openBreakers.length === 0, openBreakers, detail: openBreakers.length === 0 ? 'no breaker is open' : `breakers open: ${openBreakers.join(', ')}` };
  const checks = { store, eventLoop, integrations };
  return { status: readinessStatus(checks), checks };
}

async function probe(inputs: ReadinessInputs): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      inputs.probeStore(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no commit within ${inputs.probeTimeoutMs} ms`)), inputs.probeTimeoutMs);
      }),
    ]);
    return { ok: true, detail: 'the store commits' };
  } catch (error) {
    // The code and message only (SQLITE_FULL: database or disk is full), never a stack.
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, detail: `the store cannot commit: ${typeof code === 'string' ? `${code}: ` : ''}${message}`.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
}

/** The event loop's delay, sampled continuously; `recentMs` answers the p99 since the last reading. */
export function watchEventLoop(): { recentMs(): number; stop(): void } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  return {
    recentMs() {
      const p99 = histogram.count > 0 ? histogram.percentile(99) / 1e6 : 0;
      histogram.reset();
      return p99;
    },
    stop: () => histogram.disable(),
  };
}
