/**
 * Where a projection keeps its state together with its checkpoint (the last log position it
 * applied). Both are written in one atomic step, so after a crash the state never runs ahead of,
 * or behind, its checkpoint. Adapters: `file-projection-store.ts` (embedded), `redis-projection-store.ts`.
 */
export interface ProjectionSnapshot {
  /** Last applied global position of the log (0: nothing applied). */
  readonly position: number;
  /** The projection's serialized state (JSON text). */
  readonly state: string;
}

export interface ProjectionStore {
  load(name: string): Promise<ProjectionSnapshot | undefined>;
  /** Replaces the stored snapshot atomically. */
  save(name: string, snapshot: ProjectionSnapshot): Promise<void>;
  clear(name: string): Promise<void>;
}
