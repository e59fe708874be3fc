import type { StoredWorkflow, WorkflowSummary } from '@switchyard/engine';
import { ConflictError, type Workflow } from '@switchyard/schema';
import { compareText } from './keys.js';

interface WorkflowEntry {
  id: string;
  active: boolean;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Index i holds version i + 1; versions are never removed. */
  versions: Array<{ definition: Workflow; createdAt: number }>;
}

/** Workflows and their immutable versions; a deleted workflow keeps its id and its versions. */
export class MemoryWorkflows {
  readonly #entries = new Map<string, WorkflowEntry>();

  /** Version 1, inactive. An id ever used (even deleted) is a ConflictError. */
  create(id: string, definition: Workflow, at: number): StoredWorkflow {
    if (this.#entries.has(id)) throw new ConflictError(`workflow ${id} already exists`);
    this.#entries.set(id, { id, active: false, deletedAt: null, createdAt: at, updatedAt: at, versions: [{ definition: structuredClone(definition), createdAt: at }] });
    return this.#readBack(id);
  }

  /** The next version; undefined when the workflow does not exist or was deleted. */
  addVersion(id: string, definition: Workflow, at: number): StoredWorkflow | undefined {
    const entry = this.#live(id);
    if (entry === undefined) return undefined;
    entry.versions.push({ definition: structuredClone(definition), createdAt: at });
    entry.updatedAt = at;
    return this.#readBack(id);
  }

  /** The latest version of a workflow that is not deleted. */
  get(id: string): StoredWorkflow | undefined {
    const entry = this.#live(id);
    return entry === undefined ? undefined : stored(entry, entry.versions.length, entry.updatedAt);
  }

  /** Any stored version, deleted workflow or not; `updatedAt` is when that version was stored. */
  getVersion(id: string, version: number): StoredWorkflow | undefined {
    const entry = this.#entries.get(id);
    const kept = entry?.versions[version - 1];
    if (entry === undefined || kept === undefined || !Number.isInteger(version)) return undefined;
    return stored(entry, version, kept.createdAt);
  }

  /** Workflows not deleted, ordered by id. */
  list(): WorkflowSummary[] {
    return [...this.#entries.values()]
      .filter((entry) => entry.deletedAt === null)
      .sort((a, b) => compareText(a.id, b.id))
      .map((entry) => ({
        id: entry.id,
        name: latestDefinition(entry).name,
        version: entry.versions.length,
        active: entry.active,
        updatedAt: entry.updatedAt,
      }));
  }

  listVersions(id: string): Array<{ version: number; createdAt: number }> {
    return (this.#entries.get(id)?.versions ?? []).map((kept, index) => ({ version: index + 1, createdAt: kept.createdAt }));
  }

  setActive(id: string, active: boolean, at: number): boolean {
    const entry = this.#live(id);
    if (entry === undefined) return false;
    entry.active = active;
    entry.updatedAt = at;
    return true;
  }

  /** Soft delete: versions stay readable; a deleted workflow is also deactivated. */
  markDeleted(id: string, at: number): boolean {
    const entry = this.#live(id);
    if (entry === undefined) return false;
    entry.deletedAt = at;
    entry.active = false;
    entry.updatedAt = at;
    return true;
  }

  #live(id: string): WorkflowEntry | undefined {
    const entry = this.#entries.get(id);
    return entry?.deletedAt === null ? entry : undefined;
  }

  #readBack(id: string): StoredWorkflow {
    const written = this.get(id);
    if (written === undefined) throw new Error(`workflow ${id} was not readable right after it was written`);
    return written;
  }
}

function latestDefinition(entry: WorkflowEntry): Workflow {
  const latest = entry.versions.at(-1);
  if (latest === undefined) throw new Error(`workflow ${entry.id} has no version`);
  return latest.definition;
}

/** A copy: the caller may change it without changing the store. */
function stored(entry: WorkflowEntry, version: number, updatedAt: number): StoredWorkflow {
  const kept = entry.versions[version - 1];
  if (kept === undefined) throw new Error(`workflow ${entry.id} has no version ${version}`);
  return { id: entry.id, version, active: entry.active, definition: structuredClone(kept.definition), createdAt: entry.createdAt, updatedAt };
}
