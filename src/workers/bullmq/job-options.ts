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
