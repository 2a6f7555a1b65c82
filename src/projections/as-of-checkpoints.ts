import { toTimelineEvent } from '../events/domain/timeline-events.js';
import { readPages, type EventLog } from '../events/store/event-log.js';
import type { Projection } from './projection.js';
import type { FoldLimit, ProjectionResult } from './projection-runner.js';

export interface AsOfCheckpointOptions {
  /** A checkpoint is kept every this many events (it doubles when the checkpoints pass maxBytes). */
  readonly every?: number;
  /** What the kept checkpoints may take together (their serialized states, in characters). */
  readonly maxBytes?: number;
}

interface Checkpoint {
  readonly position: number;
  /** When the event at `position` was appended: instants before it fold from an earlier checkpoint. */
  readonly at: string;
  /** The projection's state after `position`, serialized (a fresh copy on every use). */
  readonly state: string;
}

/**
 * "The timeline as it was known at position P / at 18:00" without folding the whole log per
 * request: folds start at the nearest stored checkpoint at or before the limit and replay at most
 * `every` events. Checkpoints are taken while folding (the first as-of request past a stretch of the
 * log pays for that stretch once) and kept in memory within `maxBytes`; when they would pass it
 * the spacing doubles and every other one goes, so memory stays bounded as the log grows.
 */
export class AsOfCheckpoints<S> {
  private readonly checkpoints: Checkpoint[] = [];
  private every: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(
    private readonly projection: Projection<S>,
    private readonly log: EventLog,
    options: AsOfCheckpointOptions = {},
  ) {
    this.every = Math.max(1, options.every ?? 1000);
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** How many checkpoints are held, and their spacing (for tests and the bench). */
  get stats(): { count: number; every: number; bytes: number } {
    return { count: this.checkpoints.length, every: this.every, bytes: this.bytes };
  }

  async fold(limit: FoldLimit): Promise<ProjectionResult<S> & { replayed: number }> {
    const base = this.nearest(limit);
    const state = base ? (JSON.parse(base.state) as S) : this.projection.initial();
    let position = base?.position ?? 0;
    let replayed = 0;
    for await (const page of readPages(this.log, { from: position + 1, to: limit.toPosition, until: limit.until })) {
      for (const recorded of page) {
        this.projection.apply(state, toTimelineEvent(recorded));
        position = recorded.position;
        replayed++;
        if (position % this.every === 0) this.keep(position, recorded.at, state);
      }
    }
    return { state, position, replayed };
  }

  private nearest(limit: FoldLimit): Checkpoint | undefined {
    const untilMs = limit.until !== undefined ? Date.parse(limit.until) : undefined;
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const checkpoint = this.checkpoints[i];
      if (!checkpoint) continue;
      if (limit.toPosition !== undefined && checkpoint.position > limit.toPosition) continue;
      if (untilMs !== undefined && Date.parse(checkpoint.at) > untilMs) continue;
      return checkpoint;
    }
    return undefined;
  }

  private keep(position: number, at: string, state: S): void {
    if (this.checkpoints.some((checkpoint) => checkpoint.position === position)) return;
    let serialized: string;
    try {
      serialized = JSON.stringify(state);
    } catch {
      return; // Past what a string holds: no checkpoint, folds start earlier.
    }
    if (serialized.length > this.maxBytes / 4) return;
    const index = this.checkpoints.findIndex((checkpoint) => checkpoint.position > position);
    this.checkpoints.splice(index < 0 ? this.checkpoints.length : index, 0, { position, at, state: serialized });
    this.bytes += serialized.length;
    while (this.bytes > this.maxBytes && this.checkpoints.length > 1) {
      this.every *= 2;
      for (let i = this.checkpoints.length - 1; i >= 0; i--) {
        const checkpoint = this.checkpoints[i];
        if (checkpoint && checkpoint.position % this.every !== 0) {
          this.checkpoints.splice(i, 1);
          this.bytes -= checkpoint.state.length;
        }
      }
    }
  }
}
