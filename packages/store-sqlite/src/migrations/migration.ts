/** One schema change. Never edit a released migration: add the next one. */
export interface Migration {
  /** Rising (1, 2, 3, …; a version still on another branch may be skipped); recorded in `schema_migrations`. */
  readonly version: number;
  readonly name: string;
  /** Run inside the migration's own transaction. */
  readonly sql: string;
}
