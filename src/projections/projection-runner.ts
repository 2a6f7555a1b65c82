import { toTimelineEvent } from '../events/domain/timeline-events.js';
import { readPages, type EventLog } from '../events/store/event-log.js';
import type { Projection } from './projection.js';
import type { ProjectionStore } from './projection-store.js';

export interface ProjectionResult<S> {
  readonly state: S;
  /** The last log position applied (0: none). */
  readonly position: number;
}

/** Where a fold stops: a log position, or an instant ("as it was known at 18:00"). */
export interface FoldLimit {
  readonly toPosition?: number;
  readonly until?: string;
}

/** Folds the log from scratch, up to a limit. Pure apart from reading the log. */
export async function foldLog<S>(projection: Projection<S>, log: EventLog, limit: FoldLimit = {}): Promise<ProjectionResult<S>> {
  const state = projection.initial();
  let position = 0;
  for await (const page of readPages(log, { to: limit.toPosition, until: limit.until })) {
    for (const recorded of page) projection.apply(state, toTimelineEvent(recorded));
    position = page[page.length - 1]?.position ?? position;
  }
  return { state, position };
}

interface StoredSnapshot<S> {
  readonly projection: string;
  readonly version: number;
  readonly state: S;
}

/**
 * Keeps one projection up to date with the log, and its snapshot (state + checkpoint, written
 * together) in a ProjectionStore so the next process starts where this one stopped.
 */
export class ProjectionRunner<S> {
  private current: ProjectionResult<S>;
  private loaded = false;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly projection: Projection<S>,
    private readonly log: EventLog,
    private readonly store?: ProjectionStore,
  ) {
    this.current = { state: projection.initial(), position: 0 };
  }

  get position(): number {
    return this.current.position;
  }

  /** Applies everything appended since the checkpoint and returns the state. */
  catchUp(): Promise<ProjectionResult<S>> {
    // Serialized: two overlapping catch-ups would apply the same events twice to the one state.
    const run = this.pending.then(() => this.applyNewEvents());
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async applyNewEvents(): Promise<ProjectionResult<S>> {
    if (!this.loaded) await this.load();
    let { position } = this.current;
    const { state } = this.current;
    for await (const page of readPages(this.log, { from: position + 1 })) {
      for (const recorded of page) {
        this.projection.apply(state, toTimelineEvent(recorded));
        position = recorded.position;
      }
    }
    this.current = { state, position };
    return this.current;
  }

  /**
   * Saves state and checkpoint in one write. A state past what one string holds is not saved
   * (false): the snapshot is only a cache, the next process folds the log instead of failing.
   */
  async save(): Promise<boolean> {
    if (!this.store) return false;
    try {
      await this.store.save(this.projection.name, { position: this.current.position, state: this.serialize() });
    } catch (error) {
      if (error instanceof RangeError && /string length/i.test(error.message)) return false;
      throw error;
    }
    return true;
  }

  /** The stored form of the state: what a rebuild must reproduce byte for byte. */
  serialize(): string {
    const snapshot: StoredSnapshot<S> = { projection: this.projection.name, version: this.projection.version, state: this.current.state };
    return JSON.stringify(snapshot);
  }

  /** Throws away the state and the snapshot, then folds the log again up to a limit. */
  async rebuild(limit: FoldLimit = {}): Promise<ProjectionResult<S>> {
    await this.store?.clear(this.projection.name);
    this.current = await foldLog(this.projection, this.log, limit);
    this.loaded = true;
    await this.save();
    return this.current;
  }

  private async load(): Promise<void> {
    this.loaded = true;
    const snapshot = await this.store?.load(this.projection.name);
    if (!snapshot) return;
    try {
      const parsed = JSON.parse(snapshot.state) as Partial<StoredSnapshot<S>>;
      if (parsed.projection === this.projection.name && parsed.version === this.projection.version && parsed.state !== undefined) {
        this.current = { state: parsed.state, position: snapshot.position };
      }
    } catch {
      // A snapshot that does not parse is only a cache: fold from the log instead.
    }
  }
}
