import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCommand, importCommand } from '../src/commands.js';
import { resolveConfig } from '../src/config.js';
import { manualWorkflow, scheduleWorkflow, webhookWorkflow } from './support/fixtures.js';
import { eventually, startHarness, TEST_API_KEY, type Harness, type LooseJson } from './support/harness.js';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/** The command line as a user runs it, in its own process; bounded in time by the test's timeout. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('backup, export and import', () => {
  const dirs: string[] = [];
  const harnesses: Harness[] = [];
  const freshDir = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-bundle-'));
    dirs.push(d);
    return d;
  };
  const start = async (dataDir: string): Promise<Harness> => {
    const h = await startHarness({ dataDir });
    harnesses.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('switchyard backup copies the live database while the server holds its lock and keeps writing', async () => {
    const dataDir = freshDir();
    const h = await start(dataDir);
    const created = await h.api('POST', '/api/workflows', webhookWorkflow({ path: 'load' }));
    await h.api('POST', `/api/workflows/${created.json.id}/activate`);
    const deliver = async (n: number): Promise<string> => {
      const res = await h.raw('POST', '/hooks/load', { body: JSON.stringify({ n }), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(202);
      return res.json.runId as string;
    };
    const before: string[] = [];
    for (let n = 0; n < 60; n++) before.push(await deliver(n));
    expect(fs.existsSync(path.join(dataDir, 'switchyard.db.lock'))).toBe(true);
    // Webhooks keep arriving during the backup.
    let loading = true;
    const during: Promise<string[]> = (async () => {
      const ids: string[] = [];
      for (let n = 0; loading && n < 2000; n++) ids.push(await deliver(1000 + n));
      return ids;
    })();
    const file = path.join(freshDir(), 'copy.db');
    const backup = await runCli(['backup', file, '--data-dir', dataDir]);
    loading = false;
    const duringIds = await during;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backed up \d+ runs and 1 workflows/);
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(copy.prepare<[], { id: string }>('SELECT id FROM runs').all().map((r) => r.id));
      // Every run committed before the backup began is in it.
      for (const id of before) expect(ids.has(id)).toBe(true);
      expect(ids.size).toBeLessThanOrEqual(before.length + duringIds.length);
      // Each run in the copy is whole: its node rows came with it.
      const orphans = copy.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM runs r WHERE NOT EXISTS (SELECT 1 FROM node_runs n WHERE n.run_id = r.id)').get();
      expect(orphans?.n).toBe(0);
    } finally {
      copy.close();
    }
    // The server went on answering.
    expect((await h.api('GET', `/api/runs/${before[0]}`)).status).toBe(200);
  });

  it('export → import into an empty data dir reproduces every workflow version, integrations, alert rules and schedules; the workflows run', async () => {
    const fromDir = freshDir();
    const h = await start(fromDir);
    const wf = await h.api('POST', '/api/workflows', manualWorkflow('Versions'));
    const v2 = { ...manualWorkflow('Versions v2') };
    expect((await h.api('PUT', `/api/workflows/${wf.json.id}`, v2, { 'if-match': '"1"' })).status).toBe(200);
    const tick = await h.api('POST', '/api/workflows', scheduleWorkflow({ cron: '0 3 * * *' }));
    expect(tick.status).toBe(201);
    expect((await h.api('POST', `/api/workflows/${tick.json.id}/activate`)).status).toBe(200);
    expect((await h.api('POST', '/api/integrations', { id: 'billing', name: 'Billing', baseUrl: 'http://127.0.0.1:9/api', timeoutMs: 5000, breaker: { consecutiveFailures: 3, coolDownMs: 5_000, halfOpenProbes: 2 } })).status).toBe(201);
    const rule = await h.api('POST', '/api/alert-rules', { id: 'breaker_rule', name: 'Breaker', condition: { kind: 'breaker_opened', integration: 'billing' }, levels: [{ afterMs: 0, channels: [{ kind: 'webhook', url: 'http://127.0.0.1:9/hook' }] }] });
    expect(rule.status).toBe(201);
    await h.server.store.recordScheduleFire({ workflowId: tick.json.id as string, nodeId: 'tick', lastFiredAt: Date.UTC(2026, 0, 1) });
    const exported = await h.raw('GET', '/api/export', { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="switchyard-/);
    const bundle: LooseJson = exported.json;
    expect(bundle).toMatchObject({ format: 'switchyard-bundle', version: 1 });
    expect(JSON.stringify(bundle)).not.toContain('ciphertext');
    await h.close();
    harnesses.splice(harnesses.indexOf(h), 1);

    // The CLI export of the stopped installation says the same.
    const out = path.join(freshDir(), 'bundle.json');
    const config = resolveConfig({}, { dataDir: fromDir });
    await exportCommand(config, out);
    const fromCli: LooseJson = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect({ ...fromCli, exportedAt: '' }).toEqual({ ...bundle, exportedAt: '' });

    const toDir = freshDir();
    const dry = await importCommand(resolveConfig({}, { dataDir: toDir }), out, { dryRun: true });
    expect(dry.lines[0]).toMatch(/^dry run \(nothing written\): 5 created, 0 unchanged, 0 conflicts/);
    const done = await importCommand(resolveConfig({}, { dataDir: toDir }), out, { dryRun: false });
    expect(done.conflicts).toBe(0);
    const g = await start(toDir);
    const versions = (await g.api('GET', `/api/workflows/${wf.json.id}/versions`)).json;
    expect((versions.items ?? versions).length).toBe(2);
    expect((await g.api('GET', `/api/workflows/${wf.json.id}/versions/1`)).json.name).toBe('Versions');
    expect((await g.api('GET', `/api/workflows/${wf.json.id}`)).json).toMatchObject({ name: 'Versions v2', version: 2 });
    expect((await g.api('GET', `/api/workflows/${tick.json.id}`)).json.active).toBe(true);
    expect((await g.api('GET', '/api/integrations/billing')).json).toMatchObject({ baseUrl: 'http://127.0.0.1:9/api', timeoutMs: 5000, breaker: { consecutiveFailures: 3 } });
    expect((await g.api('GET', `/api/alert-rules/${rule.json.id}`)).json).toMatchObject({ name: 'Breaker' });
    expect(await g.server.store.getScheduleFire(tick.json.id as string, 'tick')).toMatchObject({ lastFiredAt: Date.UTC(2026, 0, 1) });
    const again: LooseJson = (await g.api('GET', '/api/export')).json;
    expect({ ...again, exportedAt: '' }).toEqual({ ...bundle, exportedAt: '' });
    // The imported workflow runs.
    const run = await g.api('POST', `/api/workflows/${wf.json.id}/runs`, { input: { n: 21 } });
    await eventually(async () => ((await g.api('GET', `/api/runs/${run.json.runId}`)).json.status === 'succeeded' ? true : undefined));
  });

  it('import into a non-empty installation reports conflicts without overwriting; a malformed bundle gives located errors and changes nothing', async () => {
    const h = await start(freshDir());
    const wf = await h.api('POST', '/api/workflows', manualWorkflow('Mine'));
    const bundle: LooseJson = (await h.api('GET', '/api/export')).json;
    // Same again: unchanged.
    const same = await h.api('POST', '/api/import', bundle);
    expect(same.json).toMatchObject({ created: 0, unchanged: 1, conflicts: 0 });
    // Same id, other content: a conflict, and what is here stays.
    bundle.workflows[0].versions[0].definition.name = 'Theirs';
    bundle.integrations.push({ id: 'crm', name: 'CRM', baseUrl: 'http://127.0.0.1:9', timeoutMs: null, credential: 'crm_key', protections: {} });
    const dry = await h.api('POST', '/api/import?dryRun=true', bundle);
    expect(dry.json).toMatchObject({ dryRun: true, created: 1, conflicts: 1, missingCredentials: ['crm_key'] });
    expect((await h.api('GET', '/api/integrations/crm')).status).toBe(404);
    const real = await h.api('POST', '/api/import', bundle);
    expect(real.json.items).toContainEqual(expect.objectContaining({ kind: 'workflow', id: wf.json.id, outcome: 'conflict' }));
    expect((await h.api('GET', `/api/workflows/${wf.json.id}`)).json.name).toBe('Mine');
    expect((await h.api('GET', '/api/integrations/crm')).status).toBe(200);

    // Malformed: every issue located, nothing written.
    const bad = structuredClone(bundle);
    bad.version = 2;
    bad.workflows.push({ id: 'wf_new', active: false, versions: [{ version: 2, createdAt: 'yesterday', definition: { schemaVersion: 1, name: 'x', nodes: [], edges: [] } }] });
    const refused = await h.api('POST', '/api/import', bad);
    expect(refused.status).toBe(400);
    const paths = (refused.json.error.details.issues as Array<{ path: Array<string | number> }>).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['version', 'workflows.1.versions.0.createdAt', 'workflows.1.versions.0.version']));
    const badWorkflow = structuredClone(bundle);
    badWorkflow.workflows.push({ id: 'wf_new', active: false, versions: [{ version: 1, createdAt: new Date().toISOString(), definition: { schemaVersion: 1, name: 'x', nodes: [{ id: 'n', type: 'no.such.type', params: {} }], edges: [] } }] });
    const refusedWorkflow = await h.api('POST', '/api/import', badWorkflow);
    expect(refusedWorkflow.status).toBe(400);
    expect((refusedWorkflow.json.error.details.issues as Array<{ path: Array<string | number> }>)[0]!.path.slice(0, 5)).toEqual(['workflows', 1, 'versions', 0, 'definition']);
    expect(JSON.stringify(refusedWorkflow.json)).not.toMatch(/\n\s+at /);
    expect((await h.api('GET', '/api/workflows/wf_new')).status).toBe(404);
    const list = (await h.api('GET', '/api/workflows')).json;
    expect((list.items ?? list).length).toBe(1);
  });

  it('--help works for every command with a usage line; a wrong command prints the usage and exits 2', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['start', 'import', 'export', 'backup', 'api-key']) expect(top.stdout).toContain(`switchyard ${command}`);
    for (const command of ['start', 'import', 'export', 'backup', 'api-key']) {
      const one = await runCli([command, '--help']);
      expect(one.code).toBe(0);
      expect(one.stdout).toMatch(new RegExp(`^usage: switchyard ${command}`));
    }
    const wrong = await runCli(['frobnicate']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('usage: switchyard COMMAND');
  });
});
