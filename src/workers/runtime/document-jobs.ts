/**
 * The document job, as every transport runs it: the payload to processDocument, and a failure
 * turned into what the transport understands. The in-process queue retries through the retry
 * policy (retry-policy.ts), which asks the same classification; BullMQ gets UnrecoverableError
 * for a failure of the document itself, with the failure recorded on the job as data.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { EventLog } from '../../events/store/event-log.js';
import { recordFailureOn } from '../bullmq/failed-job.js';
import { processDocument, type ProcessDocumentOptions, type ProcessedDocument } from '../process-document.js';
import { classifyFailure, failureReasonOf } from './job-failure.js';

export interface DocumentJob {
  readonly id?: string;
  readonly payload: unknown;
}

export type DocumentJobHandler = (job: DocumentJob) => Promise<ProcessedDocument>;

export function documentJobHandler(log: EventLog, options: Omit<ProcessDocumentOptions, 'jobId'>): DocumentJobHandler {
  return (job) => processDocument(log, job.payload, { ...options, ...(job.id !== undefined ? { jobId: job.id } : {}) });
}

/** The handler as a BullMQ processor. */
export function bullmqDocumentProcessor(handle: DocumentJobHandler): (job: Job) => Promise<ProcessedDocument> {
  return async (job) => {
    try {
      return await handle({ ...(job.id !== undefined ? { id: job.id } : {}), payload: job.data });
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.retryable) throw error;
      // A failure of the document itself fails the same way every time: no retries, and its code
      // kept as data on the job (failed-job.ts), its reason as text for people.
      await recordFailureOn(job, failure);
      throw new UnrecoverableError(failureReasonOf(failure));
    }
  };
}
