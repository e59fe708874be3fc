import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '@switchyard/engine';
import type { Engine, EngineEvent, NodeExecutor, NodeRegistry, NodeRunRecord, RunRecord, Trigger, AttemptRecord } from '@switchyard/engine';
import { createNodeRegistry } from '@switchyard/nodes';
import type { Workflow } from '@switchyard/schema';
import { openSqliteStore } from '@switchyard/store-sqlite';
import type { SqliteStore } from '@switchyard/store-sqlite';
import { FakeClock, SeededRandom, startUpstream } from '@switchyard/testkit';
import type { Upstream } from '@switchyard/testkit';

export const examplesDir = new URL('../../../examples/', import.meta.url);

export function loadExample(name: string): Workflow {
  return JSON.parse(readFileSync(new URL(`${name}.json`, examplesDir), 'utf8')) as Workflow;
}

/** An engine over a real SQLite file, real node types, a fake clock and a scripted upstream. */
export interface World {
  engine: Engine;
  store: SqliteStore;
  clock: FakeClock;
  upstream: Upstream;
  events: EngineEvent[];
  dir: string;
  close(): Promise<void>;
}

export async function createWorld(options: { seed?: number; start?: number; /** Node types beside the real ones (a buggy plugin, say). */ extraNodes?: NodeExecutor[] } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-scenario-'));
  const store = openSqliteStore({ path: join(dir, 'switchyard.db') });
  const clock = new FakeClock(options.start ?? Date.parse('2026-01-01T00:00:00Z'));
  const upstream = await startUpstream();
  const engine = createEngine({
    store,
    clock,
    random: new SeededRandom(options.seed ?? 42),
    nodes: withExtraNodes(createNodeRegistry({ allowedHosts: ['127.0.0.1'] }), options.extraNodes ?? []),
  });
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  await engine.start();
  return {
    engine,
    store,
    clock,
    upstream,
    events,
    dir,
    async close() {
      await engine.stop();
      await upstream.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real registry, plus `extra` node types. */
function withExtraNodes(registry: NodeRegistry, extra: NodeExecutor[]): NodeRegistry {
  if (extra.length === 0) return registry;
  const byType = new Map(extra.map((e) => [e.definition.type, e]));
  return {
    get: (type) => byType.get(type) ?? registry.get(type),
    definitions: () => new Map([...registry.definitions(), ...extra.map((e) => [e.definition.type, e.definition] as const)]),
  };
}

/** Registers the integrations a workflow names, all pointing at the scripted upstream. */
export async function registerIntegrations(world: World, ids: string[]): Promise<void> {
  const now = world.clock.now();
  for (const id of ids) {
    await world.store.putIntegration({ id, name: id, baseUrl: `${world.upstream.url}/${id}`, timeoutMs: null, credential: null, createdAt: now, updatedAt: now });
  }
}

export async function storeWorkflow(world: World, id: string, workflow: Workflow): Promise<void> {
  await world.store.createWorkflow(id, workflow, world.clock.now());
}

/** Lets the engine work, moving the fake clock to each due timer, until the run has ended. */
export async function runToEnd(world: World, runId: string, maxSteps = 10_000): Promise<RunRecord> {
  for (let i = 0; i < maxSteps; i++) {
    await world.engine.idle();
    const run = await world.store.getRun(runId);
    if (run && run.phase === 'ended') return run;
    const next = world.clock.nextTimerAt();
    if (next === undefined) throw new Error(`run ${runId} is stuck in ${run?.status}`);
    world.clock.advanceTo(next);
  }
  throw new Error('the run did not end');
}

export function webhookTrigger(body: unknown, path = 'hook'): Trigger {
  return {
    kind: 'webhook',
    body: body as Trigger extends { body: infer B } ? B : never,
    headers: { 'content-type': 'application/json' },
    query: {},
    method: 'POST',
    path,
    receivedAt: '2026-01-01T00:00:00.000Z',
  } as Trigger;
}

export async function nodesOf(world: World, runId: string): Promise<Record<string, NodeRunRecord>> {
  const rows = await world.store.listNodeRuns(runId);
  return Object.fromEntries(rows.map((n) => [n.nodeId, n]));
}

export async function attemptsOf(world: World, runId: string, nodeId: string): Promise<AttemptRecord[]> {
  return world.store.listAttempts(runId, nodeId);
}
