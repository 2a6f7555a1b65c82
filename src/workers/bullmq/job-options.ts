import type { JobsOptions } from 'bullmq';

/**
 * Transient failures (Redis briefly gone, a lock lost) retry with exponential backoff; bad input
 * fails at once (UnrecoverableError). Retention is bounded so Redis memory stays flat.
 */
export const DOCUMENT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

export const RECONCILE_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 200 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1000 },
};

/**
 * BullMQ's failed reason for a job that stalled more than maxStalledCount times (default 1): its
 * worker died under it twice. Such a document is failed for good (WORKER_DIED), not queued again.
 */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';
