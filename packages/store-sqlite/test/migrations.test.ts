import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaVersionError } from '../src/index.js';
import { applyMigrations } from '../src/migrate.js';
import { MIGRATIONS, type Migration } from '../src/migrations/index.js';
import { tempDb, type TempDb } from './support/temp-db.js';

interface MigrationRow {
  version: number;
  name: string;
  applied_at: number;
}

function readMigrations(file: string): MigrationRow[] {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare<[], MigrationRow>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
  } finally {
    raw.close();
  }
}

function tableNames(raw: Database.Database): string[] {
  return raw
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}

describe('migrations', () => {
  let db: TempDb;
  afterEach(async () => {
    await db.cleanup();
  });

  it('a new file gets every migration, recorded in schema_migrations, and every table', async () => {
    db = tempDb();
    await db.open().close();
    const rows = readMigrations(db.file);
    expect(rows.map((r) => [r.version, r.name])).toStrictEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    const raw = new Database(db.file, { readonly: true });
    try {
      expect(tableNames(raw)).toStrictEqual([
        'alert_rules',
        'alerts',
        'api_keys',
        'attempts',
        'breaker_transitions',
        'credentials',
        'idempotency_keys',
        'integrations',
        'last_known_good',
        'node_runs',
        'pruned_runs',
        'run_values',
        'runs',
        'schedule_fires',
        'schema_migrations',
        'sessions',
        'signin_tokens',
        'store_probe',
        'timers',
        'workflow_versions',
        'workflows',
      ]);
    } finally {
      raw.close();
    }
  });

  it('reopening an up-to-date file applies nothing', async () => {
    db = tempDb();
    await db.open().close();
    const before = readMigrations(db.file);
    await db.open().close();
    expect(readMigrations(db.file)).toStrictEqual(before);

    const raw = new Database(db.file);
    try {
      expect(applyMigrations(raw, MIGRATIONS, db.file)).toStrictEqual({ applied: [], schemaVersion: MIGRATIONS.at(-1)!.version });
    } finally {
      raw.close();
    }
  });

  it('refuses a file from a newer schema version with a clear error, and leaves it untouched', async () => {
    db = tempDb();
    await db.open().close();
    const raw = new Database(db.file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      MIGRATIONS.at(-1)!.version + 1,
      'from-the-future',
      1,
    );
    raw.close();
    const before = readMigrations(db.file);

    let error: unknown;
    try {
      db.open();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect(error).toMatchObject({ fileVersion: MIGRATIONS.at(-1)!.version + 1, supportedVersion: MIGRATIONS.at(-1)!.version });
    expect(String(error)).toContain(`schema version ${MIGRATIONS.at(-1)!.version + 1}`);
    expect(String(error)).toContain('upgrade Switchyard');
    expect(readMigrations(db.file)).toStrictEqual(before);
  });

  it('applies pending migrations in order, each in its own transaction', () => {
    db = tempDb();
    const raw = new Database(db.file);
    try {
      const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE one (x INTEGER)' };
      const two: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE two (x INTEGER); INSERT INTO one VALUES (2)' };
      const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE three (x INTEGER); CREATE TABLE (' };

      expect(applyMigrations(raw, [one], db.file)).toStrictEqual({ applied: [1], schemaVersion: 1 });
      expect(() => applyMigrations(raw, [one, two, broken], db.file)).toThrow();
      // Two committed on its own; the broken third left nothing behind, not even its first statement.
      expect(tableNames(raw)).toStrictEqual(['one', 'schema_migrations', 'two']);
      expect(raw.prepare('SELECT x FROM one').all()).toStrictEqual([{ x: 2 }]);
      expect(readMigrations(db.file).map((r) => r.version)).toStrictEqual([1, 2]);

      const fixed: Migration = { version: 3, name: 'fixed', sql: 'CREATE TABLE three (x INTEGER)' };
      expect(applyMigrations(raw, [one, two, fixed], db.file)).toStrictEqual({ applied: [3], schemaVersion: 3 });
    } finally {
      raw.close();
    }
  });

  it('runs stored before run modes (migration 12) count as production; the column takes no other mode', () => {
    db = tempDb();
    const raw = new Database(db.file);
    try {
      const beforeModes = MIGRATIONS.filter((m) => m.version < 12);
      applyMigrations(raw, beforeModes, db.file);
      raw
        .prepare(
          `INSERT INTO runs (id, workflow_id, workflow_version, status, degraded, phase, trigger, created_at, started_at, finished_at, stop_reason, completion_seq)
           VALUES ('old', 'wf', 1, 'succeeded', 0, 'ended', '{}', 1, 1, 2, NULL, 1)`,
        )
        .run();
      expect(applyMigrations(raw, MIGRATIONS, db.file).applied).toStrictEqual(MIGRATIONS.filter((m) => m.version >= 12).map((m) => m.version));
      expect(raw.prepare('SELECT mode FROM runs WHERE id = ?').get('old')).toStrictEqual({ mode: 'production' });
      expect(() => raw.prepare("UPDATE runs SET mode = 'rehearsal' WHERE id = 'old'").run()).toThrow(/CHECK/);
    } finally {
      raw.close();
    }
  });

  it('refuses a migration list out of order; a version that lands after a later one is applied then', () => {
    db = tempDb();
    const raw = new Database(db.file);
    try {
      const m = (version: number): Migration => ({ version, name: `m${version}`, sql: 'SELECT 1' });
      expect(() => applyMigrations(raw, [m(2), m(1)], db.file)).toThrow(/expected more than 2/);
      expect(() => applyMigrations(raw, [m(1), m(1)], db.file)).toThrow(/expected more than 1/);
      expect(applyMigrations(raw, [m(1), m(3)], db.file)).toStrictEqual({ applied: [1, 3], schemaVersion: 3 });
      expect(applyMigrations(raw, [m(1), m(2), m(3)], db.file)).toStrictEqual({ applied: [2], schemaVersion: 3 });
    } finally {
      raw.close();
    }
  });
});
