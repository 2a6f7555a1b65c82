/**
 * How jobs are retried, said once and turned into what each transport takes: BullMQ's JobsOptions
 * (attempts + exponential backoff) and the in-process queue's retry. Only failures that say a
 * retry can succeed are retried (job-failure.ts); the others fail at once.
 */
import type { JobsOptions } from 'bullmq';
import type { InProcessRetry } from '../in-process-queue.js';
import { classifyFailure } from './job-failure.js';

export interface RetryPolicy {
  /** Runs of one job in all, the first included. */
  readonly maximumAttempts: number;
  /** The wait before the second run; each later wait doubles. */
  readonly initialIntervalMs: number;
}

/**
 * A document job. Across Redis a retry mostly waits for Redis (a restart, a failover) or another
 * machine, so the first wait is long; in one process it only waits out another job of this process
 * (a correction that lost a race for its revision number, a log write that failed for a moment).
 */
export const DOCUMENT_RETRY = {
  bullmq: { maximumAttempts: 6, initialIntervalMs: 500 },
  inProcess: { maximumAttempts: 6, initialIntervalMs: 50 },
} as const satisfies Record<'bullmq' | 'inProcess', RetryPolicy>;

/**
 * A reconciliation: a version conflict on the reconciliation stream means another reconciler
 * appended first; it is retried at once within the step (a fresh read is the fix), and the whole
 * job again with a backoff when the step gave up or the log failed.
 */
export const RECONCILE_RETRY: RetryPolicy = { maximumAttempts: 10, initialIntervalMs: 200 };

/** BullMQ's form of a policy: its exponential backoff waits `delay × 2^(attempt-1)`, as the in-process queue does. */
export function toJobsOptions(policy: RetryPolicy): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: policy.maximumAttempts, backoff: { type: 'exponential', delay: policy.initialIntervalMs } };
}

/** The in-process queue's form of a policy. */
export function toInProcessRetry(policy: RetryPolicy): InProcessRetry {
  return {
    attempts: policy.maximumAttempts,
    backoffMs: policy.initialIntervalMs,
    isRetryable: (error) => classifyFailure(error).retryable,
  };
}
