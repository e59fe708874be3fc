/** One schema change. Never edit a released migration: add the next one. */
export interface Migration {
  /** 1, 2, 3, … with no gaps; recorded in `schema_migrations`. */
  readonly version: number;
  readonly name: string;
  /** Run inside the migration's own transaction. */
  readonly sql: string;
}
