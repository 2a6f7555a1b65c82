import { toTimelineEvent } from '../events/domain/timeline-events.js';
import { readPages, type EventLog } from '../events/store/event-log.js';
import { AsOfCheckpoints, type AsOfCheckpointOptions, type FoldLimit } from './as-of-checkpoints.js';
import type { Projection } from './projection.js';
import type { ProjectionStore } from './projection-store.js';
import { decodeStateChunks, encodeStateChunks, isSnapshotTooLargeError } from './stores/state-chunks.js';

export type { FoldLimit } from './as-of-checkpoints.js';

export interface ProjectionResult<S> {
  readonly state: S;
  /** The last log position applied (0: none). */
  readonly position: number;
}

/** Folds the log from scratch, up to a limit. Pure apart from reading the log. */
export async function foldLog<S>(
  projection: Projection<S>,
  log: EventLog,
  limit: FoldLimit = {},
): Promise<ProjectionResult<S>> {
  const state = projection.initial();
  let position = 0;
  for await (const page of readPages(log, { to: limit.toPosition, until: limit.until })) {
    for (const recorded of page) projection.apply(state, toTimelineEvent(recorded));
    position = page[page.length - 1]?.position ?? position;
  }
  return { state, position };
}

/**
 * What a stored snapshot may take, in characters of its state chunks, before it is skipped
 * (default 2 G; `TIMELINE_SNAPSHOT_MAX_CHARS`). The snapshot is only a cache: a state past it is
 * folded from the log by the next process instead of filling the disk or Redis.
 */
export const DEFAULT_MAX_SNAPSHOT_CHARS = 2 * 1024 * 1024 * 1024;

export interface ProjectionRunnerOptions {
  /** Spacing and memory of the as-of checkpoints, stored with the snapshot (as-of-checkpoints.ts). */
  readonly checkpoints?: AsOfCheckpointOptions;
  /** Default: `TIMELINE_SNAPSHOT_MAX_CHARS`, else DEFAULT_MAX_SNAPSHOT_CHARS. */
  readonly maxSnapshotChars?: number;
  /** Characters per stored chunk (stores/state-chunks.ts). */
  readonly chunkChars?: number;
}

function maxSnapshotCharsFromEnv(): number {
  const value = Number(process.env.TIMELINE_SNAPSHOT_MAX_CHARS);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_SNAPSHOT_CHARS;
}

/** The first chunk of a stored state: a snapshot of another projection or version is rebuilt. */
interface StoredVersion {
  readonly projection: string;
  readonly version: number;
}

/**
 * Keeps one projection up to date with the log, and its snapshot (state + checkpoint + as-of
 * checkpoints, written together) in a ProjectionStore so the next process starts where this one stopped.
 */
export class ProjectionRunner<S> {
  private current: ProjectionResult<S>;
  private loaded = false;
  private pending: Promise<unknown> = Promise.resolve();
  private readonly asOf: AsOfCheckpoints<S>;
  private readonly maxSnapshotChars: number;

  constructor(
    private readonly projection: Projection<S>,
    private readonly log: EventLog,
    private readonly store?: ProjectionStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.current = { state: projection.initial(), position: 0 };
    this.asOf = new AsOfCheckpoints(projection, log, { chunkChars: options.chunkChars, ...options.checkpoints });
    this.maxSnapshotChars = options.maxSnapshotChars ?? maxSnapshotCharsFromEnv();
  }

  get position(): number {
    return this.current.position;
  }

  /** The as-of checkpoints held (for tests and the bench). */
  get checkpointStats(): AsOfCheckpoints<S>['stats'] {
    return this.asOf.stats;
  }

  /** Applies everything appended since the checkpoint and returns the state. */
  catchUp(): Promise<ProjectionResult<S>> {
    return this.serialized(() => this.applyNewEvents());
  }

  /**
   * The state as it was at a log position or instant: from the nearest as-of checkpoint (stored
   * with the snapshot, loaded on open) plus a short replay. A fresh state: the caller may keep it.
   */
  async foldAsOf(limit: FoldLimit): Promise<ProjectionResult<S> & { replayed: number }> {
    // Checked again inside: two requests may both find it not loaded yet.
    if (!this.loaded) await this.serialized(async () => (this.loaded ? undefined : this.load()));
    return this.asOf.fold(limit);
  }

  // Serialized: two overlapping catch-ups would apply the same events twice to the one state.
  private serialized<T>(step: () => Promise<T>): Promise<T> {
    const run = this.pending.then(step);
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async applyNewEvents(limit: FoldLimit = {}): Promise<ProjectionResult<S>> {
    if (!this.loaded) await this.load();
    let { position } = this.current;
    const { state } = this.current;
    for await (const page of readPages(this.log, { from: position + 1, to: limit.toPosition, until: limit.until })) {
      for (const recorded of page) {
        this.projection.apply(state, toTimelineEvent(recorded));
        position = recorded.position;
        this.asOf.offer(position, recorded.at, state);
      }
    }
    this.current = { state, position };
    return this.current;
  }

  /**
   * Saves state, position and as-of checkpoints in one atomic publish. A state past
   * `maxSnapshotChars` is not saved (false): the snapshot is only a cache, the next process folds
   * the log instead of failing, and the last snapshot saved stays valid (an earlier position).
   */
  async save(): Promise<boolean> {
    if (!this.store) return false;
    let chunks: string[];
    try {
      chunks = this.chunks();
    } catch (error) {
      if (isSnapshotTooLargeError(error)) return false;
      throw error;
    }
    return this.store.save(this.projection.name, {
      position: this.current.position,
      chunks,
      checkpoints: this.asOf.stored(),
    });
  }

  /** The stored form of the state: a version chunk, then the state's chunks (stores/state-chunks.ts). */
  private chunks(): string[] {
    const version: StoredVersion = { projection: this.projection.name, version: this.projection.version };
    const header = JSON.stringify(version);
    return [
      header,
      ...encodeStateChunks(this.current.state as object, {
        maxChunkChars: this.options.chunkChars,
        maxTotalChars: this.maxSnapshotChars - header.length,
      }),
    ];
  }

  /**
   * The whole state as one JSON text: what a rebuild must reproduce byte for byte (tests compare
   * it; the stored form is `chunks()`, which never needs one string this large).
   */
  serialize(): string {
    return JSON.stringify({
      projection: this.projection.name,
      version: this.projection.version,
      state: this.current.state,
    });
  }

  /** Throws away the state, the checkpoints and the snapshot, then folds the log again up to a limit. */
  rebuild(limit: FoldLimit = {}): Promise<ProjectionResult<S>> {
    return this.serialized(async () => {
      await this.store?.clear(this.projection.name);
      this.asOf.clear();
      this.current = { state: this.projection.initial(), position: 0 };
      this.loaded = true;
      const result = await this.applyNewEvents(limit);
      await this.save();
      return result;
    });
  }

  private async load(): Promise<void> {
    this.loaded = true;
    const snapshot = await this.store?.load(this.projection.name);
    if (!snapshot) return;
    const [header, ...chunks] = snapshot.chunks;
    try {
      const stored = JSON.parse(header ?? 'null') as Partial<StoredVersion> | null;
      if (stored?.projection !== this.projection.name || stored.version !== this.projection.version) return;
      this.current = { state: decodeStateChunks(chunks) as S, position: snapshot.position };
      this.asOf.restore(snapshot.checkpoints, snapshot.position);
    } catch {
      // A snapshot that does not parse is only a cache: fold from the log instead.
      this.current = { state: this.projection.initial(), position: 0 };
      this.asOf.clear();
    }
  }
}
