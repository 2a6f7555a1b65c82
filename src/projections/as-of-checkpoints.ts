import { toTimelineEvent } from '../events/domain/timeline-events.js';
import { readPages, type EventLog } from '../events/store/event-log.js';
import type { Projection } from './projection.js';
import type { StoredCheckpoint } from './projection-store.js';
import { decodeStateChunks, encodeStateChunks, isSnapshotTooLargeError, totalChars } from './stores/state-chunks.js';

/** Where a fold stops: a log position, or an instant ("as it was known at 18:00"). */
export interface FoldLimit {
  readonly toPosition?: number;
  readonly until?: string;
}

export interface AsOfCheckpointOptions {
  /** A checkpoint is kept every this many events (it doubles when the checkpoints pass maxBytes or maxCount). */
  readonly every?: number;
  /** What the kept checkpoints may take together (their serialized states, in characters). */
  readonly maxBytes?: number;
  /** How many checkpoints are kept at most. */
  readonly maxCount?: number;
  /** Characters per stored chunk (stores/state-chunks.ts). */
  readonly chunkChars?: number;
  /** See `offer` (default CHECKPOINT_CHARS_PER_EVENT; Infinity: every `every` events whatever the state's size). */
  readonly charsPerEvent?: number;
}

/** See `offer`: the characters of state one folded event pays for. */
export const CHECKPOINT_CHARS_PER_EVENT = 1024;

interface Checkpoint {
  readonly position: number;
  /** When the event at `position` was appended: instants before it fold from an earlier checkpoint. */
  readonly at: string;
  /** The projection's state after `position`, serialized in chunks (decoded afresh on every use). */
  readonly chunks: readonly string[];
  readonly chars: number;
}

/**
 * "The timeline as it was known at position P / at 18:00" without folding the whole log per
 * request: folds start at the nearest checkpoint at or before the limit and replay at most `every`
 * events. The projection runner offers a checkpoint every `every` events as it catches up, as-of
 * folds keep one where none was (a log read before checkpoints existed), and the runner stores
 * them with its snapshot, so the next process starts with them. They stay within `maxBytes` and
 * `maxCount`: past either, the spacing doubles and every other one goes.
 */
export class AsOfCheckpoints<S> {
  private readonly checkpoints: Checkpoint[] = [];
  private every: number;
  private readonly maxBytes: number;
  private readonly maxCount: number;
  private readonly chunkChars: number | undefined;
  private readonly charsPerEvent: number;
  private bytes = 0;
  /** Where a state was found past a checkpoint's share (maxBytes / 4). */
  private tooLargeFrom: number | undefined;

  constructor(
    private readonly projection: Projection<S>,
    private readonly log: EventLog,
    options: AsOfCheckpointOptions = {},
  ) {
    this.every = Math.max(1, options.every ?? 1000);
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxCount = Math.max(1, options.maxCount ?? 64);
    this.chunkChars = options.chunkChars;
    this.charsPerEvent = options.charsPerEvent ?? CHECKPOINT_CHARS_PER_EVENT;
  }

  /** How many checkpoints are held, and their spacing (for tests and the bench). */
  get stats(): { count: number; every: number; bytes: number; positions: number[] } {
    return {
      count: this.checkpoints.length,
      every: this.every,
      bytes: this.bytes,
      positions: this.checkpoints.map((c) => c.position),
    };
  }

  async fold(limit: FoldLimit): Promise<{ state: S; position: number; replayed: number }> {
    const base = this.nearest(limit);
    const state = base ? (decodeStateChunks(base.chunks) as S) : this.projection.initial();
    let position = base?.position ?? 0;
    let replayed = 0;
    for await (const page of readPages(this.log, { from: position + 1, to: limit.toPosition, until: limit.until })) {
      for (const recorded of page) {
        this.projection.apply(state, toTimelineEvent(recorded));
        position = recorded.position;
        replayed++;
        this.offer(position, recorded.at, state);
      }
    }
    return { state, position, replayed };
  }

  /**
   * Called after each applied event: keeps a checkpoint when the position is on the spacing and the
   * encoding pays for itself. A checkpoint copies the whole state, so one is taken only when at least
   * `chars / CHECKPOINT_CHARS_PER_EVENT` events passed since the one before: encoding then costs
   * about what folding those events cost (measured: ~20 ns a character, ~20 µs an event), and a
   * large state is checkpointed less often instead of doubling the cost of every fold.
   */
  offer(position: number, at: string, state: S): void {
    if (position % this.every !== 0) return;
    const below = this.nearestBelow(position);
    if (below?.position === position) return;
    const share = this.maxBytes / 4;
    if (below && (below.chars > share || (position - below.position) * this.charsPerEvent < below.chars)) return;
    // A state found past a checkpoint's share is not encoded again further on (it is unlikely to shrink).
    if (this.tooLargeFrom !== undefined && position >= this.tooLargeFrom) return;
    let chunks: string[];
    try {
      chunks = encodeStateChunks(state as object, { maxChunkChars: this.chunkChars, maxTotalChars: share });
    } catch (error) {
      if (!isSnapshotTooLargeError(error)) throw error;
      this.tooLargeFrom = Math.min(this.tooLargeFrom ?? position, position);
      return;
    }
    this.insert({ position, at, chunks, chars: totalChars(chunks) });
  }

  /** The checkpoints as stored with the snapshot; ids name the content (projection version and position). */
  stored(): StoredCheckpoint[] {
    return this.checkpoints.map(({ position, at, chunks }) => ({
      id: `v${this.projection.version}-p${position}`,
      position,
      at,
      chunks,
    }));
  }

  /** Takes the checkpoints of a stored snapshot (of this projection's version) up to `position`. */
  restore(stored: readonly StoredCheckpoint[], position: number): void {
    this.clear();
    for (const { position: at, at: instant, chunks } of stored) {
      if (at > position || at <= 0) continue;
      this.insert({ position: at, at: instant, chunks, chars: totalChars(chunks) });
    }
  }

  clear(): void {
    this.checkpoints.length = 0;
    this.bytes = 0;
    this.tooLargeFrom = undefined;
  }

  private nearestBelow(position: number): Checkpoint | undefined {
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const checkpoint = this.checkpoints[i];
      if (checkpoint && checkpoint.position <= position) return checkpoint;
    }
    return undefined;
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

  private insert(checkpoint: Checkpoint): void {
    if (this.checkpoints.some((kept) => kept.position === checkpoint.position)) return;
    const index = this.checkpoints.findIndex((kept) => kept.position > checkpoint.position);
    this.checkpoints.splice(index < 0 ? this.checkpoints.length : index, 0, checkpoint);
    this.bytes += checkpoint.chars;
    while ((this.bytes > this.maxBytes || this.checkpoints.length > this.maxCount) && this.checkpoints.length > 1) {
      this.every *= 2;
      for (let i = this.checkpoints.length - 1; i >= 0; i--) {
        const kept = this.checkpoints[i];
        if (kept && kept.position % this.every !== 0) {
          this.checkpoints.splice(i, 1);
          this.bytes -= kept.chars;
        }
      }
    }
  }
}
