import { initial } from './001-initial.js';
import { access } from './002-access.js';
import type { Migration } from './migration.js';

/** Every migration, in order. The last one's version is the schema version this build writes. */
export const MIGRATIONS: readonly Migration[] = [initial, access];

export type { Migration } from './migration.js';
