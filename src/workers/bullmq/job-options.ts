import type { JobsOptions } from 'bullmq';
import { DOCUMENT_RETRY, RECONCILE_RETRY, toJobsOptions } from '../runtime/retry-policy.js';

/**
 * Retries as the runtime's retry policy says (a failure of the document itself fails at once,
 * through UnrecoverableError). Retention is bounded so Redis memory stays flat.
 */
export const DOCUMENT_JOB_OPTIONS: JobsOptions = {
  ...toJobsOptions(DOCUMENT_RETRY.bullmq),
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

export const RECONCILE_JOB_OPTIONS: JobsOptions = {
  ...toJobsOptions(RECONCILE_RETRY),
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1000 },
};
