/**
 * Where a projection keeps its state together with its checkpoint (the last log position it
 * applied) and its as-of checkpoints. All of it is published in one atomic step, so after a crash
 * the state never runs ahead of, or behind, its position, and a reader sees one whole snapshot.
 * Adapters: `file-projection-store.ts` (embedded), `redis-projection-store.ts`.
 *
 * States are stored in chunks (stores/state-chunks.ts): no step needs one string as large as the
 * state, so a snapshot cannot fail for being past what a string holds.
 */

/** The state at an earlier position, kept for as-of views (a fold starts there, not at the log's start). */
export interface StoredCheckpoint {
  /**
   * Names the content: one id always holds the same chunks (the runner builds it from the
   * projection's version and the position), so a store writes a checkpoint once and keeps it.
   */
  readonly id: string;
  readonly position: number;
  /** When the event at `position` was appended (as-of views by instant). */
  readonly at: string;
  readonly chunks: readonly string[];
}

export interface ProjectionSnapshot {
  /** Last applied global position of the log (0: nothing applied). */
  readonly position: number;
  /** The projection's serialized state, in order (each chunk well within a string). */
  readonly chunks: readonly string[];
  /** Oldest first; at most what the runner keeps (as-of-checkpoints.ts bounds their number and size). */
  readonly checkpoints: readonly StoredCheckpoint[];
}

export interface ProjectionStore {
  load(name: string): Promise<ProjectionSnapshot | undefined>;
  /**
   * Replaces the stored snapshot and its checkpoints atomically. Resolves false when it was not
   * published because a snapshot of a later position was published meanwhile (another process).
   */
  save(name: string, snapshot: ProjectionSnapshot): Promise<boolean>;
  /** Removes the snapshot and every checkpoint. */
  clear(name: string): Promise<void>;
}
