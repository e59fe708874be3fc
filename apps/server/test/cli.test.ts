import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli-args.js';
import { createApiKeyCommand, importWorkflow, listApiKeysCommand, revokeApiKeyCommand } from '../src/commands.js';
import { resolveConfig, sqlitePathOf } from '../src/config.js';
import { manualWorkflow } from './support/fixtures.js';
import { startHarness } from './support/harness.js';

describe('command line', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-cli-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('parses flags in both forms; flags override variables', () => {
    expect(parseArgs(['start', '--port', '9000', '--data-dir=/tmp/x'])).toEqual({ positional: ['start'], flags: { port: '9000', dataDir: '/tmp/x' } });
    expect(() => parseArgs(['start', '--port'])).toThrow(/needs a value/);
    const config = resolveConfig({ SWITCHYARD_PORT: '5000', SWITCHYARD_HOST: '127.0.0.2', SWITCHYARD_DATA_DIR: '/tmp/a' }, { port: '6000' });
    expect(config).toMatchObject({ port: 6000, host: '127.0.0.2', dataDir: '/tmp/a', dbPath: '/tmp/a/switchyard.db' });
    expect(resolveConfig({}, {})).toMatchObject({ port: 4780, host: '127.0.0.1' });
    expect(sqlitePathOf('sqlite:/var/db/s.db')).toBe('/var/db/s.db');
    expect(() => sqlitePathOf('postgres://u@h/db')).toThrow(/not supported/);
    expect(() => resolveConfig({ SWITCHYARD_PORT: 'eighty' }, {})).toThrow(/not a port/);
    expect(resolveConfig({}, {}).maxActiveRuns).toBe(10_000);
    expect(resolveConfig({ SWITCHYARD_MAX_ACTIVE_RUNS: '50' }, {}).maxActiveRuns).toBe(50);
    expect(() => resolveConfig({ SWITCHYARD_MAX_ACTIVE_RUNS: '0' }, {})).toThrow(/at least 1/);
    expect(resolveConfig({ SWITCHYARD_SMTP_URL: 'smtp://mail.example.com:2525', SWITCHYARD_ALERT_CHECK_MS: '500' }, {})).toMatchObject({ smtpUrl: 'smtp://mail.example.com:2525', alertCheckMs: 500, alertFrom: 'switchyard@localhost' });
    // The message names the variable, never the URL (it may hold a password).
    expect(() => resolveConfig({ SWITCHYARD_SMTP_URL: 'mail.example.com' }, {})).toThrow('SWITCHYARD_SMTP_URL is not an smtp:// or smtps:// URL');
    expect(() => resolveConfig({ SWITCHYARD_ALERT_CHECK_MS: 'soon' }, {})).toThrow(/SWITCHYARD_ALERT_CHECK_MS/);
    expect(resolveConfig({ SWITCHYARD_ALLOWED_HOSTS: ' 10.0.0.5, hooks.internal ,' }, {}).allowedHosts).toEqual(['10.0.0.5', 'hooks.internal']);
    expect(resolveConfig({}, {}).allowedHosts).toEqual([]);
  });

  it('SWITCHYARD_SQLITE_SYNCHRONOUS chooses the durability of commits; the server opens its store with it', async () => {
    expect(resolveConfig({}, {}).synchronous).toBe('NORMAL');
    expect(resolveConfig({ SWITCHYARD_SQLITE_SYNCHRONOUS: 'full' }, {}).synchronous).toBe('FULL');
    expect(() => resolveConfig({ SWITCHYARD_SQLITE_SYNCHRONOUS: 'off' }, {})).toThrow(/expected normal or full/);
    const h = await startHarness({ env: { SWITCHYARD_SQLITE_SYNCHRONOUS: 'full' } });
    try {
      expect(h.server.store.settings()).toMatchObject({ journalMode: 'wal', synchronous: 'FULL' });
    } finally {
      await h.close();
    }
  });

  it('import stores a valid workflow, refuses an invalid one; api-key create prints a working key', async () => {
    const dataDir = tempDir();
    const config = resolveConfig({}, { dataDir });
    const file = path.join(dataDir, 'wf.json');
    fs.writeFileSync(file, JSON.stringify(manualWorkflow('Imported')));
    const { id } = await importWorkflow(config, file);
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 1, name: 'bad' }));
    await expect(importWorkflow(config, file)).rejects.toThrow(/not a valid workflow/);
    const secret = await createApiKeyCommand(config, 'ci');
    const h = await startHarness({ apiKey: null, dataDir });
    try {
      // A key exists, so no sign-in link is printed.
      expect(h.announced).toHaveLength(0);
      const res = await h.raw('GET', `/api/workflows/${id}`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.json.name).toBe('Imported');
    } finally {
      await h.close();
    }
  });

  it('api-key list shows keys without secrets; revoke removes one but never the last way in', async () => {
    const dataDir = tempDir();
    const config = resolveConfig({}, { dataDir });
    const first = await createApiKeyCommand(config, 'first');
    await createApiKeyCommand(config, 'second');
    const lines = await listApiKeysCommand(config);
    expect(lines.map((l) => l.split('\t')[2])).toEqual(['first', 'second']);
    expect(lines.join('\n')).not.toContain(first);
    const [firstId, secondId] = lines.map((l) => l.split('\t')[0]!);
    expect(await revokeApiKeyCommand(config, 'key_nothing')).toBe(false);
    expect(await revokeApiKeyCommand(config, firstId!)).toBe(true);
    expect(await revokeApiKeyCommand(config, secondId!)).toBe('last');
    expect(await listApiKeysCommand(config)).toHaveLength(1);
  });
});
