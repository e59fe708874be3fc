/** How many transactions the store committed and how many writes they carried. */
export interface CommitStats {
  transactions: number;
  writes: number;
}

/** Whether the store's checkpoints run in the background, how many have, and the log's size in frames. */
export interface CheckpointStats {
  mode: 'background' | 'inline';
  checkpoints: number;
  walFrames: number;
}

/** What readiness and /metrics ask of the store about itself. */
export interface StoreHealth {
  /** Commits a one-row write through the normal write path: resolves only if the store can commit. */
  probeCommit(at: number): Promise<void>;
  groupCommitStats(): CommitStats;
  checkpointStats(): CheckpointStats;
}
