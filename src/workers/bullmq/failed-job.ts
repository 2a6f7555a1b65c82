/**
 * A BullMQ job's failure as data. BullMQ keeps a failed job's reason as text only (failedReason,
 * which stays `CODE: message` for people and dashboards); the failure itself travels in the job's
 * progress field, written by the worker before it fails the job, and read back through zod by any
 * process that looks at the job (`GET /documents/:id`, `timeline status`).
 */
import type { Job } from 'bullmq';
import { z } from 'zod';
import { JobFailure } from '../runtime/job-failure.js';

const FailedJobProgress = z.object({ failure: JobFailure });

/** Written while the worker still holds the job's lock, before it throws UnrecoverableError. */
export async function recordFailureOn(job: Job, failure: JobFailure): Promise<void> {
  await job.updateProgress({ failure });
}

/** The failure a worker recorded on the job; undefined for a job that failed otherwise (retries spent, stalled). */
export function recordedFailureOf(job: Pick<Job, 'progress'>): JobFailure | undefined {
  const parsed = FailedJobProgress.safeParse(job.progress);
  return parsed.success ? parsed.data.failure : undefined;
}

/**
 * BullMQ's failed reason for a job that stalled more than maxStalledCount times (default 1): its
 * worker died under it twice. BullMQ fails such a job itself, with this text as its only data.
 * Such a document is failed for good (WORKER_DIED), not queued again.
 */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';
