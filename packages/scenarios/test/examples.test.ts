import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptsOf, createWorld, loadExample, nodesOf, registerIntegrations, runToEnd, storeWorkflow, webhookTrigger } from './harness.js';
import type { World } from './harness.js';

const order = { orderId: 'o-1', sku: 'sku-1', qty: 2, amount: 4200 };

describe('order saga (examples/order-saga.json) against a scripted upstream', () => {
  let world: World;

  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['inventory', 'payments', 'payments_backup', 'shipping']);
    await storeWorkflow(world, 'orders', loadExample('order-saga'));
    world.upstream.script('POST', '/inventory/reservations', [{ status: 201, json: { id: 'res-1' } }]);
    world.upstream.script('DELETE', '/inventory/reservations/res-1', [{ status: 204 }]);
    world.upstream.script('POST', '/payments/charges', [{ status: 201, json: { id: 'ch-1' } }]);
    world.upstream.script('POST', '/payments/refunds', [{ status: 200, json: { ok: true } }]);
    world.upstream.script('POST', '/payments_backup/charges', [{ status: 201, json: { id: 'bk-1' } }]);
    world.upstream.script('POST', '/payments_backup/refunds', [{ status: 200, json: { ok: true } }]);
    world.upstream.script('POST', '/shipping/shipments', [{ status: 201, json: { id: 'sh-1' } }]);
  });
  afterEach(() => world.close());

  it('runs every step once when all is healthy', async () => {
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    const ended = await runToEnd(world, run.id);
    expect(ended).toMatchObject({ status: 'succeeded', degraded: false });
    const nodes = await nodesOf(world, run.id);
    expect(nodes.reserve).toMatchObject({ status: 'succeeded', source: 'self' });
    expect(nodes.ship?.output).toMatchObject({ status: 201, body: { id: 'sh-1' } });
    for (const id of ['release', 'refund', 'refund_backup', 'charge_backup']) expect(nodes[id]?.status).toBe('skipped');
    expect(world.upstream.countFor('POST', '/payments/charges')).toBe(1);
    const shipment = world.upstream.requests.find((r) => r.path === '/shipping/shipments');
    expect(JSON.parse(shipment!.body)).toEqual({ order: 'o-1', reservation: 'res-1' });
    expect(shipment!.idempotencyKey).toBe(`${run.id}:ship:1`);
  });

  it('recovers a node on its third attempt, with the waits of its retry policy', async () => {
    world.upstream.script('POST', '/payments/charges', [{ status: 503 }, { status: 502 }, { status: 201, json: { id: 'ch-3' } }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    expect((await runToEnd(world, run.id)).status).toBe('succeeded');
    const attempts = await attemptsOf(world, run.id, 'charge');
    expect(attempts.map((a) => [a.number, a.outcome, a.error?.category ?? null, a.error?.httpStatus ?? null])).toEqual([
      [1, 'failed', 'server', 503],
      [2, 'failed', 'server', 502],
      [3, 'succeeded', null, null],
    ]);
    // exponential from 200 ms, x2, full jitter: the first wait is in [0, 200], the second in [0, 400].
    expect(attempts[0]!.delayBeforeMs).toBe(0);
    expect(attempts[1]!.delayBeforeMs).toBeGreaterThanOrEqual(0);
    expect(attempts[1]!.delayBeforeMs).toBeLessThanOrEqual(200);
    expect(attempts[2]!.delayBeforeMs).toBeLessThanOrEqual(400);
    expect(attempts[2]!.startedAt - attempts[1]!.finishedAt!).toBe(attempts[2]!.delayBeforeMs);
    // Every attempt of the node carried the same idempotency key.
    expect(new Set(world.upstream.keysFor('POST', '/payments/charges'))).toEqual(new Set([`${run.id}:charge:1`]));
    expect((await nodesOf(world, run.id)).charge?.tries).toBe(3);
  });

  it('lets the backup provider stand in once the charge retries are exhausted', async () => {
    world.upstream.script('POST', '/payments/charges', [{ status: 503 }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    const ended = await runToEnd(world, run.id);
    expect(ended).toMatchObject({ status: 'succeeded', degraded: true });
    const nodes = await nodesOf(world, run.id);
    expect(nodes.charge).toMatchObject({ status: 'succeeded', source: 'fallback:charge_backup', output: { body: { id: 'bk-1' } } });
    expect(nodes.charge_backup).toMatchObject({ status: 'succeeded', source: 'self' });
    expect(world.upstream.countFor('POST', '/payments/charges')).toBe(3);
    expect(world.upstream.countFor('POST', '/payments_backup/charges')).toBe(1);
    expect(nodes.ship?.status).toBe('succeeded');
  });

  it('compensates earlier steps in reverse order when a late step fails for good', async () => {
    world.upstream.script('POST', '/shipping/shipments', [{ status: 500 }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    expect((await runToEnd(world, run.id)).status).toBe('compensated');
    const nodes = await nodesOf(world, run.id);
    expect(nodes.ship).toMatchObject({ status: 'failed', error: { category: 'server', httpStatus: 500 } });
    expect(nodes.charge?.status).toBe('compensated');
    expect(nodes.reserve?.status).toBe('compensated');
    expect(nodes.refund?.status).toBe('succeeded');
    expect(nodes.release?.status).toBe('succeeded');
    const undo = world.upstream.requests.filter((r) => r.path === '/payments/refunds' || r.method === 'DELETE').map((r) => `${r.method} ${r.path}`);
    expect(undo).toEqual(['POST /payments/refunds', 'DELETE /inventory/reservations/res-1']);
    const refund = world.upstream.requests.find((r) => r.path === '/payments/refunds');
    expect(JSON.parse(refund!.body)).toEqual({ charge: 'ch-1' });
  });

  it('undoes a charge made by the backup provider at the backup provider', async () => {
    world.upstream.script('POST', '/payments/charges', [{ status: 503 }]);
    world.upstream.script('POST', '/shipping/shipments', [{ status: 400, json: { error: 'bad address' } }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    expect((await runToEnd(world, run.id)).status).toBe('compensated');
    const nodes = await nodesOf(world, run.id);
    expect(nodes.charge?.status).toBe('compensated');
    expect(nodes.charge_backup?.status).toBe('compensated');
    expect(nodes.refund?.status).toBe('skipped');
    expect(nodes.refund_backup?.status).toBe('succeeded');
    expect(world.upstream.countFor('POST', '/payments/refunds')).toBe(0);
    expect(JSON.parse(world.upstream.requests.find((r) => r.path === '/payments_backup/refunds')!.body)).toEqual({ charge: 'bk-1' });
    // A 400 is not retried: one shipment attempt.
    expect(world.upstream.countFor('POST', '/shipping/shipments')).toBe(1);
  });

  it('ends needs_attention when a compensation fails for good, after the others still ran', async () => {
    world.upstream.script('POST', '/shipping/shipments', [{ status: 500 }]);
    world.upstream.script('POST', '/payments/refunds', [{ status: 503 }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    expect((await runToEnd(world, run.id)).status).toBe('needs_attention');
    const nodes = await nodesOf(world, run.id);
    expect(nodes.charge?.status).toBe('compensation_failed');
    expect(nodes.refund).toMatchObject({ status: 'failed', error: { category: 'server' } });
    expect(nodes.reserve?.status).toBe('compensated');
    // The default compensation retry: 5 attempts.
    expect(world.upstream.countFor('POST', '/payments/refunds')).toBe(5);
    expect(world.upstream.countFor('DELETE', '/inventory/reservations/res-1')).toBe(1);
  });

  it('resumes a compensated run by executing the compensated steps again under new idempotency keys', async () => {
    world.upstream.script('POST', '/shipping/shipments', [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 201, json: { id: 'sh-2' } }]);
    const run = await world.engine.startRun({ workflowId: 'orders', trigger: webhookTrigger(order, 'orders') });
    expect((await runToEnd(world, run.id)).status).toBe('compensated');
    await world.engine.resumeRun(run.id);
    const resumed = await runToEnd(world, run.id);
    expect(resumed.status).toBe('succeeded');
    expect(world.upstream.keysFor('POST', '/inventory/reservations')).toEqual([`${run.id}:reserve:1`, `${run.id}:reserve:2`]);
    expect(world.upstream.keysFor('POST', '/payments/charges')).toEqual([`${run.id}:charge:1`, `${run.id}:charge:2`]);
    const nodes = await nodesOf(world, run.id);
    expect(nodes.reserve).toMatchObject({ status: 'succeeded', epoch: 2 });
    expect(nodes.refund?.status).toBe('skipped');
    const reserveAttempts = await attemptsOf(world, run.id, 'reserve');
    expect(reserveAttempts.map((a) => [a.number, a.epoch])).toEqual([[1, 1], [2, 2]]);
  });
});

describe('sync contacts (examples/sync-contacts.json)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['shop', 'crm', 'chat']);
    await storeWorkflow(world, 'contacts', loadExample('sync-contacts'));
    world.upstream.script('GET', '/shop/contacts/c-1', [{ status: 200, json: { email: 'ada@example.com', name: 'Ada' } }]);
    world.upstream.script('PUT', '/crm/people/ada%40example.com', [{ status: 200, json: { ok: true } }]);
  });
  afterEach(() => world.close());

  it('resumes a failed run without executing its succeeded nodes again', async () => {
    world.upstream.script('POST', '/chat/messages', [{ status: 503 }, { status: 503 }, { status: 200, json: { ok: true } }]);
    const run = await world.engine.startRun({ workflowId: 'contacts', trigger: webhookTrigger({ contactId: 'c-1' }, 'contacts') });
    expect((await runToEnd(world, run.id)).status).toBe('failed');
    expect((await nodesOf(world, run.id)).announce?.status).toBe('failed');
    await world.engine.resumeRun(run.id);
    expect((await runToEnd(world, run.id)).status).toBe('succeeded');
    expect(world.upstream.countFor('GET', '/shop/contacts/c-1')).toBe(1);
    expect(world.upstream.countFor('PUT', '/crm/people/ada%40example.com')).toBe(1);
    expect(world.upstream.keysFor('POST', '/chat/messages')).toEqual([`${run.id}:announce:1`, `${run.id}:announce:1`, `${run.id}:announce:2`]);
    const nodes = await nodesOf(world, run.id);
    expect(nodes.fetch?.epoch).toBe(1);
    expect(nodes.announce?.epoch).toBe(2);
  });

  it('refuses to resume a run that succeeded', async () => {
    world.upstream.script('POST', '/chat/messages', [{ status: 200, json: { ok: true } }]);
    const run = await world.engine.startRun({ workflowId: 'contacts', trigger: webhookTrigger({ contactId: 'c-1' }, 'contacts') });
    expect((await runToEnd(world, run.id)).status).toBe('succeeded');
    await expect(world.engine.resumeRun(run.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('enrich with cache (examples/enrich-with-cache.json)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['enrichment', 'crm']);
    await storeWorkflow(world, 'leads', loadExample('enrich-with-cache'));
  });
  afterEach(() => world.close());

  it('answers with the last known good data when the lookup service is down', async () => {
    world.upstream.script('GET', '/enrichment/companies/acme.com', [{ status: 200, json: { name: 'Acme' } }]);
    world.upstream.script('GET', '/enrichment/companies/ACME.com', [{ status: 500 }]);
    world.upstream.script('POST', '/crm/notes', [{ status: 201, json: {} }]);
    const first = await world.engine.startRun({ workflowId: 'leads', trigger: webhookTrigger({ domain: 'acme.com' }, 'leads') });
    expect((await runToEnd(world, first.id)).status).toBe('succeeded');
    world.clock.advance(60_000);
    // The key is the lower-cased domain, so the value stored for acme.com stands in for ACME.com.
    const second = await world.engine.startRun({ workflowId: 'leads', trigger: webhookTrigger({ domain: 'ACME.com' }, 'leads') });
    const ended = await runToEnd(world, second.id);
    expect(ended).toMatchObject({ status: 'succeeded', degraded: true });
    const nodes = await nodesOf(world, second.id);
    expect(nodes.lookup).toMatchObject({ status: 'succeeded', source: 'last_known_good', output: { body: { name: 'Acme' } } });
    expect(nodes.reply?.output).toMatchObject({ body: { company: 'Acme', noted: true } });
    expect(world.upstream.countFor('GET', '/enrichment/companies/acme.com')).toBe(1);
    expect(world.upstream.countFor('GET', '/enrichment/companies/ACME.com')).toBe(2);
  });

  it('fails the lookup when the last known good value is older than maxAgeMs', async () => {
    world.upstream.script('GET', '/enrichment/companies/acme.com', [{ status: 200, json: { name: 'Acme' } }, { status: 500 }]);
    world.upstream.script('POST', '/crm/notes', [{ status: 201, json: {} }]);
    const first = await world.engine.startRun({ workflowId: 'leads', trigger: webhookTrigger({ domain: 'acme.com' }, 'leads') });
    await runToEnd(world, first.id);
    world.clock.advance(86_400_001);
    const second = await world.engine.startRun({ workflowId: 'leads', trigger: webhookTrigger({ domain: 'acme.com' }, 'leads') });
    expect((await runToEnd(world, second.id)).status).toBe('failed');
  });

  it('lets an optional step fail while the run succeeds', async () => {
    world.upstream.script('GET', '/enrichment/companies/initech.com', [{ status: 200, json: { name: 'Initech' } }]);
    world.upstream.script('POST', '/crm/notes', [{ status: 500 }]);
    const run = await world.engine.startRun({ workflowId: 'leads', trigger: webhookTrigger({ domain: 'initech.com' }, 'leads') });
    expect(await runToEnd(world, run.id)).toMatchObject({ status: 'succeeded', degraded: true });
    const nodes = await nodesOf(world, run.id);
    expect(nodes.note).toMatchObject({ status: 'failed', error: { category: 'server' } });
    expect(nodes.reply).toMatchObject({ status: 'succeeded', output: { body: { company: 'Initech', noted: false } } });
  });
});

describe('branch and join (examples/branch-and-join.json)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await registerIntegrations(world, ['approvals']);
    await storeWorkflow(world, 'payments', loadExample('branch-and-join'));
    world.upstream.script('POST', '/approvals/approvals', [{ status: 200, json: { approved: false } }]);
  });
  afterEach(() => world.close());

  it('takes the small-amount branch and skips the approval call', async () => {
    const run = await world.engine.startRun({ workflowId: 'payments', trigger: webhookTrigger({ amount: 50 }, 'payments') });
    expect((await runToEnd(world, run.id)).status).toBe('succeeded');
    const nodes = await nodesOf(world, run.id);
    expect(nodes.big).toMatchObject({ status: 'succeeded', handle: 'false' });
    expect(nodes.approve?.status).toBe('skipped');
    expect(nodes.auto?.status).toBe('succeeded');
    expect(nodes.reply?.output).toMatchObject({ status: 200, body: { approved: true, by: 'auto' } });
    expect(nodes.reply?.input).toEqual({ auto: { approved: true, by: 'auto' } });
    expect(world.upstream.countFor('POST', '/approvals/approvals')).toBe(0);
  });

  it('takes the approval branch for a large amount', async () => {
    const run = await world.engine.startRun({ workflowId: 'payments', trigger: webhookTrigger({ amount: 5000 }, 'payments') });
    expect((await runToEnd(world, run.id)).status).toBe('succeeded');
    const nodes = await nodesOf(world, run.id);
    expect(nodes.auto?.status).toBe('skipped');
    expect(nodes.reply?.output).toMatchObject({ body: { approved: false, by: 'approver' } });
  });
});
