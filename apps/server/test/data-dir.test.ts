import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe('the data directory', () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-data-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is private, and so are the database and its WAL: an existing readable directory is tightened', async () => {
    const dataDir = path.join(freshDir(), 'data');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    const h = await startHarness({ dataDir });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'switchyard.db'))).toBe(0o600);
      await h.api('POST', '/api/workflows', { schemaVersion: 1, name: 'w', nodes: [{ id: 't', type: 'trigger.manual' }], edges: [] });
      expect(modeOf(path.join(dataDir, 'switchyard.db-wal'))).toBe(0o600);
      expect(h.logs.join('')).toContain('now private');
    } finally {
      await h.close();
    }
  });

  it('one database, one server: a second server on it is refused with a clear message; a lock left by a dead process is taken over', async () => {
    const dataDir = freshDir();
    const first = await startHarness({ dataDir });
    try {
      // Another process, started as a user would: refused, naming the process that holds it.
      const cli = new URL('../src/cli.ts', import.meta.url).pathname;
      const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SWITCHYARD_API_KEY: 'sk_test_second_server_000000000000' } });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).not.toBe(0);
      expect(output).toContain(`in use by another Switchyard server (process ${process.pid})`);
      expect(output).not.toMatch(/\n\s+at .*:\d+:\d+/);
      await expect(startHarness({ dataDir })).rejects.toThrow(/already open in this process/);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'switchyard.db.lock'))).toBe(false);
    // A process that died holding it (a pid no process has): the next server takes the lock over.
    fs.writeFileSync(path.join(dataDir, 'switchyard.db.lock'), '2147483646\n');
    const second = await startHarness({ dataDir });
    await second.close();
  });
});
