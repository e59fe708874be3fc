import { randomBytes } from 'node:crypto';
import type { Clock, Engine, Store, TimerHandle } from '@switchyard/engine';
import { ALERT_DEFAULTS } from '@switchyard/schema';
import type { AlertCondition, AlertRule, Json } from '@switchyard/schema';
import type { Logger } from 'pino';
import type { AlertDeliveryRecord, AlertRecord, AlertRuleRecord, AlertStore } from '../ports/index.js';
import { healthFromHistory, type BreakerHistoryStore } from '../runs/integration-health.js';
import { readRunHistory } from '../runs/run-history.js';
import type { RunHistory, RunHistoryStore } from '../runs/run-history.js';
import { channelLabel, deliver } from './channels.js';
import type { ChannelDeps } from './channels.js';
import { integrationContext } from './context.js';

/** A delivery that failed is tried again at the next checks, this many times in all. */
export const ALERT_DELIVERY_TRIES = 3;
/** Runs listed in an alert that counts them (needs attention), newest first. */
export const ALERT_RUNS_LISTED = 20;
/** How long an alert about a breaker waits at most for the attempt that opened it to be committed. */
const SETTLE_MS = 1_000;
/** Default time between checks: escalation, delivery retries, metric rules. */
export const DEFAULT_ALERT_CHECK_MS = 10_000;

/** Something that happened and may be an incident. */
export interface AlertEvent {
  kind: AlertCondition['kind'];
  /** What it is about: an integration, a credential, a workflow. One open alert per rule and subject. */
  subject: string;
  /** Facts of this occurrence: a run, a reason, figures. */
  detail: Record<string, Json>;
}

export interface AlertService {
  /** Opens an alert for each matching rule and notifies its first level, or counts into the alert already open. */
  raise(event: AlertEvent): Promise<void>;
  /** The condition ended: the open alerts of rules of this kind about this subject are resolved. */
  resolve(kind: AlertCondition['kind'], subject: string): Promise<void>;
  /** Stops escalation of an alert; undefined when there is none, 'resolved' when it has ended. */
  acknowledge(id: string): Promise<AlertRecord | 'resolved' | undefined>;
  /** Escalates alerts nobody acknowledged in time, retries failed deliveries, evaluates metric rules. */
  check(): Promise<void>;
  /** Checks every `checkMs` on the clock until stopped. */
  start(): void;
  stop(): Promise<void>;
}

export interface AlertServiceDeps {
  /** Rules and alerts, and the runs and breaker history an alert's figures come from. */
  store: AlertStore & RunHistoryStore & BreakerHistoryStore & Pick<Store, 'countRuns'>;
  engine: Engine;
  clock: Clock;
  log: Logger;
  channels: Omit<ChannelDeps, 'engine'>;
  checkMs?: number;
}

function matches(condition: AlertCondition, event: AlertEvent): boolean {
  if (condition.kind !== event.kind) return false;
  switch (condition.kind) {
    case 'breaker_opened':
      return condition.integration === undefined || condition.integration === event.subject;
    case 'credential_locked':
      return condition.credential === undefined || condition.credential === event.subject;
    case 'run_needs_attention':
      return condition.workflowId === undefined || condition.workflowId === event.subject;
    case 'failure_rate':
    case 'latency':
      return condition.integration === event.subject;
  }
}

/** One notification of one alert to one channel: a retry is the same message, so it keeps the id. */
function messageIdOf(alertId: string, level: number, channelIndex: number, event: string): string {
  return `msg_${alertId}_${level}_${channelIndex}_${event}`;
}

function describe(rule: AlertRule, subject: string): string {
  const what = { failure_rate: 'failure rate', latency: 'latency', breaker_opened: 'breaker open', credential_locked: 'credential locked', run_needs_attention: 'runs need attention' }[rule.condition.kind];
  return `[switchyard] ${rule.name}: ${what} (${subject})`;
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const { store, clock, log } = deps;
  const channelDeps: ChannelDeps = { ...deps.channels, engine: deps.engine };
  const checkMs = deps.checkMs ?? DEFAULT_ALERT_CHECK_MS;
  // One change at a time: two events about one subject must not open two alerts.
  let chain: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = chain.then(work).catch((err: unknown) => log.error({ err: String(err) }, 'alerting failed'));
    chain = next;
    return next;
  };
  let timer: TimerHandle | undefined;
  let stopped = true;

  const payloadOf = (alert: AlertRecord, rule: AlertRuleRecord): Json => ({
    alert: {
      id: alert.id,
      rule: { id: rule.id, name: rule.rule.name, condition: rule.rule.condition },
      subject: alert.subject,
      status: alert.status,
      level: alert.level,
      openedAt: new Date(alert.openedAt).toISOString(),
      lastSeenAt: new Date(alert.lastSeenAt).toISOString(),
      occurrences: alert.occurrences,
      link: `/api/alerts/${alert.id}`,
    },
    context: alert.context,
  });

  async function notify(alert: AlertRecord, rule: AlertRuleRecord, level: number, event: AlertDeliveryRecord['event']): Promise<void> {
    const channels = rule.rule.levels[level]?.channels ?? [];
    for (const [channelIndex, channel] of channels.entries()) {
      const result = await deliver(channelDeps, channel, {
        event,
        subjectLine: `${event === 'resolved' ? 'Resolved: ' : ''}${describe(rule.rule, alert.subject)}`,
        payload: payloadOf(alert, rule),
        messageId: messageIdOf(alert.id, level, channelIndex, event),
      });
      if (!result.ok) log.warn({ alertId: alert.id, channel: channelLabel(channel), detail: result.detail }, 'an alert could not be delivered; it is tried again');
      alert.deliveries.push({ level, channelIndex, event, channel: channelLabel(channel), at: clock.now(), ok: result.ok, detail: result.detail, tries: 1 });
    }
  }

  async function contextFor(event: AlertEvent, previous: Json | undefined): Promise<Json> {
    const now = clock.now();
    if (event.kind === 'run_needs_attention') {
      const before = (previous as { runs?: Json[] } | undefined)?.runs ?? [];
      return { workflowId: event.subject, ...event.detail, runs: [event.detail.run ?? null, ...before].filter((r) => r !== null).slice(0, ALERT_RUNS_LISTED) };
    }
    if (event.kind === 'credential_locked') return { credential: event.subject, ...event.detail };
    // A breaker opens as the failing attempt ends, a moment before the attempt is committed:
    // let the engine settle (bounded) so the alert's recent errors include it.
    if (event.kind === 'breaker_opened') {
      const bound = new AbortController();
      const timer = setTimeout(() => bound.abort(), SETTLE_MS);
      timer.unref();
      await deps.engine.idle({ signal: bound.signal });
      clearTimeout(timer);
    }
    return { ...((await integrationContext(store, deps.engine, event.subject, now)) as Record<string, Json>), ...event.detail };
  }

  async function raiseFor(rule: AlertRuleRecord, event: AlertEvent): Promise<void> {
    const now = clock.now();
    const open = await store.openAlert(rule.id, event.subject);
    if (open) {
      // One incident, one alert: a repeat is counted into it, nobody is notified again.
      open.occurrences += 1;
      open.lastSeenAt = now;
      open.context = await contextFor(event, open.context);
      await store.putAlert(open);
      return;
    }
    const alert: AlertRecord = {
      id: `al_${randomBytes(8).toString('hex')}`,
      ruleId: rule.id,
      subject: event.subject,
      status: 'firing',
      level: 0,
      openedAt: now,
      lastSeenAt: now,
      occurrences: 1,
      acknowledgedAt: null,
      resolvedAt: null,
      context: await contextFor(event, undefined),
      deliveries: [],
    };
    // Stored before anyone is told: a crash while notifying leaves an alert to retry, not a lost one.
    await store.putAlert(alert);
    log.warn({ alertId: alert.id, rule: rule.id, subject: event.subject }, 'alert opened');
    await notify(alert, rule, 0, 'opened');
    await store.putAlert(alert);
  }

  async function resolveAlert(alert: AlertRecord): Promise<void> {
    const rule = await store.getAlertRule(alert.ruleId);
    alert.status = 'resolved';
    alert.resolvedAt = clock.now();
    if (rule) for (let level = 0; level <= alert.level; level++) await notify(alert, rule, level, 'resolved');
    await store.putAlert(alert);
    log.info({ alertId: alert.id }, 'alert resolved');
  }

  async function resolveRule(rule: AlertRuleRecord, subject: string): Promise<void> {
    const open = await store.openAlert(rule.id, subject);
    if (open) await resolveAlert(open);
  }

  /** Metric rules: the window's figures against the threshold. `histories`: one read per window and check. */
  async function evaluate(rule: AlertRuleRecord, histories: Map<number, Promise<RunHistory>>): Promise<void> {
    const c = rule.rule.condition;
    if (c.kind !== 'failure_rate' && c.kind !== 'latency') return;
    const windowMs = c.windowMs ?? ALERT_DEFAULTS.windowMs;
    const minCalls = c.minCalls ?? ALERT_DEFAULTS.minCalls;
    const since = clock.now() - windowMs;
    if (!histories.has(windowMs)) histories.set(windowMs, readRunHistory(store, { since }));
    const health = healthFromHistory(await histories.get(windowMs)!, c.integration, since, windowMs);
    const p = c.kind === 'latency' ? (c.percentile ?? ALERT_DEFAULTS.percentile) : 0;
    const latency = c.kind === 'latency' ? health.latencyMs[`p${p}` as 'p50' | 'p95' | 'p99'] : null;
    const breached = health.calls >= minCalls && (c.kind === 'failure_rate' ? health.failureRate > c.above : latency !== null && latency > c.aboveMs);
    if (breached) {
      const detail: Record<string, Json> = c.kind === 'failure_rate' ? { threshold: c.above, observedFailureRate: health.failureRate } : { thresholdMs: c.aboveMs, percentile: p, observedMs: latency };
      await raiseFor(rule, { kind: c.kind, subject: c.integration, detail: { ...detail, windowCalls: health.calls } });
    } else {
      await resolveRule(rule, c.integration);
    }
  }

  async function escalateAndRetry(alert: AlertRecord, rule: AlertRuleRecord): Promise<void> {
    const now = clock.now();
    let changed = false;
    // Stored but never sent (the process stopped in between): the first level is told now.
    if (!alert.deliveries.some((d) => d.level === 0)) {
      await notify(alert, rule, 0, 'opened');
      changed = true;
    }
    for (const d of alert.deliveries) {
      if (d.ok || d.tries >= ALERT_DELIVERY_TRIES) continue;
      const channel = rule.rule.levels[d.level]?.channels[d.channelIndex];
      if (!channel) continue;
      const result = await deliver(channelDeps, channel, { event: d.event, subjectLine: describe(rule.rule, alert.subject), payload: payloadOf(alert, rule), messageId: messageIdOf(alert.id, d.level, d.channelIndex, d.event) });
      Object.assign(d, { ok: result.ok, detail: result.detail, at: now, tries: d.tries + 1 });
      changed = true;
    }
    const next = rule.rule.levels[alert.level + 1];
    if (alert.status === 'firing' && next && now >= alert.openedAt + next.afterMs) {
      alert.level += 1;
      log.warn({ alertId: alert.id, level: alert.level }, 'alert escalated: nobody acknowledged it in time');
      await notify(alert, rule, alert.level, 'escalated');
      changed = true;
    }
    if (changed) await store.putAlert(alert);
  }

  const service: AlertService = {
    raise: (event) =>
      serially(async () => {
        for (const rule of await store.listAlertRules()) {
          if (rule.rule.enabled !== false && matches(rule.rule.condition, event)) await raiseFor(rule, event);
        }
      }),
    resolve: (kind, subject) =>
      serially(async () => {
        for (const rule of await store.listAlertRules()) if (rule.rule.condition.kind === kind) await resolveRule(rule, subject);
      }),
    async acknowledge(id) {
      let answer: AlertRecord | 'resolved' | undefined;
      await serially(async () => {
        const alert = await store.getAlert(id);
        if (!alert) return;
        if (alert.status === 'resolved') {
          answer = 'resolved';
          return;
        }
        if (alert.status === 'firing') {
          alert.status = 'acknowledged';
          alert.acknowledgedAt = clock.now();
          await store.putAlert(alert);
        }
        answer = alert;
      });
      return answer;
    },
    check: () =>
      serially(async () => {
        const rules = new Map((await store.listAlertRules()).map((r) => [r.id, r]));
        for (const alert of await store.listOpenAlerts()) {
          const rule = rules.get(alert.ruleId);
          // A deleted or switched-off rule's alerts end with it, and so do those its condition no longer covers (edited).
          if (!rule || rule.rule.enabled === false || !matches(rule.rule.condition, { kind: rule.rule.condition.kind, subject: alert.subject, detail: {} })) await resolveAlert(alert);
          else if (rule.rule.condition.kind === 'run_needs_attention' && (await store.countRuns({ workflowId: alert.subject })).needs_attention === 0) await resolveAlert(alert);
          else await escalateAndRetry(alert, rule);
        }
        const histories = new Map<number, Promise<RunHistory>>();
        for (const rule of rules.values()) if (rule.rule.enabled !== false) await evaluate(rule, histories);
      }),
    start() {
      stopped = false;
      const arm = (): void => {
        timer = clock.setTimer(clock.now() + checkMs, () => {
          if (stopped) return;
          void service.check().finally(() => {
            if (!stopped) arm();
          });
        });
      };
      arm();
    },
    async stop() {
      stopped = true;
      if (timer) clock.clearTimer(timer);
      await chain;
    },
  };
  return service;
}
