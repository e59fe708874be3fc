import type Database from 'better-sqlite3';
import { SchemaVersionError } from './errors.js';
import type { Migration } from './migrations/index.js';

export interface MigrationResult {
  /** Versions applied by this call, in order (empty when the file was up to date). */
  applied: number[];
  schemaVersion: number;
}

/**
 * Brings the file up to the last of `migrations`, each in its own IMMEDIATE transaction, and
 * refuses a file whose recorded version is newer than any this build knows.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[], path: string): MigrationResult {
  checkOrder(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER NOT NULL PRIMARY KEY,
      name       TEXT    NOT NULL,
      applied_at INTEGER NOT NULL
    )
  `);
  const latest = migrations.at(-1)?.version ?? 0;
  const currentVersion = db.prepare<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );

  const refuseNewer = (): void => {
    const version = currentVersion.get()?.version ?? 0;
    if (version > latest) throw new SchemaVersionError(path, version, latest);
  };
  refuseNewer();

  const applied: number[] = [];
  for (const migration of migrations) {
    if (isApplied.get(migration.version) !== undefined) continue;
    // Checked again under the write lock: another process may have migrated meanwhile.
    const ran = db
      .transaction(() => {
        refuseNewer();
        if (isApplied.get(migration.version) !== undefined) return false;
        db.exec(migration.sql);
        // Wall-clock time is right here: this records when the file was migrated, not business time.
        record.run(migration.version, migration.name, Date.now());
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.version);
  }
  return { applied, schemaVersion: currentVersion.get()?.version ?? 0 };
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : migrations[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected more than ${previous}`);
    }
  });
}
