import { createHash } from 'node:crypto';
import { newTimelineEvent, RECONCILIATION_STREAM } from '../events/domain/timeline-events.js';
import { isConcurrencyError } from '../events/store/errors.js';
import type { EventLog } from '../events/store/event-log.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import {
  analysesOf,
  diffReconciliation,
  needsReconciliation,
  type TimelineReconciler,
  type TimelineState,
} from '../projections/timeline-projection.js';
import { reconcileTimeline } from '../reconcile/reconcile-timeline.js';
import { RECONCILE_RETRY } from './runtime/retry-policy.js';

export interface ReconcileOutcome {
  /** 'appended': a TimelineReconciled event was written; 'up-to-date': nothing new to reconcile. */
  readonly result: 'appended' | 'up-to-date';
  readonly position: number;
  readonly attempts: number;
}

/**
 * Runs the pure cross-document reconciliation over what the projection knows and appends what
 * changed as one TimelineReconciled event: with a `reconciler` (kept by the process between runs)
 * only the stories of the documents analysed since its last run are reconciled again, with the
 * same result as reconciling everything (without one). Optimistic concurrency on the reconciliation
 * stream makes concurrent reconcilers (several workers, several machines) safe: the version is read
 * before the state, so a reconciler whose view went stale fails its append, re-reads and retries,
 * and the last successful append has seen every analysis appended before it.
 */
export async function reconcileTimelineStep(
  log: EventLog,
  runner: ProjectionRunner<TimelineState>,
  options: { maxAttempts?: number; reconciler?: TimelineReconciler } = {},
): Promise<ReconcileOutcome> {
  const maxAttempts = options.maxAttempts ?? RECONCILE_RETRY.maximumAttempts;
  for (let attempt = 1; ; attempt++) {
    const version = await log.streamVersion(RECONCILIATION_STREAM);
    const { state, position } = await runner.catchUp();
    if (!needsReconciliation(state)) return { result: 'up-to-date', position, attempts: attempt };
    const change = options.reconciler
      ? options.reconciler.change(state, position)
      : diffReconciliation(state, reconcileTimeline(analysesOf(state)), position);
    if (!change) return { result: 'up-to-date', position, attempts: attempt };
    const id = `reconciliation:${createHash('sha256').update(JSON.stringify(change)).digest('hex').slice(0, 24)}`;
    try {
      const appended = await log.append(RECONCILIATION_STREAM, [newTimelineEvent('TimelineReconciled', id, change)], {
        expectedVersion: version,
      });
      options.reconciler?.committed(position);
      return { result: 'appended', position: appended.globalPosition, attempts: attempt };
    } catch (error) {
      if (!isConcurrencyError(error) || attempt >= maxAttempts) throw error;
    }
  }
}
