import type { TimelineEvent } from '../events/domain/timeline-events.js';

/** A fold of the log. `apply` mutates the state in place and must be deterministic. */
export interface Projection<S> {
  readonly name: string;
  /** Snapshots stored under another version are discarded and rebuilt. */
  readonly version: number;
  initial(): S;
  apply(state: S, event: TimelineEvent): void;
}
