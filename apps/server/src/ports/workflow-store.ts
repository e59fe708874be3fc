import type { Store, StoredWorkflow } from '@switchyard/engine';
import type { Workflow } from '@switchyard/schema';

/**
 * The engine's workflow storage plus the one write the server adds: an edit computed from a
 * version (an applied suggestion, a PATCH) lands only while that version is still the latest.
 */
export interface WorkflowStore
  extends Pick<Store, 'createWorkflow' | 'updateWorkflow' | 'getWorkflow' | 'getWorkflowVersion' | 'listWorkflows' | 'listWorkflowVersions' | 'setWorkflowActive' | 'deleteWorkflow'> {
  /** A new version only while `version` is the latest: 'moved' when not, undefined when there is no such workflow. */
  updateWorkflowIfLatest(id: string, version: number, definition: Workflow, at: number): Promise<StoredWorkflow | 'moved' | undefined>;
}
