import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fullNodeRecord, runRecord } from '@switchyard/testkit';
import { RETENTION_DEFAULTS } from '@switchyard/schema';
import { backupDatabase } from '../src/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe('retention in the SQLite store', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('a new file gives freed pages back (auto_vacuum INCREMENTAL); a file of an earlier build is converted once', async () => {
    db = tempDb();
    (await db.open({ checkpoints: 'inline' }).close());
    const fresh = new Database(db.file);
    expect(fresh.pragma('auto_vacuum', { simple: true })).toBe(2);
    // As an earlier build left it: auto_vacuum NONE, with data in it.
    fresh.pragma('auto_vacuum = NONE');
    fresh.exec('VACUUM');
    expect(fresh.pragma('auto_vacuum', { simple: true })).toBe(0);
    fresh.close();
    const store = db.open({ checkpoints: 'inline' });
    await store.close();
    const converted = new Database(db.file);
    expect(converted.pragma('auto_vacuum', { simple: true })).toBe(2);
    converted.close();
  });

  it('prunes by age in batches of the given size, keeps unfinished runs, totals what went, and the file shrinks', async () => {
    db = tempDb();
    const store = db.open({ checkpoints: 'inline' });
    for (let i = 0; i < 600; i++) {
      const createdAt = NOW - 100 * DAY + i * 1000;
      await store.createRun(runRecord(`r${i}`, { status: i < 5 ? 'running' : 'succeeded', createdAt, finishedAt: i < 5 ? null : createdAt + 10 }), [fullNodeRecord(`r${i}`, 'a', { output: { big: 'z'.repeat(4000) } })]);
    }
    await store.close();
    const before = fs.statSync(db.file).size;
    const again = db.open({ checkpoints: 'inline' });
    const first = await again.pruneRuns(RETENTION_DEFAULTS, NOW, 100);
    expect(first).toMatchObject({ pruned: 100, byAge: 100, more: true });
    let report = first;
    while (report.more) report = await again.pruneRuns(RETENTION_DEFAULTS, NOW, 100);
    expect((await again.listRuns({ limit: 10 })).items.map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(again.runHistoryExtent().pruned.byStatus).toEqual({ succeeded: 595 });
    while ((await again.vacuumStep(1000)) > 0);
    await again.close();
    expect(fs.statSync(db.file).size).toBeLessThan(before / 4);
  });

  it('backup: a consistent copy opens on its own and holds every committed run', async () => {
    db = tempDb();
    const store = db.open();
    for (let i = 0; i < 50; i++) await store.createRun(runRecord(`b${i}`, { status: 'succeeded', finishedAt: 1 }), [fullNodeRecord(`b${i}`, 'a')]);
    const dest = `${db.file}.backup`;
    const result = await backupDatabase(db.file, dest);
    expect(result).toMatchObject({ file: dest, runs: 50 });
    await expect(backupDatabase(db.file, dest)).rejects.toThrow(/exists/);
    await store.close();
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 50 });
    copy.close();
    fs.rmSync(dest);
  });
});
